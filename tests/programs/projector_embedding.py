"""A program in the style of the TensorBoard embedding tutorials of TF 1: test images
in a variable, a checkpoint and a metadata file of labels, and
tf.contrib.tensorboard.plugins.projector's ProjectorConfig and visualize_embeddings.
TF 1 code, run unmodified by ``python -m tf1``."""
import os
import sys

import tensorflow as tf
from tensorflow.contrib.tensorboard.plugins import projector
from tensorflow.examples.tutorials.mnist import input_data

LOG_DIR = sys.argv[2]

mnist = input_data.read_data_sets(sys.argv[1])
images = tf.Variable(mnist.test.images[:100], name="images")
with open(os.path.join(LOG_DIR, "metadata.tsv"), "w") as metadata_file:
    for label in mnist.test.labels[:100]:
        metadata_file.write("%d\n" % label)

with tf.Session() as sess:
    saver = tf.train.Saver([images])
    sess.run(images.initializer)
    saver.save(sess, os.path.join(LOG_DIR, "images.ckpt"))
    config = projector.ProjectorConfig()
    embedding = config.embeddings.add()
    embedding.tensor_name = images.name
    embedding.metadata_path = "metadata.tsv"
    summary_writer = tf.summary.FileWriter(LOG_DIR)
    projector.visualize_embeddings(summary_writer, config)
print("embedding %s written to %s" % (embedding.tensor_name, LOG_DIR))
