"""MNIST's files: the IDX format (:mod:`tf1.data.idx`) and the downloader
(:mod:`tf1.data.download`: mirrors, SHA-256, a ``.part`` file renamed into place).
No TensorFlow here."""
