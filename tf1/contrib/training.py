"""``tf.contrib.training.HParams``: hyperparameters as typed name-value pairs.

TF 1 code (and ``tf.contrib.learn``'s ``learn_runner``) kept a model's settings
in one ``HParams``: attributes with the type of their first value, overridden from
a ``--hparams "learning_rate=0.3,layers=[64,32]"`` flag by :meth:`HParams.parse`,
from a dict or from JSON. Written here with TF 1.15's rules and messages (a
value is cast to its hyperparameter's type only where that loses nothing: an int
for a float, never a float for an int or anything for a bool or a string).
No TensorFlow here.
"""

import json
import numbers
import re

_ASSIGNMENT = re.compile(r"""
  (?P<name>[a-zA-Z][\w.]*)             # name
  (\[\s*(?P<index>\d+)\s*\])?          # [index], optional
  \s*=\s*
  ((?P<val>[^,\[]*) | \[(?P<vals>[^\]]*)\])
  ($|,\s*)""", re.VERBOSE)


def _parse_fail(name, kind, value, values):
    raise ValueError("Could not parse hparam '%s' of type '%s' with value '%s' in %s"
                     % (name, kind.__name__, value, values))


def _reuse_fail(name, values):
    raise ValueError("Multiple assignments to variable '%s' in %s" % (name, values))


def _parser(name, kind, values):
    """The function that reads one value of ``kind`` from its text."""
    if kind is not bool:
        return kind

    def parse_bool(text):
        if text in ("true", "True"):
            return True
        if text in ("false", "False"):
            return False
        try:
            return bool(int(text))
        except ValueError:
            _parse_fail(name, kind, text, values)
    return parse_bool


def _assign_scalar(found, name, index, value, values):
    """``name=value`` or ``name[index]=value`` into ``found``."""
    if index is None:
        if name in found:
            _reuse_fail(name, values)
        found[name] = value
        return
    slots = found.setdefault(name, {})
    if not isinstance(slots, dict):
        _reuse_fail(name, values)
    if int(index) in slots:
        _reuse_fail("%s[%s]" % (name, index), values)
    slots[int(index)] = value


def _parse_one(match, parse, kind, values, found):
    """One ``name=value`` or ``name=[v1,v2]`` clause into ``found``."""
    name, index = match.group("name"), match.group("index")
    if match.group("val") is not None:
        try:
            value = parse(match.group("val"))
        except ValueError:
            _parse_fail(name, kind, match.group("val"), values)
        _assign_scalar(found, name, index, value, values)
    elif match.group("vals") is not None:
        if index is not None:
            raise ValueError("Assignment of a list to a list index.")
        if name in found:
            _reuse_fail(name, values)
        try:
            found[name] = [parse(v) for v in re.split("[ ,]", match.group("vals")) if v]
        except ValueError:
            _parse_fail(name, kind, match.group("vals"), values)
    else:
        _parse_fail(name, kind, "", values)


def parse_values(values, type_map, ignore_unknown=False):
    """``"a=1,b=[1,2],c[0]=3"`` as ``{"a": 1, "b": [1, 2], "c": {0: 3}}``, each value
    read as the type ``type_map`` gives its name."""
    found = {}
    pos = 0
    while pos < len(values):
        match = _ASSIGNMENT.match(values, pos)
        if not match:
            raise ValueError("Malformed hyperparameter value: %s" % values[pos:])
        pos = match.end()
        name = match.group("name")
        if name not in type_map:
            if ignore_unknown:
                continue
            raise ValueError("Unknown hyperparameter type for %s" % name)
        kind = type_map[name]
        _parse_one(match, _parser(name, kind, values), kind, values, found)
    return found


def _cast(name, kind, value):
    """``value`` as ``kind``, where that is lossless; else ValueError."""
    if type(value) == kind or issubclass(kind, type(None)):  # noqa: E721
        return value
    wrong = ((issubclass(kind, (str, bytes)) and not isinstance(value, (str, bytes)))
             or issubclass(kind, bool) != isinstance(value, bool)
             or (issubclass(kind, numbers.Integral)
                 and not isinstance(value, numbers.Integral))
             or (issubclass(kind, numbers.Number) and not isinstance(value, numbers.Number)))
    if wrong:
        raise ValueError("Could not cast hparam '%s' of type '%s' from value %r"
                         % (name, kind, value))
    return kind(value)


