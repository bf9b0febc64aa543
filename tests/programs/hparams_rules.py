"""HParams as TF 1 code used it, edge cases included: types taken from the first
value, parse() of scalars, lists and booleans, casts that lose nothing and those
refused, JSON, get() with a default, and the messages of what is refused. Prints
one line per case; TF 1.15 prints the same lines."""
import tensorflow as tf

HParams = tf.contrib.training.HParams


def attempt(label, fn):
    try:
        print(label, "->", fn())
    except (ValueError, TypeError, KeyError) as e:
        print(label, "!", type(e).__name__, e)


hp = HParams(learning_rate=0.1, hidden=100, activation="relu", use_bn=False,
             layers=[64, 32], rates=[0.5, 0.25])
print("made", repr(hp))
print("str", sorted(str(hp).split(",")))
attempt("parse", lambda: repr(hp.parse("learning_rate=0.3,hidden=50,layers=[8, 4 ,2]")))
attempt("parse bools", lambda: repr(hp.parse("use_bn=true")) + " " +
        repr(hp.parse("use_bn=0").use_bn) + repr(hp.parse("use_bn=True").use_bn))
attempt("int for float", lambda: hp.parse("learning_rate=1").learning_rate)
attempt("float for int", lambda: hp.parse("hidden=1.5"))
attempt("bad bool", lambda: hp.parse("use_bn=maybe"))
attempt("unknown", lambda: hp.parse("momentum=0.9"))
attempt("twice", lambda: hp.parse("hidden=1,hidden=2"))
attempt("malformed", lambda: hp.parse("hidden"))
attempt("list to index", lambda: hp.parse("layers[0]=[1,2]"))
attempt("index", lambda: hp.parse("layers[1]=7"))
attempt("list for scalar", lambda: hp.set_hparam("hidden", [1, 2]))
attempt("scalar for list", lambda: hp.set_hparam("layers", 3))
attempt("str for int", lambda: hp.set_hparam("hidden", "3"))
attempt("bool for int", lambda: hp.set_hparam("hidden", True))
attempt("int for str", lambda: hp.set_hparam("activation", 3))
attempt("set", lambda: (hp.set_hparam("rates", [1, 0.5]), hp.rates)[1])
attempt("json", lambda: hp.to_json(sort_keys=True))
attempt("parse_json", lambda: repr(hp.parse_json('{"hidden": 7, "activation": "tanh"}')))
attempt("override", lambda: hp.override_from_dict({"hidden": 9}).hidden)
attempt("get", lambda: (hp.get("hidden"), hp.get("missing", 5), hp.get("hidden", 3)))
attempt("get bad default", lambda: hp.get("hidden", "x"))
attempt("get list default", lambda: hp.get("layers", 1))
attempt("contains", lambda: ("hidden" in hp, "missing" in hp))
attempt("add", lambda: (hp.add_hparam("momentum", 0.9), hp.momentum)[1])
attempt("add again", lambda: hp.add_hparam("momentum", 0.5))
attempt("reserved", lambda: hp.add_hparam("parse", 1))
attempt("empty list", lambda: hp.add_hparam("empty", []))
attempt("del", lambda: (hp.del_hparam("momentum"), "momentum" in hp)[1])
attempt("values", lambda: sorted(hp.values().items()))
attempt("keywords", lambda: repr(HParams(batch_size=32, name="mnist")))
