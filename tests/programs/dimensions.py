"""TF 1 code that reads static shapes through ``Dimension``: ``shape[i].value``,
arithmetic on dimensions, ``tf.Dimension``, ``shape.dims``,
``tf.compat.dimension_value`` and ``as_list()``. Prints what it found; TF 1.15
prints the same lines."""
import numpy as np
import tensorflow as tf

images = tf.placeholder(tf.float32, [None, 28, 28, 1])
conv = tf.layers.conv2d(images, 8, 5, padding="same")
pool = tf.layers.max_pooling2d(conv, 2, 2)

shape = pool.get_shape()
print("value", shape[1].value, shape[-1].value, shape[0].value)
flat_size = shape[1].value * shape[2].value * shape[3].value
print("flat", flat_size, type(flat_size).__name__)
product = shape[1] * shape[2] * shape[3]
print("product", product, product.value, isinstance(product, tf.Dimension))
flat = tf.reshape(pool, [-1, shape[1] * shape[2] * shape[3]])
print("reshaped", flat.get_shape().as_list())
print("dims", [d.value for d in shape.dims], shape.dims[1] == 14)
print("iterated", [str(d) for d in shape])
print("dimension_value", tf.compat.dimension_value(shape[1]),
      tf.compat.dimension_value(14), tf.dimension_value(shape[0]))
print("as_list", shape.as_list(), [type(d).__name__ for d in shape.as_list()[1:]])
print("Dimension", tf.Dimension(3) + 4, tf.Dimension(None) + 4, tf.Dimension(7).value)
print("int", int(shape[1]), shape[1] + 1, shape[1] // 2, shape[1] == 14, shape[0] == None)
batch = tf.shape(images)[0]
weights = tf.Variable(tf.zeros([flat.get_shape()[1], 10]))
print("weights", weights.get_shape().as_list(), weights.get_shape()[0].value)
logits = tf.matmul(flat, weights)
print("logits", logits.get_shape()[1].value, logits.shape[1].value,
      tf.TensorShape([2, None]).dims[1].value)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    out, n = sess.run([logits, batch], {images: np.zeros((3, 28, 28, 1), np.float32)})
    print("ran", out.shape, n)
