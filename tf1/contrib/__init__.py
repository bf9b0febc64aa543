"""TF 1's ``tf.contrib`` as TF 1 code used it, from the libraries that carry it on.

* :mod:`~tf1.contrib.slim`: Google's tf-slim (``contrib.slim``, ``contrib.layers``,
  ``contrib.framework``'s ``arg_scope``, ``contrib.metrics``), made to import;
* :mod:`~tf1.contrib.layers`: what ``contrib.layers`` and ``contrib.framework`` had
  that tf-slim lacks, as TensorFlow's own equivalents;
* :mod:`~tf1.contrib.rnn`: TensorFlow's own v1 RNN cells and functions.

``tf.contrib.learn`` is :mod:`tf1.learn`, and the projector TensorBoard's own;
users reach all of it as ``tf.contrib`` (:mod:`tf1.tf`). Importing this package
imports nothing.
"""
