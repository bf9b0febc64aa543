"""Our scripts' training, one step at a time, for the benchmarks to time.

Each runner builds the graph with the script's own functions and trains at the
script's own defaults (``harness.settings``); ``run(steps, skip)`` trains
``skip + steps`` steps and returns the last ``steps``' ``harness.Clock`` result.
"""

import tempfile

import numpy as np

import cnn_mnist
import deep_mnist
import harness
import mnist_softmax
from tf1 import tf


class FeedDictRunner(object):
    """``mnist_softmax``'s or ``deep_mnist``'s loop: its graph, feed_dict from next_batch."""

    def __init__(self, script, mnist, config=None, seed=1):
        flags = harness.settings(script)
        self.batch_size, self.mnist = flags.batch_size, mnist
        self.graph = tf.Graph()
        with self.graph.as_default():
            tf.set_random_seed(seed)
            if script == "deep_mnist":
                model = deep_mnist.build_graph(flags.learning_rate)
                self.x, self.y_, self.train = model.x, model.y_, model.train_step
                self.extra = {model.keep_prob: 0.5}  # deep_mnist.main's training feed
            else:
                self.x, self.y_, _, self.train = mnist_softmax.build_model(flags.learning_rate)
                self.extra = {}
            self.sess = tf.Session(config=config)
            self.sess.run(tf.global_variables_initializer())

    def step(self, **run_args):
        xs, ys = self.mnist.train.next_batch(self.batch_size)
        self.sess.run(self.train, feed_dict={**self.extra, self.x: xs, self.y_: ys},
                      **run_args)

    def run(self, steps, skip):
        return harness.timed(self.step, steps, skip, self.batch_size)


def cnn_input(mnist):
    """``cnn_mnist.main``'s training input_fn, at its defaults."""
    return tf.estimator.inputs.numpy_input_fn(
        x={"x": mnist.train.images}, y=np.asarray(mnist.train.labels, dtype=np.int32),
        batch_size=harness.settings("cnn_mnist").batch_size, num_epochs=None, shuffle=True)


class _Tick(tf.train.SessionRunHook):
    def __init__(self, clock):
        self.clock = clock

    def after_run(self, run_context, run_values):
        self.clock.tick()


class EstimatorRunner(object):
    """``cnn_mnist``'s training: the Estimator, numpy_input_fn, and (as the script has
    it) the LoggingTensorHook."""

    def __init__(self, mnist, logging_hook=True, config=None):
        flags = harness.settings("cnn_mnist")
        self.batch_size, self.log_every = flags.batch_size, flags.log_every
        self.logging_hook, self.input_fn = logging_hook, cnn_input(mnist)
        self.classifier = tf.estimator.Estimator(
            model_fn=cnn_mnist.cnn_model_fn, model_dir=tempfile.mkdtemp(prefix="bench_cnn_"),
            config=tf.estimator.RunConfig(save_checkpoints_secs=3600, session_config=config),
            params={"learning_rate": flags.learning_rate})

    def run(self, steps, skip):
        clock = harness.Clock(skip)
        hooks = [_Tick(clock)]
        if self.logging_hook:
            hooks.append(tf.train.LoggingTensorHook(
                tensors={"probabilities": "softmax_tensor"}, every_n_iter=self.log_every))
        self.classifier.train(self.input_fn, steps=skip + steps, hooks=hooks)
        return clock.result(self.batch_size)


class PlainSessionRunner(object):
    """``cnn_mnist``'s graph and input in a plain Session loop: no Estimator."""

    def __init__(self, mnist):
        flags = harness.settings("cnn_mnist")
        self.batch_size = flags.batch_size
        self.graph = tf.Graph()
        with self.graph.as_default():
            tf.train.get_or_create_global_step()
            features, labels = cnn_input(mnist)()
            spec = cnn_mnist.cnn_model_fn(features, labels, tf.estimator.ModeKeys.TRAIN,
                                          {"learning_rate": flags.learning_rate})
            self.fetches = [spec.train_op, spec.loss]
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())
            self.sess.run(tf.local_variables_initializer())  # starts the input

    def run(self, steps, skip):
        return harness.timed(lambda: self.sess.run(self.fetches), steps, skip,
                             self.batch_size)
