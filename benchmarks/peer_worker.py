"""One contender's training throughput, measured inside its own process.

Run by ``benchmarks/peers.py`` with the interpreter of the contender's
environment (PyTorch, JAX and TensorFlow 2.15 each live in a venv of their
own); prints one JSON line. Every contender trains the identical architecture
with the same batch size, optimizer and hyperparameters on the real MNIST
training set, batches drawn by the same ``DataSet.next_batch`` (NumPy only),
except ``ours`` for ``cnn``, which trains through the Estimator and
``numpy_input_fn`` as ``cnn_mnist.py`` does.

    python benchmarks/peer_worker.py --framework torch --model deep --data_dir DATA
"""

import argparse
import json
import os
import resource
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tf1 import input_data  # noqa: E402  (NumPy only: importable in every venv)

# (batch size, learning rate) of each document's model
HYPER = {"softmax": (100, 0.5), "deep": (50, 1e-4), "cnn": (100, 0.001)}


class Timer(object):
    """Wall and process CPU time of the steps between start() and stop()."""

    def start(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self, images):
        wall = time.perf_counter() - self.wall
        cpu = time.process_time() - self.cpu
        return {"images_per_s": images / wall, "cpu_s_per_image": cpu / images}


# ---------------------------------------------------------------------------
# Ours: the scripts' own graphs and loops
# ---------------------------------------------------------------------------

def ours_feed_dict(model, mnist, steps, warmup):
    import deep_mnist
    import mnist_softmax
    from tf1 import tf
    batch, lr = HYPER[model]
    with tf.Graph().as_default():
        if model == "softmax":
            x, y_, _, train = mnist_softmax.build_model(lr)
            extra = {}
        else:
            m = deep_mnist.build_graph(lr)
            x, y_, train, extra = m.x, m.y_, m.train_step, {m.keep_prob: 0.5}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())

            def step():
                xs, ys = mnist.train.next_batch(batch)
                feed = {x: xs, y_: ys}
                feed.update(extra)
                sess.run(train, feed_dict=feed)
            return run_steps(step, steps, warmup, batch)


def ours_estimator(model, mnist, steps, warmup):
    import numpy as np
    import tempfile
    import cnn_mnist
    from tf1 import tf
    batch, lr = HYPER["cnn"]
    timer, result = Timer(), {}

    class Hook(tf.train.SessionRunHook):
        count = 0

        def after_run(self, run_context, run_values):
            Hook.count += 1
            if Hook.count == warmup:
                timer.start()
            if Hook.count == warmup + steps:
                result.update(timer.stop(steps * batch))

    tf.logging.set_verbosity(tf.logging.WARN)
    est = tf.estimator.Estimator(cnn_mnist.cnn_model_fn, model_dir=tempfile.mkdtemp(),
                                 params={"learning_rate": lr})
    est.train(tf.estimator.inputs.numpy_input_fn(
        x={"x": mnist.train.images}, y=np.asarray(mnist.train.labels, np.int32),
        batch_size=batch, num_epochs=None, shuffle=True),
        steps=warmup + steps, hooks=[Hook()])
    return result


def run_steps(step, steps, warmup, batch):
    for _ in range(warmup):
        step()
    timer = Timer()
    timer.start()
    for _ in range(steps):
        step()
    return timer.stop(steps * batch)


# ---------------------------------------------------------------------------
# Keras 3 (TensorFlow backend): model.fit
# ---------------------------------------------------------------------------

def keras_model(model):
    import keras
    batch, lr = HYPER[model]
    if model == "softmax":
        layers = [keras.layers.Dense(10, kernel_initializer="zeros")]
        return keras.Sequential([keras.Input((784,))] + layers), keras.optimizers.SGD(lr)
    w = keras.initializers.TruncatedNormal(stddev=0.1) if model == "deep" else "glorot_uniform"
    b = keras.initializers.Constant(0.1) if model == "deep" else "zeros"
    pad = "same" if model == "deep" else "valid"
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
        keras.layers.Dropout(0.5 if model == "deep" else 0.4),
        keras.layers.Dense(10, kernel_initializer=w, bias_initializer=b),
    ]
    optimizer = (keras.optimizers.Adam(lr, epsilon=1e-8) if model == "deep"
                 else keras.optimizers.SGD(lr))
    return keras.Sequential([keras.Input((784,))] + layers), optimizer


def keras3(model, mnist, steps, warmup):
    import keras
    import numpy as np
    batch, _ = HYPER[model]
    net, optimizer = keras_model(model)
    net.compile(optimizer=optimizer,
                loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    images = mnist.train.images
    labels = np.asarray(mnist.train.labels, np.int32)
    timer, result = Timer(), {}

    class Callback(keras.callbacks.Callback):
        def on_train_batch_end(self, i, logs=None):
            if i + 1 == warmup:
                timer.start()
            if i + 1 == warmup + steps:
                result.update(timer.stop(steps * batch))

    net.fit(images, labels, batch_size=batch, epochs=1, steps_per_epoch=warmup + steps,
            shuffle=True, verbose=0, callbacks=[Callback()])
    return result


# ---------------------------------------------------------------------------
# PyTorch, CPU, eager
# ---------------------------------------------------------------------------

def torch_deep(model, mnist, steps, warmup):
    import torch
    from torch import nn
    batch, lr = HYPER["deep"]
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
    optimizer = torch.optim.Adam(net.parameters(), lr=lr, eps=1e-8)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        xs, ys = mnist.train.next_batch(batch)
        x = torch.from_numpy(xs).view(-1, 1, 28, 28)
        y = torch.from_numpy(ys.astype("int64"))
        optimizer.zero_grad()
        loss_fn(net(x), y).backward()
        optimizer.step()
    return run_steps(step, steps, warmup, batch)


# ---------------------------------------------------------------------------
# JAX + Flax (linen), jit-compiled step
# ---------------------------------------------------------------------------

def jax_deep(model, mnist, steps, warmup):
    import jax
    import jax.numpy as jnp
    import optax
    from flax import linen as nn
    batch, lr = HYPER["deep"]
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
    tx = optax.adam(lr, eps=1e-8)
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
        xs, ys = mnist.train.next_batch(batch)
        state["params"], state["opt"], state["key"] = train_step(
            state["params"], state["opt"], state["key"], xs, ys.astype("int32"))
        jax.block_until_ready(state["params"])
    return run_steps(step, steps, warmup, batch)


CONTENDERS = {
    ("ours", "softmax"): ours_feed_dict, ("ours", "deep"): ours_feed_dict,
    ("ours", "cnn"): ours_estimator,
    ("keras3", "softmax"): keras3, ("keras3", "deep"): keras3, ("keras3", "cnn"): keras3,
    ("torch", "deep"): torch_deep, ("jax", "deep"): jax_deep,
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--framework", required=True,
                        choices=sorted({f for f, _ in CONTENDERS}))
    parser.add_argument("--model", required=True, choices=sorted(HYPER))
    parser.add_argument("--data_dir", required=True)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    flags = parser.parse_args(argv)
    run = CONTENDERS[(flags.framework, flags.model)]
    one_hot = flags.framework == "ours" and flags.model != "cnn"  # as the scripts read it
    mnist = input_data.read_data_sets(flags.data_dir, one_hot=one_hot, seed=1)
    result = run(flags.model, mnist, flags.steps, flags.warmup)
    result.update(framework=flags.framework, model=flags.model,
                  peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
