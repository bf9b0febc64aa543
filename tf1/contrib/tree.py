"""``tf.contrib``: the one namespace, with every name and module path TF 1 code reached.

Each entry comes from the library that carries it on (see :mod:`tf1.contrib`).
Besides ``tf.contrib.X.name``, TF 1 code imported contrib's modules by their own
paths, as contrib's docs and examples did, and these paths lead to the same
objects here:

==========================================================  ===========================
``tensorflow.contrib.layers.python.layers[.layers, ...]``   tf-slim's ``layers`` modules
``tensorflow.contrib.framework.python.ops[.arg_scope, ..]`` tf-slim's ``ops`` modules
``tensorflow.contrib.framework.python.framework``           ``tf.train``'s checkpoint utils
``tensorflow.contrib.slim.python.slim[.learning, ...]``     tf-slim's modules
``tensorflow.contrib.rnn.python.ops[.rnn_cell, ...]``       ``tf.contrib.rnn``
``tensorflow.contrib.learn.python.learn[...]``              ``tf.contrib.learn``
``tensorflow.contrib.training.python.training.hparam``      :mod:`tf1.contrib.training`
==========================================================  ===========================

Names that early TF 1 releases had and later ones dropped are here too, where the
successor is the same thing: ``tf.contrib.rnn.core_rnn_cell`` (TF 1.0-1.1's path
to the cells) and TF 1.2-1.3's ``tf.contrib.data.Dataset`` (:mod:`tf1.contrib.data`).
"""

import importlib

from tensorboard.plugins import projector

from tf1 import input_data, learn
from tf1.compat import tf
from tf1.contrib import data, experiment, layers as contrib_layers, rnn, slim, training
from tf1.namespace import Namespace


def _modules(prefix, package, names, **own):
    """{name: the module ``package.name`` as a Namespace called ``prefix.name``}."""
    found = {name: Namespace("%s.%s" % (prefix, name),
                             importlib.import_module("%s.%s" % (package, name)))
             for name in names}
    found.update(own)
    return found


def _layers():
    prefix = "tf.contrib.layers.python.layers"
    feature_column = Namespace(prefix + ".feature_column", **contrib_layers.LAYERS)
    modules = Namespace(prefix, slim.layers, **_modules(
        prefix, "tf_slim.layers", ("layers", "initializers", "regularizers", "utils",
                                   "optimizers", "normalization", "summaries"),
        feature_column=feature_column))
    python = Namespace("tf.contrib.layers.python", layers=modules)
    return Namespace("tf.contrib.layers", slim.layers, python=python,
                     **contrib_layers.LAYERS)


def _framework():
    prefix = "tf.contrib.framework.python"
    checkpoint_utils = Namespace(
        prefix + ".framework.checkpoint_utils", load_checkpoint=tf.train.load_checkpoint,
        list_variables=tf.train.list_variables, load_variable=tf.train.load_variable,
        init_from_checkpoint=tf.train.init_from_checkpoint)
    python = Namespace(prefix, ops=Namespace(prefix + ".ops", **_modules(
        prefix + ".ops", "tf_slim.ops", ("arg_scope", "variables"))),
        framework=Namespace(prefix + ".framework", checkpoint_utils=checkpoint_utils,
                            **contrib_layers.FRAMEWORK))
    return Namespace("tf.contrib.framework", slim.slim, python=python,
                     **contrib_layers.FRAMEWORK)


def _slim():
    prefix = "tf.contrib.slim.python.slim"
    modules = Namespace(prefix, slim.slim, **_modules(
        prefix, "tf_slim", ("learning", "evaluation", "queues", "summaries",
                            "model_analyzer", "data", "nets")))
    return Namespace("tf.contrib.slim", slim.slim, python=Namespace(
        "tf.contrib.slim.python", slim=modules))


