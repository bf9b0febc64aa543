"""TF 1's ``tf.contrib`` as TF 1 code used it, from the libraries that carry it on.

* :mod:`~tf1.contrib.tree`: the one ``tf.contrib`` namespace, contrib's own module
  paths (``tensorflow.contrib.layers.python.layers...``) and the names of early
  TF 1 releases included;
* :mod:`~tf1.contrib.slim`: Google's tf-slim (``contrib.slim``, ``contrib.layers``,
  ``contrib.framework``'s ``arg_scope``, ``contrib.metrics``), made to import;
* :mod:`~tf1.contrib.layers`: what ``contrib.layers``, ``contrib.framework`` and
  ``contrib.util`` had that tf-slim lacks, as TensorFlow's own equivalents;
* :mod:`~tf1.contrib.rnn`: TensorFlow's own v1 RNN cells and functions;
* :mod:`~tf1.contrib.data`: ``tf.data``, TF 1.2-1.3's ``Dataset`` and TF 1.15's
  transformations;
* :mod:`~tf1.contrib.training`: ``HParams``;
* :mod:`~tf1.contrib.experiment`: ``contrib.learn``'s ``Experiment`` and
  ``learn_runner``, on TensorFlow's own ``train_and_evaluate``.

``tf.contrib.learn``'s estimators are :mod:`tf1.learn`, and the projector
TensorBoard's own. Importing this package imports nothing.
"""
