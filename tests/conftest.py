"""The tests' fixtures (beside the project's conftest.py, which writes the synthetic
MNIST): no ambient data folder, and a synthetic MNIST to serve over HTTP. Nothing
here touches the network."""

import hashlib

import pytest

from tf1 import input_data
from tf1.data.synthetic import write_mnist


@pytest.fixture(autouse=True)
def _no_ambient_data_dir(monkeypatch):
    """Tests see only the data folders they name."""
    monkeypatch.delenv("MNIST_DATA_DIR", raising=False)


@pytest.fixture(scope="module")
def served_files(tmp_path_factory):
    """{name: gz bytes} and {name: sha256} of a synthetic MNIST to serve."""
    directory = tmp_path_factory.mktemp("served")
    write_mnist(str(directory), seed=1)
    blobs = {name: (directory / name).read_bytes() for name in input_data.FILES}
    sha256s = {name: hashlib.sha256(blob).hexdigest() for name, blob in blobs.items()}
    return blobs, sha256s
