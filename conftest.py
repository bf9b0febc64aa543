"""The fixture the tests of tests/ and benchmarks/ share: a small, learnable,
synthetic MNIST in real IDX files (tf1.data.synthetic). No network."""

import pytest

from tf1.data.synthetic import write_mnist


@pytest.fixture(scope="session")
def mnist_dir(tmp_path_factory):
    """A folder holding a gzipped synthetic MNIST; read it, do not write to it."""
    directory = str(tmp_path_factory.mktemp("mnist"))
    write_mnist(directory)
    return directory
