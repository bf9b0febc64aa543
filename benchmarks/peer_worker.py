"""One contender's training throughput, measured inside its own process.

Run by ``benchmarks/peers.py`` with the interpreter of the contender's
environment (PyTorch, JAX and TensorFlow 2.15 each live in a venv of their
own); prints one JSON line. Every contender trains the identical architecture
with the script's batch size and learning rate (given by peers.py, which reads
them from the script) on the real MNIST training set, batches drawn by the same
``DataSet.next_batch`` (NumPy only), except ``ours`` for ``cnn_mnist``, which
trains through the Estimator and ``numpy_input_fn`` as ``cnn_mnist.py`` does.

    python benchmarks/peer_worker.py --framework torch --script deep_mnist \\
        --batch_size 50 --learning_rate 1e-4 --data_dir DATA
"""

import argparse
import json
import resource

import harness  # (no TensorFlow, no NumPy: importable in every venv)
from tf1 import input_data  # (NumPy only)


def our_scripts(flags, mnist):
    import ours
    from tf1 import tf
    tf.logging.set_verbosity(tf.logging.WARN)
    runner = (ours.EstimatorRunner(mnist) if flags.script == "cnn_mnist"
              else ours.FeedDictRunner(flags.script, mnist))
    return runner.run(flags.steps, flags.warmup)


# ---------------------------------------------------------------------------
# Keras 3 (TensorFlow backend): model.fit
# ---------------------------------------------------------------------------

def keras_model(model, lr):
    import keras
    if model == "mnist_softmax":
        layers = [keras.layers.Dense(10, kernel_initializer="zeros")]
        return keras.Sequential([keras.Input((784,))] + layers), keras.optimizers.SGD(lr)
    deep = model == "deep_mnist"  # else cnn_mnist: tf.layers' defaults
    w = keras.initializers.TruncatedNormal(stddev=0.1) if deep else "glorot_uniform"
    b = keras.initializers.Constant(0.1) if deep else "zeros"
    pad = "same" if deep else "valid"
    layers = [
        keras.layers.Reshape((28, 28, 1)),
        keras.layers.Conv2D(32, 5, padding="same", activation="relu",
                            kernel_initializer=w, bias_initializer=b),
        keras.layers.MaxPooling2D(2, strides=2, padding=pad),
        keras.layers.Conv2D(64, 5, padding="same", activation="relu",
                            kernel_initializer=w, bias_initializer=b),
        keras.layers.MaxPooling2D(2, strides=2, padding=pad),
        keras.layers.Flatten(),
        keras.layers.Dense(1024, activation="relu", kernel_initializer=w,
                           bias_initializer=b),
        keras.layers.Dropout(0.5 if deep else 0.4),
        keras.layers.Dense(10, kernel_initializer=w, bias_initializer=b),
    ]
    optimizer = (keras.optimizers.Adam(lr, epsilon=1e-8) if deep
                 else keras.optimizers.SGD(lr))
    return keras.Sequential([keras.Input((784,))] + layers), optimizer


