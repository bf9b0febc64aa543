"""Records what TensorFlow 1.15 itself prints for the TF 1 programs in
tests/programs/ that the tests compare with, one ``NAME.txt`` per program here.

Run it with TF 1.15.5's Python, from anywhere, on the tests' synthetic MNIST
(which tf1's own Python writes, as the tests' fixture does):

    ~/.pyenv/versions/3.7.16/bin/python3.7 -m venv V
    V/bin/pip install tensorflow==1.15.5 protobuf==3.20.3 "numpy<1.19"
    python -c "from tf1.data import synthetic; synthetic.write_mnist('/tmp/syn')"
    V/bin/python tests/data/tf115/record.py /tmp/syn

Each program runs as ``V/bin/python tests/programs/NAME.py ARGS`` (the scripts'
own model code as ``V/bin/python tests/data/tf115/scripts.py ARGS``) (DATA for the
data folder, MODEL_DIR for a new temporary folder); only its standard output is
kept, less the reader's "Extracting" lines. The tests run the same program under
``python -m tf1`` and compare.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, os.pardir, os.pardir, "programs")
# program -> its arguments
RECORDED = {
    "dimensions": (), "hparams_rules": (),
    "seeded_softmax": ("DATA",), "seeded_deep": ("DATA",), "seeded_layers": ("DATA",),
    "seeded_contrib": ("DATA",), "seeded_rnn": ("DATA",), "seeded_data": ("DATA",),
    "seeded_estimator": ("DATA", "MODEL_DIR"),
}


# The scripts' own model code on TF 1.15 (scripts.py): name -> its arguments
SCRIPTS = {
    "script_softmax": ("softmax", "DATA", "1", "50"),
    "script_deep": ("deep", "DATA", "1", "101"),
    "script_cnn": ("cnn", "DATA", "1", "MODEL_DIR", "1"),
}


def record(name, data_dir):
    """Runs tests/programs/NAME.py; writes what it printed to NAME.txt."""
    program = os.path.join(PROGRAMS, name + ".py")
    if name in SCRIPTS:
        program, arguments = os.path.join(HERE, "scripts.py"), SCRIPTS[name]
    else:
        arguments = RECORDED[name]
    args = [{"DATA": data_dir, "MODEL_DIR": tempfile.mkdtemp()}.get(a, a)
            for a in arguments]
    out = subprocess.run([sys.executable, program] + args,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         check=True, universal_newlines=True).stdout
    lines = [line for line in out.splitlines(True) if not line.startswith("Extracting")]
    with open(os.path.join(HERE, name + ".txt"), "w") as f:
        f.writelines(lines)
    print("recorded", name, len(lines), "lines")


def main():
    import tensorflow as tf
    assert tf.__version__ == "1.15.5", "run this with TensorFlow 1.15.5, not %s" % (
        tf.__version__)
    for name in list(RECORDED) + list(SCRIPTS):
        record(name, sys.argv[1])


if __name__ == "__main__":
    main()
