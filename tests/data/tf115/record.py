"""Records what TensorFlow 1.15 itself prints for the TF 1 programs in
tests/programs/ that the tests compare with, one ``NAME.txt`` per program here.

Run it with TF 1.15.5's Python, from anywhere:

    ~/.pyenv/versions/3.7.16/bin/python3.7 -m venv V
    V/bin/pip install tensorflow==1.15.5 protobuf==3.20.3 "numpy<1.19"
    V/bin/python tests/data/tf115/record.py

Each program runs as ``V/bin/python tests/programs/NAME.py`` with no arguments;
only its standard output is kept. The tests run the same program under
``python -m tf1`` and compare.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, os.pardir, os.pardir, "programs")
RECORDED = ("dimensions", "hparams_rules")


def main():
    import tensorflow as tf
    assert tf.__version__ == "1.15.5", "run this with TensorFlow 1.15.5, not %s" % (
        tf.__version__)
    for name in RECORDED:
        out = subprocess.run([sys.executable, os.path.join(PROGRAMS, name + ".py")],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             check=True, universal_newlines=True).stdout
        with open(os.path.join(HERE, name + ".txt"), "w") as f:
            f.write(out)
        print("recorded", name, len(out.splitlines()), "lines")


if __name__ == "__main__":
    main()
