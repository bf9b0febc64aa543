"""``tf.app``: TensorFlow's own, with ``run`` made to work in IPython and Jupyter.

The layers guide's skeleton ends with ``if __name__ == "__main__": tf.app.run()``,
and in IPython ``__name__`` is ``"__main__"``. TF 1 then either failed (``main``
not defined yet) or ran ``main`` and raised ``SystemExit``, which IPython shows
as an error. In an interactive session, :func:`run` says in one line that
``main`` is not defined yet, or runs it with the flags parsed and returns.
Anywhere else it is TensorFlow's own ``tf.app.run``, unchanged.
"""

import sys

from tf1.compat import tf

flags = tf.app.flags


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


def run(main=None, argv=None):
    """``tf.app.run``: parses the flags and runs ``main`` (default: ``__main__.main``)."""
    module = _interactive_main_module()
    if module is None:
        return tf.app.run(main=main, argv=argv)
    main = main or getattr(module, "main", None)
    if main is None:
        print("tf.app.run(): main is not defined yet; define main, then call "
              "tf.app.run() to run it.")
        return None
    argv = list(argv) if argv is not None else sys.argv[:1]
    flags.FLAGS(argv, known_only=True)
    main(argv)  # and no SystemExit, which IPython would show as an error
