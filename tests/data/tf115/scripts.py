"""The three scripts' own model code, run by TensorFlow 1.15 itself with a seed:
what the documents' programs print on TF 1.15 with ``tf.set_random_seed(S)`` (and
``seed=S`` to the reader; for the layers guide, ``RunConfig(tf_random_seed=S)``)
added, to compare with ``SCRIPT.py --seed S``.

The scripts differ from their documents only in the import lines, the flags and
``main``; here their ``tf1`` imports are TF 1.15's own ``tensorflow`` and reader,
and ``main`` is the document's, seeded. Run with TF 1.15.5's Python (see
record.py), from anywhere:

    V/bin/python tests/data/tf115/scripts.py softmax DATA_DIR SEED [STEPS]
    V/bin/python tests/data/tf115/scripts.py deep DATA_DIR SEED [STEPS]
    V/bin/python tests/data/tf115/scripts.py cnn DATA_DIR SEED MODEL_DIR [STEPS]

``cnn`` prints the sums of the initial variables (model.ckpt-0) and the first
loss lines: TF 1.15's shuffled numpy_input_fn fed its queue from threads and did
not repeat after that.
"""
import os
import sys
import types

import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
                    os.pardir)


def load_scripts():
    """Imports the three scripts with TF 1.15 behind their tf1 imports."""
    package = types.ModuleType("tf1")
    package.tf, package.input_data = tf, input_data
    package.cli = types.ModuleType("tf1.cli")
    precision = types.ModuleType("tf1.precision")
    precision.session_config = lambda mixed_precision=None: None
    sys.modules.update({"tf1": package, "tf1.cli": package.cli, "tf1.precision": precision})
    sys.path.insert(0, os.path.abspath(ROOT))
    import cnn_mnist, deep_mnist, mnist_softmax  # noqa: E401
    return mnist_softmax, deep_mnist, cnn_mnist


def softmax(script, data_dir, seed, steps=1000):
    mnist = input_data.read_data_sets(data_dir, one_hot=True, seed=seed)
    tf.set_random_seed(seed)
    x, y_, y, train_step = script.build_model(0.5)
    sess = tf.InteractiveSession()
    sess.run(tf.global_variables_initializer())
    for _ in range(steps):
        batch = mnist.train.next_batch(100)
        train_step.run(feed_dict={x: batch[0], y_: batch[1]})
    correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    print(accuracy.eval(feed_dict={x: mnist.test.images, y_: mnist.test.labels}))


def deep(script, data_dir, seed, steps=20000):
    mnist = input_data.read_data_sets(data_dir, one_hot=True, seed=seed)
    tf.set_random_seed(seed)
    model = script.build_graph(1e-4)
    x, y_, keep_prob = model.x, model.y_, model.keep_prob
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(steps):
            batch = mnist.train.next_batch(50)
            if i % 100 == 0:
                print("step %d, training accuracy %g" % (i, model.accuracy.eval(
                    feed_dict={x: batch[0], y_: batch[1], keep_prob: 1.0})))
            model.train_step.run(feed_dict={x: batch[0], y_: batch[1], keep_prob: 0.5})
        print("test accuracy %g" % script.evaluate_accuracy(
            sess, model.num_correct, lambda i, l: {x: i, y_: l, keep_prob: 1.0},
            mnist.test.images, mnist.test.labels, 1000))


def cnn(script, data_dir, seed, model_dir, steps=100):
    mnist = input_data.read_data_sets(data_dir, seed=seed)
    classifier = tf.estimator.Estimator(
        model_fn=script.cnn_model_fn, model_dir=model_dir,
        config=tf.estimator.RunConfig(tf_random_seed=seed),
        params={"learning_rate": 0.001})
    train_input_fn = tf.estimator.inputs.numpy_input_fn(
        x={"x": mnist.train.images}, y=np.asarray(mnist.train.labels, dtype=np.int32),
        batch_size=100, num_epochs=None, shuffle=True)
    classifier.train(input_fn=train_input_fn, steps=steps)
    first = os.path.join(model_dir, "model.ckpt-0")
    for name, _ in tf.train.list_variables(first):
        if "/" in name and "Momentum" not in name:
            print("%s %.6g" % (name, tf.train.load_variable(first, name).sum()))


def main():
    mnist_softmax, deep_mnist, cnn_mnist = load_scripts()
    which, data_dir, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rest = [a if not a.isdigit() else int(a) for a in sys.argv[4:]]
    {"softmax": lambda: softmax(mnist_softmax, data_dir, seed, *rest),
     "deep": lambda: deep(deep_mnist, data_dir, seed, *rest),
     "cnn": lambda: cnn(cnn_mnist, data_dir, seed, *rest)}[which]()


if __name__ == "__main__":
    main()
