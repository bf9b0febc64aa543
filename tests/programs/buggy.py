"""A program with a bug of its own."""
import tensorflow as tf


def ratio(a, b):
    return a / b


print(tf.__name__)
print(ratio(1, 0))
