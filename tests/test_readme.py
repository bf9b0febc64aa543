"""README.md shows the documents' code as tests/documents.py holds it, and it runs."""

import os
import re
import subprocess
import sys

from tests import documents
from tf1.data.synthetic import write_mnist
from tests.helpers import ROOT

SECTIONS = {
    '### "Deep MNIST for Experts", part 1': documents.DEEP_MNIST_PART1,
    '### "Deep MNIST for Experts", part 2': documents.DEEP_MNIST_PART2,
    '### "A Guide to TF Layers"': documents.LAYERS_GUIDE,
}


def readme_section_code(heading):
    """The Python blocks of README's section that starts with ``heading``, joined."""
    with open(os.path.join(ROOT, "README.md")) as f:
        text = f.read()
    start = text.index(heading)
    ends = [i for i in (text.find(h, start + 1) for h in ("\n## ", "\n### ")) if i > 0]
    section = text[start:min(ends, default=len(text))]
    return "\n".join(re.findall(r"^```python\n(.*?)^```", section, flags=re.S | re.M))


def code_lines(source):
    return [line for line in source.splitlines() if line.strip()]


def test_readme_shows_each_documents_code_as_printed():
    for heading, blocks in SECTIONS.items():
        assert code_lines(readme_section_code(heading)) == \
            code_lines("\n".join(blocks)), heading


def test_readme_part1_with_new_imports_runs_in_a_fresh_interpreter_and_learns(tmp_path):
    # A fresh process: `from tf1 import tf` must set TensorFlow up by itself.
    write_mnist(str(tmp_path / "MNIST_data"))
    script = tmp_path / "part1.py"
    script.write_text(documents.with_new_imports(
        readme_section_code('### "Deep MNIST for Experts", part 1')))
    env = dict(os.environ, PYTHONWARNINGS="default")
    env.pop("MNIST_DATA_DIR", None)
    run = subprocess.run([sys.executable, str(script)], cwd=str(tmp_path), env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "Downloading" not in run.stdout
    assert float(run.stdout.splitlines()[-1]) >= 0.9
    # TensorFlow's notices about the document's own deprecated calls, and nothing
    # else: no warning about tf1's code.
    warnings = [line for line in run.stderr.splitlines()
                if "Warning" in line or "deprecated" in line]
    assert all("tf1" not in line for line in warnings), run.stderr


def test_readme_smoke_test_recipe_learns_offline(tmp_path):
    with open(os.path.join(ROOT, "README.md")) as f:
        text = f.read()
    block = re.search(r"For a smoke test of your own.*?```sh\n(.*?)```", text, re.S).group(1)
    lines = [line.split("#")[0].replace("/tmp/tiny_mnist", str(tmp_path / "tiny"))
             .replace("python ", sys.executable + " ", 1)
             for line in block.strip().splitlines()]
    assert len(lines) == 2
    for line in lines:
        done = subprocess.run(line, shell=True, cwd=ROOT, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
    assert "Downloading" not in done.stdout
    assert float(done.stdout.strip().splitlines()[-1]) >= 0.9  # chance is 0.1
