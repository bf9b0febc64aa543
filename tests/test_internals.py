"""tf1.internals: every private name tf1 touches is listed, reached through it, and
checked by ``python -m tf1 --check``; a moved one is one line."""

import ast
import os
import subprocess
import sys

import pytest

import tf1
from tf1 import __main__ as runner
from tf1 import internals

PACKAGE = os.path.dirname(os.path.abspath(tf1.__file__))


def test_check_passes_here_with_one_line_per_name():
    done = subprocess.run([sys.executable, "-m", "tf1", "--check"], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == len(internals.NAMES) + 1
    assert lines[-1] == "0 of %d private names missing" % len(internals.NAMES)
    for entry, line in zip(internals.NAMES, lines):
        assert line.split()[0] == ("stood" if entry.stand_in else "ok")
        assert internals.dotted(entry) in line


def test_check_fails_in_one_line_for_a_moved_name(monkeypatch, capsys):
    moved = internals.Private("tensorflow", "tensorflow.python.util.tf_decorator",
                              "no_such_name", "a test")
    monkeypatch.setattr(internals, "NAMES", internals.NAMES + (moved,))
    assert runner.main(["--check"]) == 1
    line = capsys.readouterr().out.strip().splitlines()[-2]
    assert line.startswith("MISSING   tensorflow 2.")
    assert line.endswith("tensorflow.python.util.tf_decorator.no_such_name (a test): no "
                         "no_such_name; tf1 supports tensorflow==2.21.*")


def test_get_names_the_name_the_library_and_the_supported_versions(monkeypatch):
    moved = internals.Private("tf_keras", "tf_keras.src.no_such_module", None, "a test")
    monkeypatch.setattr(internals, "NAMES", internals.NAMES + (moved,))
    with pytest.raises(internals.InternalsMovedError) as info:
        internals.get("tf_keras.src.no_such_module")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("tf1 needs tf_keras.src.no_such_module, a private name of "
                              "tf_keras (a test), and tf_keras 2.21")
    assert "tf1 supports tf_keras==2.21.*" in message
    with pytest.raises(KeyError, match="list it there first"):
        internals.get("tensorflow.python.util.tf_decorator", "rewrap")  # unlisted


def private_imports():
    """(file, module) of every import of another library's private module in tf1."""
    found = []
    for folder, _, files in os.walk(PACKAGE):
        for name in (f for f in files if f.endswith(".py")):
            path = os.path.join(folder, name)
            for node in ast.walk(ast.parse(open(path).read())):
                modules = ([a.name for a in node.names] if isinstance(node, ast.Import)
                           else [node.module] if isinstance(node, ast.ImportFrom) and
                           node.module else [])
                found += [(name, m) for m in modules if m.startswith((
                    "tensorflow.python", "tensorflow_estimator", "tf_keras.src"))]
    return found


def test_tf1_imports_no_private_module_but_through_the_list():
    assert private_imports() == []