def keras3(flags, mnist):
    import keras
    import numpy as np
    net, optimizer = keras_model(flags.script, flags.learning_rate)
    net.compile(optimizer=optimizer,
                loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    clock = harness.Clock(flags.warmup)

    class Tick(keras.callbacks.Callback):
        def on_train_batch_end(self, i, logs=None):
            clock.tick()

    steps = flags.warmup + flags.steps
    if steps * flags.batch_size > mnist.train.num_examples:  # fit stops at an epoch's end
        raise SystemExit("keras3: %d steps of %d need more than the %d training examples"
                         % (steps, flags.batch_size, mnist.train.num_examples))
    net.fit(mnist.train.images, np.asarray(mnist.train.labels, np.int32),
            batch_size=flags.batch_size, epochs=1, steps_per_epoch=steps,
            shuffle=True, verbose=0, callbacks=[Tick()])
    return clock.result(flags.batch_size)


# ---------------------------------------------------------------------------
# PyTorch, CPU, eager
# ---------------------------------------------------------------------------

def torch_deep(flags, mnist):
    import torch
    from torch import nn
    net = nn.Sequential(
        nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(7 * 7 * 64, 1024), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(1024, 10))
    with torch.no_grad():
        for p in net.parameters():
            if p.dim() > 1:
                nn.init.trunc_normal_(p, std=0.1, a=-0.2, b=0.2)
            else:
                p.fill_(0.1)
    optimizer = torch.optim.Adam(net.parameters(), lr=flags.learning_rate, eps=1e-8)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        xs, ys = mnist.train.next_batch(flags.batch_size)
        x = torch.from_numpy(xs).view(-1, 1, 28, 28)
        y = torch.from_numpy(ys.astype("int64"))
        optimizer.zero_grad()
        loss_fn(net(x), y).backward()
        optimizer.step()
    return harness.timed(step, flags.steps, flags.warmup, flags.batch_size)


# ---------------------------------------------------------------------------
# JAX + Flax (linen), jit-compiled step
# ---------------------------------------------------------------------------

def jax_deep(flags, mnist):
    import jax
    import jax.numpy as jnp
    import optax
    from flax import linen as nn
    w = nn.initializers.truncated_normal(stddev=0.1)
    b = nn.initializers.constant(0.1)

    class Deep(nn.Module):
        @nn.compact
        def __call__(self, x, train):
            x = x.reshape((-1, 28, 28, 1))
            for features in (32, 64):
                x = nn.relu(nn.Conv(features, (5, 5), padding="SAME", kernel_init=w,
                                    bias_init=b)(x))
                x = nn.max_pool(x, (2, 2), strides=(2, 2), padding="SAME")
            x = nn.relu(nn.Dense(1024, kernel_init=w, bias_init=b)(x.reshape((x.shape[0], -1))))
            x = nn.Dropout(0.5, deterministic=not train)(x)
            return nn.Dense(10, kernel_init=w, bias_init=b)(x)

    net = Deep()
    params = net.init(jax.random.PRNGKey(0), jnp.zeros((1, 784)), train=False)
    tx = optax.adam(flags.learning_rate, eps=1e-8)
    state = {"params": params, "opt": tx.init(params), "key": jax.random.PRNGKey(1)}

    @jax.jit
    def train_step(params, opt, key, x, y):
        key, drop = jax.random.split(key)

        def loss(p):
            logits = net.apply(p, x, train=True, rngs={"dropout": drop})
            return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()
        grads = jax.grad(loss)(params)
        updates, opt = tx.update(grads, opt, params)
        return optax.apply_updates(params, updates), opt, key

    def step():
        xs, ys = mnist.train.next_batch(flags.batch_size)
        state["params"], state["opt"], state["key"] = train_step(
            state["params"], state["opt"], state["key"], xs, ys.astype("int32"))
        jax.block_until_ready(state["params"])
    return harness.timed(step, flags.steps, flags.warmup, flags.batch_size)


CONTENDERS = {
    "ours": harness.SCRIPTS, "keras3": harness.SCRIPTS,
    "torch": ("deep_mnist",), "jax": ("deep_mnist",)}
RUN = {"ours": our_scripts, "keras3": keras3, "torch": torch_deep, "jax": jax_deep}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--framework", required=True, choices=sorted(CONTENDERS))
    parser.add_argument("--script", required=True, choices=harness.SCRIPTS)
    parser.add_argument("--batch_size", type=int, required=True)
    parser.add_argument("--learning_rate", type=float, required=True)
    parser.add_argument("--data_dir", required=True)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    flags = parser.parse_args(argv)
    if flags.script not in CONTENDERS[flags.framework]:
        parser.error("%s has no %s here" % (flags.framework, flags.script))
    one_hot = flags.framework == "ours" and flags.script != "cnn_mnist"  # as the script reads it
    mnist = input_data.read_data_sets(flags.data_dir, one_hot=one_hot, seed=1)
    result = RUN[flags.framework](flags, mnist)
    result.update(framework=flags.framework, script=flags.script,
                  peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
