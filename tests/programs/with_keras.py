"""TF 1 code beside Keras 3 in one program: tf1's tf for the graph, the real
tensorflow for Keras."""
import numpy as np
import tensorflow as tf
import keras

x = tf.placeholder(tf.float32, [None, 3])
with tf.Session() as sess:
    print("tf1 graph:", sess.run(tf.reduce_sum(x), {x: np.ones((2, 3))}))

model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
print("keras model:", model.count_params(), keras.backend.backend())
