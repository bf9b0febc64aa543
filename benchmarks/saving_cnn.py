"""``cnn_mnist.py``'s model, trained so that a kill often lands in a save or an evaluation.

The script saves a checkpoint every 10 minutes (the Estimator's default), so a
run killed at a random moment is almost never saving. This trains the script's
own ``cnn_model_fn`` on the script's data with the script's flags, but with
``RunConfig(save_checkpoints_steps=--save_every)`` and an evaluation (on
``--eval_examples`` test images) after every ``--train_steps`` steps, for
``--steps`` more steps (by default, for ever). Errors end in one line, as in the
script.

    python benchmarks/saving_cnn.py --data_dir DATA --model_dir DIR --save_every 10
"""

import numpy as np

import cnn_mnist
from tf1 import cli, tf


def parse_args(argv=None):
    parser = cli.base_parser(__doc__.splitlines()[0], data_dir="MNIST-data",
                             steps=10 ** 9, batch_size=100,
                             learning_rate=cnn_mnist.LEARNING_RATE)
    cli.add_model_dir_flags(parser, default=None)
    parser.add_argument("--save_every", type=cli.positive_int, default=10,
                        help="steps between checkpoints (default: %(default)s)")
    parser.add_argument("--train_steps", type=cli.positive_int, default=40,
                        help="steps between evaluations (default: %(default)s)")
    parser.add_argument("--eval_examples", type=cli.positive_int, default=1000,
                        help="test images evaluated each time (default: %(default)s)")
    return parser.parse_args(argv)


def main(argv=None):
    flags = parse_args(argv)
    mnist = tf.contrib.learn.datasets.load_dataset("mnist", data_dir=flags.data_dir)
    labels = np.asarray(mnist.train.labels, dtype=np.int32)
    eval_data = mnist.test.images[:flags.eval_examples]
    eval_labels = np.asarray(mnist.test.labels[:flags.eval_examples], dtype=np.int32)
    classifier = tf.estimator.Estimator(
        model_fn=cnn_mnist.cnn_model_fn, model_dir=cli.model_dir_restored_if_asked(flags),
        config=tf.estimator.RunConfig(tf_random_seed=flags.seed,
                                      save_checkpoints_steps=flags.save_every),
        params={"learning_rate": flags.learning_rate})
    train_input_fn = tf.estimator.inputs.numpy_input_fn(
        x={"x": mnist.train.images}, y=labels, batch_size=flags.batch_size,
        num_epochs=None, shuffle=True)
    eval_input_fn = tf.estimator.inputs.numpy_input_fn(
        x={"x": eval_data}, y=eval_labels, num_epochs=1, shuffle=False)
    remaining = flags.steps  # more steps, as the script's --steps
    while remaining > 0:
        steps = min(flags.train_steps, remaining)
        classifier.train(train_input_fn, steps=steps)
        remaining -= steps
        print(classifier.evaluate(eval_input_fn), flush=True)


if __name__ == "__main__":
    cli.exit(main)
