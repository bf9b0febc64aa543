"""The base of tf1's own errors. The bottom of tf1: it imports nothing."""


class Error(Exception):
    """An error whose message tells a user all they need (which file, which step,
    which variable, and what is wrong); the scripts print it without a traceback."""