class HParams(object):
    """Hyperparameters as attributes, each typed by the value it was created with."""

    _HAS_DYNAMIC_ATTRIBUTES = True

    def __init__(self, hparam_def=None, model_structure=None, **kwargs):
        self._hparam_types = {}
        self._model_structure = model_structure
        if hparam_def is not None:
            raise ValueError("HParams(hparam_def=...) reads a TF 1 HParamDef protocol "
                             "buffer, which TensorFlow 2 no longer has: pass the values "
                             "as keyword arguments")
        for name, value in kwargs.items():
            self.add_hparam(name, value)

    def add_hparam(self, name, value):
        """A new hyperparameter; its type is its value's (a list's first item's)."""
        if getattr(self, name, None) is not None:
            raise ValueError("Hyperparameter name is reserved: %s" % name)
        if isinstance(value, (list, tuple)):
            if not value:
                raise ValueError("Multi-valued hyperparameters cannot be empty: %s" % name)
            self._hparam_types[name] = (type(value[0]), True)
        else:
            self._hparam_types[name] = (type(value), False)
        setattr(self, name, value)

    def set_hparam(self, name, value):
        """Sets an existing hyperparameter, cast to its type."""
        kind, is_list = self._hparam_types[name]
        if isinstance(value, list):
            if not is_list:
                raise ValueError("Must not pass a list for single-valued parameter: %s"
                                 % name)
            setattr(self, name, [_cast(name, kind, v) for v in value])
        else:
            if is_list:
                raise ValueError("Must pass a list for multi-valued parameter: %s." % name)
            setattr(self, name, _cast(name, kind, value))

    def del_hparam(self, name):
        """Removes a hyperparameter, if there is one of that name."""
        if hasattr(self, name):
            delattr(self, name)
            del self._hparam_types[name]

    def parse(self, values):
        """Overrides from ``"name=value,name=[v1,v2]"``; returns self."""
        kinds = {name: kind for name, (kind, _) in self._hparam_types.items()}
        return self.override_from_dict(parse_values(values, kinds))

    def override_from_dict(self, values_dict):
        """Overrides from ``{name: value}``; returns self."""
        for name, value in values_dict.items():
            self.set_hparam(name, value)
        return self

    def set_from_map(self, values_map):
        """The older name of :meth:`override_from_dict`."""
        return self.override_from_dict(values_map)

    def set_model_structure(self, model_structure):
        self._model_structure = model_structure

    def get_model_structure(self):
        return self._model_structure

    def to_json(self, indent=None, separators=None, sort_keys=False):
        """The values as a JSON object."""
        return json.dumps(self.values(), indent=indent, separators=separators,
                          sort_keys=sort_keys)

    def parse_json(self, values_json):
        """Overrides from a JSON object; returns self."""
        return self.override_from_dict(json.loads(values_json))

    def values(self):
        """``{name: value}`` of every hyperparameter."""
        return {name: getattr(self, name) for name in self._hparam_types}

    def get(self, key, default=None):
        """The value of ``key``, or ``default`` (which must fit its type) if absent."""
        if key not in self._hparam_types:
            return default
        if default is not None:
            self._check_default(key, default)
        return getattr(self, key)

    def _check_default(self, key, default):
        kind, is_list = self._hparam_types[key]
        message = "Hparam '%s' of type '%s' is incompatible with default=%s" % (
            key, "list<%s>" % kind if is_list else str(kind), default)
        if is_list != isinstance(default, list):
            raise ValueError(message)
        try:
            for value in default if is_list else [default]:
                _cast(key, kind, value)
        except ValueError as e:
            raise ValueError("%s. %s" % (message, e)) from None

    def __contains__(self, key):
        return key in self._hparam_types

    def __str__(self):
        return ",".join("{}={}".format(k, v) for k, v in self.values().items())

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, sorted(self.values().items()))
