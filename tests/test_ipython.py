"""``%load_ext tf1`` in a real IPython shell and in a real Jupyter kernel."""

import os
import re
import sys

import pytest
from IPython.core.interactiveshell import InteractiveShell

from tests import documents
from tf1.data.synthetic import write_mnist
from tests.helpers import ROOT, seed_default_run_config


@pytest.fixture
def shell():
    """A fresh in-process IPython shell with ``%load_ext tf1`` run."""
    main_module = sys.modules["__main__"]
    ip = InteractiveShell.instance()
    try:
        assert ip.run_cell("%load_ext tf1").success
        yield ip
    finally:
        InteractiveShell.clear_instance()
        sys.modules["__main__"] = main_module


def run_cells(ip, cells):
    for cell in cells:
        result = ip.run_cell(cell)
        assert result.success, (cell, result.error_in_exec or result.error_before_exec)


def smoke(blocks, changes):
    """The blocks as printed, with only the step counts (and model folder) changed."""
    blocks = list(blocks)
    for old, new in changes.items():
        [i] = [i for i, block in enumerate(blocks) if old in block]
        blocks[i] = blocks[i].replace(old, new)
    return blocks


@pytest.fixture
def log_output():
    """Every handler that prints TensorFlow's log lines, pointed at one buffer."""
    import io
    import logging
    buffer = io.StringIO()
    handlers = [h for logger in (logging.getLogger("tensorflow"), logging.getLogger())
                for h in logger.handlers if isinstance(h, logging.StreamHandler)]
    from absl import logging as absl_logging
    handlers.append(absl_logging.get_absl_handler().python_handler)
    previous = [h.setStream(buffer) for h in handlers]
    try:
        yield buffer
    finally:
        for h, stream in zip(handlers, previous):
            h.setStream(stream)


def test_the_documents_blocks_as_printed_run_in_order(shell, tmp_path, monkeypatch,
                                                      mnist_dir, capfd, log_output):
    write_mnist(str(tmp_path / "MNIST_data"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MNIST_DATA_DIR", mnist_dir)
    seed_default_run_config(monkeypatch, 1)
    run_cells(shell, smoke(documents.DEEP_MNIST_PART1, {"range(1000)": "range(100)"}))
    run_cells(shell, smoke(documents.DEEP_MNIST_PART2, {"range(20000)": "range(200)"}))
    out = capfd.readouterr().out.splitlines()
    assert float(out[4]) >= 0.8  # part 1, after the four "Extracting" lines
    assert float(re.fullmatch(r"test accuracy ([0-9.]+)", out[-1]).group(1)) >= 0.8
    run_cells(shell, smoke(documents.LAYERS_GUIDE, {
        "steps=20000": "steps=100",
        '"/tmp/mnist_convnet_model"': repr(str(tmp_path / "model"))}))
    captured = capfd.readouterr()
    printed = captured.out.strip().splitlines()[-1]
    assert printed.startswith("{'accuracy': ") and printed.endswith("'global_step': 100}")
    # The guide's last block, tf.app.run(), ran main once, with no SystemExit, and
    # each log line appeared once (its form is checked in the kernel and the runner:
    # under pytest, pytest's own handler prints it).
    assert log_output.getvalue().count("Loss for final step") == 1
    assert "SystemExit" not in captured.err


def test_app_run_before_and_after_main(shell, capsys):
    run_cells(shell, ["import tensorflow as tf",
                      'if __name__ == "__main__":\n  tf.app.run()'])
    assert capsys.readouterr().out.strip() == (
        "tf.app.run(): main is not defined yet; define main, then call tf.app.run() "
        "to run it.")
    run_cells(shell, ["def main(argv):\n  print('main ran with', argv[1:])",
                      'if __name__ == "__main__":\n  tf.app.run()'])
    assert capsys.readouterr().out.strip() == "main ran with []"


def test_only_the_users_cells_are_redirected(shell, capsys):
    run_cells(shell, ["import tensorflow as tf\nimport keras\n"
                      "from tensorflow.examples.tutorials.mnist import input_data\n"
                      "import tensorflow.python.client.timeline as timeline\n"
                      "print(tf.__name__, input_data.__name__, keras.backend.backend(),"
                      " timeline.__name__)"])
    assert capsys.readouterr().out.split() == [
        "tf1.tf", "tf1.input_data", "tensorflow", "tensorflow.python.client.timeline"]
    import tensorflow
    assert tensorflow.__name__ == "tensorflow"  # the process keeps the real one


def test_in_a_real_jupyter_kernel():
    manager = pytest.importorskip("jupyter_client.manager")
    km, kc = manager.start_new_kernel(kernel_name="python3", cwd=ROOT,
                                      env=dict(os.environ),
                                      startup_timeout=120)
    try:
        def execute(code):
            streams = {"stdout": "", "stderr": ""}

            def hook(msg):
                if msg["msg_type"] == "stream":
                    streams[msg["content"]["name"]] += msg["content"]["text"]
            reply = kc.execute_interactive(code, output_hook=hook, timeout=120)
            assert reply["content"]["status"] == "ok", reply["content"]
            return streams
        execute("%load_ext tf1")
        out = execute("import tensorflow as tf\nprint(tf.__name__, tf.compat.v1 is tf)")
        assert out["stdout"].strip() == "tf1.tf True"
        out = execute("tf.logging.set_verbosity(tf.logging.INFO)\n"
                      "tf.logging.info('said once')\ntf.app.run()")
        printed = out["stdout"] + out["stderr"]  # TensorFlow logs to stdout in a kernel
        assert printed.count("said once") == 1 and "INFO:tensorflow:said once" in printed
        assert "tf.app.run(): main is not defined yet" in out["stdout"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
