"""tf.app.flags and tf.app.run(), as TF 1 programs used them."""
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_integer("answer", 41, "What to print, plus one.")
FLAGS = flags.FLAGS
tf.logging.set_verbosity(tf.logging.INFO)


def main(argv):
    tf.logging.info("answer is %d", FLAGS.answer + 1)
    print("main ran as %s with %s" % (__name__, argv[1:]))
    return FLAGS.answer % 7  # tf.app.run exits with main's value


if __name__ == "__main__":
    tf.app.run()
