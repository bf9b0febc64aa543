"""``from tf1 import tf``: what a TensorFlow 1 document's ``import tensorflow as tf`` gave.

``tensorflow.compat.v1`` in graph mode (see :mod:`tf1.compat`), plus what
TensorFlow 2 removed, under the documents' own names:

* ``tf.estimator``: TensorFlow's own Estimator package (tensorflow-estimator
  2.15, TF 1.15's names: premade estimators, ``train_and_evaluate``, export,
  hooks), with ``Estimator`` and the premade estimators layered
  (:mod:`tf1.estimator.layered`) and ``inputs.numpy_input_fn`` lean and
  seedable (:mod:`tf1.estimator.numpy_input`);
* ``tf.contrib``: what TF 1 code used of it, from the libraries that carry it on
  (:mod:`tf1.contrib.tree`);
* ``tf.compat.v1`` is this module itself, as r1.13-r1.15 code spells it;
  ``tf.compat``'s other names are TensorFlow's own;
* ``tf.app.run`` works in IPython and Jupyter too.

Every other name is TensorFlow's own ``tf.compat.v1`` one. A TF 1 name that is
in neither (``tf.contrib.bayesflow``, say) raises :class:`NotProvidedError`, an
AttributeError whose message says so.
"""

import sys

from tf1 import seeds
from tf1.contrib.tree import contrib  # noqa: F401  (tf.contrib)
from tf1.estimator import layered, numpy_input
from tf1.namespace import Namespace, NotProvidedError, wrapped  # noqa: F401
from tf1.compat import tf as _v1
from tf1.estimator.real import estimator as _real_estimator


seeds.install()  # TF 1's seeds in TF 1 graphs

estimator = Namespace(
    "tf.estimator", _real_estimator, Estimator=layered.Estimator, **layered.PREMADE,
    inputs=Namespace("tf.estimator.inputs", _real_estimator.inputs,
                      numpy_input_fn=numpy_input.numpy_input_fn),
    experimental=Namespace("tf.estimator.experimental", _real_estimator.experimental,
                            **layered.PREMADE_EXPERIMENTAL))
compat = Namespace("tf.compat", _v1.compat, v1=sys.modules[__name__])


def _interactive_main_module():
    """IPython's user module when running in an IPython shell or kernel, else None."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return None
    main_module = sys.modules.get("__main__")
    if main_module is None or getattr(main_module, "__dict__", None) is not shell.user_ns:
        return None
    return main_module


def _app_run(main=None, argv=None):
    """``tf.app.run``: parses the flags and runs ``main`` (default: ``__main__.main``).

    In IPython and Jupyter ``__name__`` is ``"__main__"``, so the layers guide's
    closing ``tf.app.run()`` would fail (``main`` not defined yet) or run ``main``
    and raise ``SystemExit``, which IPython shows as an error. There, it says in
    one line that ``main`` is not defined yet, or runs it and returns. Anywhere
    else it is TensorFlow's own ``tf.app.run``, unchanged.
    """
    module = _interactive_main_module()
    if module is None:
        return _v1.app.run(main=main, argv=argv)
    main = main or getattr(module, "main", None)
    if main is None:
        print("tf.app.run(): main is not defined yet; define main, then call "
              "tf.app.run() to run it.")
        return None
    argv = list(argv) if argv is not None else sys.argv[:1]
    _v1.app.flags.FLAGS(argv, known_only=True)
    main(argv)  # and no SystemExit, which IPython would show as an error


app = Namespace("tf.app", _v1.app, run=_app_run)

_OWN = {"estimator", "contrib", "compat", "app"}
__all__ = sorted(_OWN)


def __getattr__(name):
    try:
        value = getattr(_v1, name)
    except AttributeError:
        if name.startswith("__"):
            raise
        raise NotProvidedError("tf." + name) from None
    return wrapped(value, "tf." + name, globals(), name)  # tf.nn.foo says so too


def __dir__():
    return sorted(set(dir(_v1)) | _OWN)
