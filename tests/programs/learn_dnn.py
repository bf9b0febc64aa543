"""A program in the style of tf.contrib.learn's MNIST quickstarts: a DNNClassifier on
columns inferred from the input, fit(x, y, steps, batch_size), evaluate()["accuracy"],
predict, then the same estimator behind SKCompat, continuing from its checkpoint.
TF 1 code, run unmodified by ``python -m tf1``."""
import sys

import numpy as np
import tensorflow as tf
from tensorflow.contrib import learn

tf.logging.set_verbosity(tf.logging.ERROR)

if __name__ == "__main__":
    mnist = learn.datasets.load_dataset("mnist", data_dir=sys.argv[1])
    x_train, y_train = mnist.train.images, mnist.train.labels.astype(np.int32)
    x_test, y_test = mnist.test.images, mnist.test.labels.astype(np.int32)
    feature_columns = learn.infer_real_valued_columns_from_input(x_train)
    classifier = tf.contrib.learn.DNNClassifier(
        feature_columns=feature_columns, hidden_units=[64, 32], n_classes=10,
        model_dir=sys.argv[2], config=learn.RunConfig(tf_random_seed=1))
    classifier.fit(x=x_train, y=y_train, steps=200, batch_size=100)
    score = classifier.evaluate(x=x_test, y=y_test)
    print("Accuracy: {0:f}".format(score["accuracy"]))
    predicted = list(classifier.predict(x_test[:5], as_iterable=True))
    print("Predicted %s, actual %s" % (predicted, list(y_test[:5])))
    model = learn.SKCompat(classifier)
    model.fit(x_train, y_train, steps=50, batch_size=100)
    classes = model.predict(x_test)["classes"]
    print("SKCompat accuracy %g, global step %d" % (
        np.mean(classes.ravel().astype(int) == y_test), model.score(x_test, y_test)["global_step"]))
