"""README.md's Python snippets run, in order, on the synthetic data set."""

import os
import re
import subprocess
import sys

from conftest import ROOT, write_mnist


def readme_python_blocks():
    with open(os.path.join(ROOT, "README.md")) as f:
        text = f.read()
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def test_readme_walk_through_runs_and_learns(tmp_path):
    blocks = readme_python_blocks()
    assert len(blocks) >= 5
    # The walk-through reads MNIST_data/ in the current folder, as the document does.
    write_mnist(str(tmp_path / "MNIST_data"))
    script = tmp_path / "walk_through.py"
    script.write_text("\n".join(blocks))
    env = dict(os.environ, PYTHONPATH=ROOT, PYTHONWARNINGS="default")
    env.pop("MNIST_DATA_DIR", None)
    run = subprocess.run([sys.executable, str(script)], cwd=str(tmp_path), env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "Downloading" not in run.stdout
    assert float(run.stdout.splitlines()[-1]) >= 0.9
    for line in run.stderr.splitlines():
        assert "Warning" not in line and "deprecated" not in line, run.stderr