def _rnn():
    names = rnn.names()
    prefix = "tf.contrib.rnn.python.ops"
    ops = Namespace(prefix, **{module: Namespace("%s.%s" % (prefix, module), **names)
                               for module in ("rnn_cell", "core_rnn_cell", "rnn",
                                              "core_rnn", "core_rnn_cell_impl")})
    return Namespace("tf.contrib.rnn", python=Namespace("tf.contrib.rnn.python", ops=ops),
                     core_rnn_cell=Namespace("tf.contrib.rnn.core_rnn_cell", **names),
                     **names)


def _learn_modules(prefix):
    """contrib.learn's own modules, each holding the names TF 1 code took from it."""
    mnist = Namespace(prefix + ".datasets.mnist", input_data)
    estimators = Namespace(
        prefix + ".estimators", model_fn=Namespace(prefix + ".estimators.model_fn",
                                                   learn.model_fn),
        run_config=Namespace(prefix + ".estimators.run_config", RunConfig=learn.RunConfig),
        estimator=Namespace(prefix + ".estimators.estimator", Estimator=learn.Estimator,
                            SKCompat=learn.SKCompat),
        dnn=Namespace(prefix + ".estimators.dnn", DNNClassifier=learn.DNNClassifier,
                      DNNRegressor=learn.DNNRegressor),
        linear=Namespace(prefix + ".estimators.linear",
                         LinearClassifier=learn.LinearClassifier,
                         LinearRegressor=learn.LinearRegressor))
    return dict(
        datasets=Namespace(prefix + ".datasets", learn.datasets, mnist=mnist,
                           load_dataset=input_data.load_dataset),
        estimators=estimators,
        experiment=Namespace(prefix + ".experiment", Experiment=experiment.Experiment),
        learn_runner=Namespace(prefix + ".learn_runner", run=experiment.run),
        metric_spec=Namespace(prefix + ".metric_spec", learn.metric_spec))


def _learn():
    own = dict(Experiment=experiment.Experiment)
    modules = _learn_modules("tf.contrib.learn.python.learn")
    python = Namespace("tf.contrib.learn.python", learn=Namespace(
        "tf.contrib.learn.python.learn", learn, **own, **modules))
    top = _learn_modules("tf.contrib.learn")
    return Namespace("tf.contrib.learn", learn, python=python, **own,
                     learn_runner=top["learn_runner"], estimators=top["estimators"],
                     experiment=top["experiment"])


def _training():
    prefix = "tf.contrib.training.python.training"
    hparam = Namespace(prefix + ".hparam", training)
    python = Namespace("tf.contrib.training.python", training=Namespace(
        prefix, hparam=hparam, HParams=training.HParams))
    evaluation = importlib.import_module("tf_slim.training.evaluation")
    return Namespace("tf.contrib.training", importlib.import_module("tf_slim.training"),
                     python=python, HParams=training.HParams,
                     **{name: getattr(evaluation, name) for name in (
                         "evaluate_once", "evaluate_repeatedly", "checkpoints_iterator",
                         "wait_for_new_checkpoint", "StopAfterNEvalsHook",
                         "SummaryAtEndHook", "get_or_create_eval_step")})


contrib = Namespace(
    "tf.contrib",
    learn=_learn(),
    layers=_layers(),
    slim=_slim(),
    framework=_framework(),
    metrics=Namespace("tf.contrib.metrics", slim.slim.metrics),
    losses=Namespace("tf.contrib.losses", slim.slim.losses),
    data=Namespace("tf.contrib.data", tf.data, **data.NAMES),
    keras=Namespace("tf.contrib.keras", tf.keras),
    util=Namespace("tf.contrib.util", **contrib_layers.UTIL),
    rnn=_rnn(),
    training=_training(),
    tensorboard=Namespace("tf.contrib.tensorboard", plugins=Namespace(
        "tf.contrib.tensorboard.plugins", projector=Namespace(
            "tf.contrib.tensorboard.plugins.projector", projector))))
