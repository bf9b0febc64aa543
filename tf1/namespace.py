"""Namespaces that say which TF 1 name is missing, at any depth of attribute.

A :class:`Namespace` is a module with a few names of its own over another
module's (TensorFlow's ``tf.compat.v1.nn``, tf-slim, ...). A name in neither
raises :class:`NotProvidedError`, an AttributeError whose message is one line:
``tf.contrib.slim.foo is a TensorFlow 1 name that tf1 does not provide``. A module
reached through one is itself wrapped, so ``tf.contrib.slim.losses.foo`` and
``tf.nn.rnn_cell.Foo`` say the same. No TensorFlow here.
"""

import types

from tf1.errors import Error


class NotProvidedError(Error, AttributeError):
    """A TF 1 name that neither TensorFlow 2 nor tf1 provides."""

    def __init__(self, name):
        super().__init__("%s is a TensorFlow 1 name that tf1 does not provide" % name)
        self.tf1_name = name  # (Python sets an AttributeError's own name to the attribute)


class Namespace(types.ModuleType):
    """A module with a few names of its own over another module's."""

    def __init__(self, name, base=None, **own):
        base = base if base is not None else types.SimpleNamespace()
        super().__init__(name, getattr(base, "__doc__", None))
        self.__dict__.update(own)
        self._base = base

    def __getattr__(self, name):
        try:
            value = getattr(self._base, name)
        except AttributeError as e:
            if name.startswith("__") or isinstance(e, Error):
                raise  # (tf1's own word on it: "TPU is not supported here", say)
            raise NotProvidedError("%s.%s" % (self.__name__, name)) from None
        return wrapped(value, "%s.%s" % (self.__name__, name), self.__dict__, name)

    def __dir__(self):
        return sorted(set(dir(self._base)) | set(self.__dict__) - {"_base"})


def wrapped(value, full_name, cache, name):
    """``value``, a module wrapped in a Namespace (kept in ``cache`` under ``name``),
    or the function tf1 put in a function's place (``__tf1_replacement__``)."""
    value = getattr(value, "__tf1_replacement__", value)
    if isinstance(value, types.ModuleType) and not isinstance(value, Namespace):
        value = cache[name] = Namespace(full_name, value)
    return value
