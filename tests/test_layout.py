"""tf1 is built bottom-up: the map in tf1/__init__.py names every module, and no
module imports one on its own floor or above it."""

import ast
import os

import tf1

PACKAGE = os.path.dirname(os.path.abspath(tf1.__file__))


def modules():
    """{dotted name inside tf1 ("estimator.lock", "__init__"): path}."""
    found = {}
    for folder, _, files in os.walk(PACKAGE):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                parts = os.path.relpath(path, PACKAGE)[:-3].split(os.sep)
                if parts[-1] == "__init__" and len(parts) > 1:
                    parts = parts[:-1]  # a wing's own __init__ is the wing
                found[".".join(parts)] = path
    return found


def imported(path, known):
    """The tf1 modules the file at ``path`` imports, anywhere in it."""
    names = set()
    for node in ast.walk(ast.parse(open(path).read())):
        if isinstance(node, ast.Import):
            names.update(a.name[4:] for a in node.names if a.name.startswith("tf1."))
        elif isinstance(node, ast.ImportFrom) and node.module and (
                node.module == "tf1" or node.module.startswith("tf1.")):
            base = node.module[4:]
            for alias in node.names:
                candidate = (base + "." + alias.name).lstrip(".")
                names.add(candidate if candidate in known else base)
    return names - {""}


def test_the_map_names_every_module_once():
    mapped = [name for floor in tf1.FLOORS for name in floor]
    assert sorted(mapped) == sorted(modules())


def test_no_module_imports_one_on_its_floor_or_above():
    floor_of = {name: i for i, floor in enumerate(tf1.FLOORS) for name in floor}
    known = modules()
    upward = [(name, other) for name, path in known.items()
              for other in imported(path, known) if floor_of[other] >= floor_of[name]]
    assert upward == []


def test_the_checker_sees_imports_at_any_depth():
    known = modules()
    assert imported(known["estimator.layered"], known) >= {
        "internals", "signals", "estimator.checkpoints", "estimator.lock", "compat",
        "estimator.real"}
    assert "redirect" in imported(known["__init__"], known)  # inside a function
