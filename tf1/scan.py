"""``python -m tf1 --scan FILE...``: the TF 1 names a program uses that tf1 lacks.

The program is read, not run: nobody should learn at minute 40 of a training run
what the first minute could have told them. For each TF 1 name it uses that tf1
does not provide, one line ``FILE:LINE: NAME``: its ``tensorflow`` import lines
(``from tensorflow.contrib.X import Y``, ``import tensorflow.contrib.X as x``),
and every attribute chain from a name those lines bound (``tf.contrib.slim.foo``,
``slim.losses.bar``), resolved against what ``python -m tf1`` gives the program.
A chain is followed through modules and classes; it stops at anything else (a
function, a constant), whose attributes belong to values the scan cannot know.
"""

import ast
import types

from tf1 import redirect
from tf1.namespace import NotProvidedError


def _tensorflow(name):
    return name == "tensorflow" or name.startswith("tensorflow.")


def _tf1_name(module_name):
    return module_name.replace("tensorflow", "tf", 1)


def _imported(node, bound, missing):
    """Records what an import statement binds (name: (object, its TF 1 name)), and
    the TF 1 names it lacks."""
    if isinstance(node, ast.Import):
        for alias in (a for a in node.names if _tensorflow(a.name)):
            try:
                module = redirect.resolve(alias.name)
            except NotProvidedError as e:
                missing.add((node.lineno, e.tf1_name))
                continue
            if alias.asname and module is not None:
                bound[alias.asname] = (module, _tf1_name(alias.name))
            elif not alias.asname:
                bound["tensorflow"] = (redirect.MODULES["tensorflow"], "tf")
    elif node.level == 0 and node.module and _tensorflow(node.module):
        try:
            module = redirect.resolve(node.module)
        except NotProvidedError as e:
            missing.add((node.lineno, e.tf1_name))
            return
        for alias in (a for a in node.names if module is not None and a.name != "*"):
            name = "%s.%s" % (_tf1_name(node.module), alias.name)
            try:
                bound[alias.asname or alias.name] = (getattr(module, alias.name), name)
            except AttributeError as e:
                missing.add((node.lineno, getattr(e, "tf1_name", None) or name))


def _chain(node):
    """(root name, [attributes]) of ``a.b.c``, or None for another expression."""
    attributes = []
    while isinstance(node, ast.Attribute):
        attributes.insert(0, node.attr)
        node = node.value
    return (node.id, attributes) if isinstance(node, ast.Name) else None


def _follow(obj, name, attributes):
    """The TF 1 name the chain from ``obj`` (itself ``name``) lacks, or None."""
    for attribute in attributes:
        if not isinstance(obj, (types.ModuleType, type)):
            return None
        name = "%s.%s" % (name, attribute)
        try:
            obj = getattr(obj, attribute)
        except NotProvidedError as e:
            return e.tf1_name
        except AttributeError:
            return name
    return None


def scan_source(source, path):
    """``[(line, name)]``, in order, of the TF 1 names ``source`` uses that tf1 lacks."""
    tree = ast.parse(source, path)
    bound, missing = {}, set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            _imported(node, bound, missing)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            chain = _chain(node)
            if chain and chain[0] in bound:
                name = _follow(*bound[chain[0]], chain[1])
                if name:
                    missing.add((node.lineno, name))
    return sorted(missing)


def main(paths, out):
    """Prints ``FILE:LINE: NAME`` for each; returns 0 if none, 1 if any, 2 if a file
    cannot be read or parsed."""
    status = 0
    for path in paths:
        try:
            with open(path, "rb") as f:
                found = scan_source(f.read(), path)
        except (OSError, SyntaxError, ValueError) as e:
            print("%s: cannot be scanned: %s" % (path, e), file=out)
            status = 2
            continue
        for line, name in found:
            print("%s:%d: %s" % (path, line, name), file=out)
        status = status or (1 if found else 0)
    return status
