"""Mixed precision through TensorFlow's own graph rewrites, for a session config.

``bf16`` turns on grappler's oneDNN bfloat16 rewrite (``auto_mixed_precision_onednn_bfloat16``),
which runs matmuls and convolutions in bfloat16 on CPUs that have bfloat16
instructions (AVX512-BF16 or AMX); ``fp16`` turns on ``auto_mixed_precision``,
float16 on an NVIDIA GPU. The model's code is not touched: variables stay float32,
and the rewrite casts around the ops it converts. Where the hardware cannot do
it, :func:`session_config` says so in one line and returns None (float32).
"""

import sys

MODES = ("off", "bf16", "fp16")
_BF16_CPU_FLAGS = ("avx512_bf16", "amx_bf16")


def cpu_has_bf16():
    """Whether this CPU has bfloat16 instructions (read from /proc/cpuinfo)."""
    try:
        with open("/proc/cpuinfo") as f:
            flags = set(f.read().split())
    except OSError:
        return False
    return any(flag in flags for flag in _BF16_CPU_FLAGS)


def has_gpu():
    from tf1.compat import tf  # TensorFlow only when asked: cli reads MODES
    return bool(tf.config.list_physical_devices("GPU"))


def unavailable_reason(mode):
    """Why ``mode`` cannot run here, or None if it can."""
    if mode == "bf16" and not cpu_has_bf16():
        return "this CPU has no bfloat16 instructions (avx512_bf16 or amx_bf16)"
    if mode == "fp16" and not has_gpu():
        return "float16 mixed precision needs a GPU, and TensorFlow sees none"
    return None


def session_config(mode):
    """A ConfigProto with ``mode``'s rewrite on, or None for ``off`` (TensorFlow's
    defaults, exactly) and for a mode this machine cannot run."""
    if mode not in MODES:
        raise ValueError("mixed precision must be one of %s, got %r" % (MODES, mode))
    if mode == "off":
        return None
    reason = unavailable_reason(mode)
    if reason:
        print("--mixed_precision %s: %s; running in float32" % (mode, reason),
              file=sys.stderr)
        return None
    from tf1.compat import tf
    config = tf.ConfigProto()
    rewrites = config.graph_options.rewrite_options
    if mode == "bf16":
        rewrites.auto_mixed_precision_onednn_bfloat16 = rewrites.ON
    else:
        rewrites.auto_mixed_precision = rewrites.ON
    return config
