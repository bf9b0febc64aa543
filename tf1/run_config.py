"""``tf.estimator.RunConfig``: where and how often an Estimator saves, logs and seeds."""

from __future__ import absolute_import, division, print_function


class RunConfig(object):
    """Where and how often an Estimator saves, logs and seeds.

    ``session_config`` is a ``tf.ConfigProto`` for every session the Estimator
    opens (None: TensorFlow's defaults).
    """

    def __init__(self, model_dir=None, tf_random_seed=None, save_summary_steps=100,
                 save_checkpoints_steps=None, save_checkpoints_secs=None,
                 session_config=None, keep_checkpoint_max=5,
                 keep_checkpoint_every_n_hours=10000, log_step_count_steps=100):
        if save_checkpoints_steps is not None and save_checkpoints_secs is not None:
            raise ValueError("RunConfig: give save_checkpoints_steps or "
                             "save_checkpoints_secs, not both")
        if save_checkpoints_steps is None and save_checkpoints_secs is None:
            save_checkpoints_secs = 600
        self.model_dir = model_dir
        self.tf_random_seed = tf_random_seed
        self.save_summary_steps = save_summary_steps
        self.save_checkpoints_steps = save_checkpoints_steps
        self.save_checkpoints_secs = save_checkpoints_secs
        self.session_config = session_config
        self.keep_checkpoint_max = keep_checkpoint_max
        self.keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self.log_step_count_steps = log_step_count_steps

    def replace(self, **kwargs):
        """A copy of this config with the given fields changed."""
        fields = dict(vars(self))
        fields.update(kwargs)
        if "save_checkpoints_steps" in kwargs and "save_checkpoints_secs" not in kwargs:
            fields["save_checkpoints_secs"] = None
        return RunConfig(**fields)

    def __repr__(self):
        return "RunConfig(%s)" % ", ".join("%s=%r" % kv for kv in sorted(vars(self).items()))
