"""TensorFlow's own Estimator, and what tf1 layers around it without changing it.

* :mod:`~tf1.estimator.real`: tensorflow-estimator 2.15, made to import on this
  TensorFlow;
* :mod:`~tf1.estimator.lock`: one trainer per ``model_dir``;
* :mod:`~tf1.estimator.checkpoints`: damaged checkpoints and state files refused
  before anything restores them;
* :mod:`~tf1.estimator.numpy_input`: ``numpy_input_fn``, lean and seedable;
* :mod:`~tf1.estimator.layered`: the ``Estimator`` (and premade estimators) with
  seeding, those checks, the lock and saves on signals.

Users reach it as ``tf.estimator`` (:mod:`tf1.tf`). Importing this package
imports nothing.
"""
