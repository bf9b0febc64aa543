"""The other ways TF 1 programs reached the MNIST reader: the tutorials package then
``mnist.input_data``, the module imported by its full name, and an import inside a
function. TF 1 code, run unmodified by ``python -m tf1``."""
import sys

import tensorflow.examples.tutorials.mnist.input_data as input_data
from tensorflow.examples.tutorials import mnist


def load_inside(data_dir):
    from tensorflow.examples.tutorials.mnist import input_data as reader
    return reader.read_data_sets(data_dir, one_hot=True)


if __name__ == "__main__":
    first = mnist.input_data.read_data_sets(sys.argv[1])
    second = input_data.read_data_sets(sys.argv[1], validation_size=0)
    third = load_inside(sys.argv[1])
    print(first.train.num_examples, second.train.num_examples, third.test.labels.shape)
