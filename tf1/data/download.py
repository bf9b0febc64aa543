"""Fetching the MNIST files: mirrors, SHA-256, deadlines, ``.part`` files.

Only missing files are fetched, over HTTPS, from a list of mirrors, into a hidden
``.NAME.*.part`` file that must match the canonical file's SHA-256 and length
before it is renamed into place; any failure (a short body, a deadline, too many
bytes, a signal) removes it. Files that cannot be had raise one
:class:`MissingFilesError` naming them all, the mirrors tried and the remedy.
NumPy-free; no TensorFlow.
"""

import hashlib
import http.client
import os
import tempfile
import time
import urllib.error
import urllib.request

from tf1 import signals
from tf1.data.idx import IMAGE_MAGIC, LABEL_MAGIC, BadFileError, MNISTError, read_idx

# The mirror TensorFlow's last MNIST reader used, then another public copy; both
# HTTPS. (The original host serves plain HTTP only, and refuses most clients.)
DEFAULT_SOURCE_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/"
MIRRORS = (
    DEFAULT_SOURCE_URL,
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
)

TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
TEST_LABELS = "t10k-labels-idx1-ubyte.gz"
FILES = (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)

# SHA-256 and length of the canonical MNIST files; a download must match before
# it is kept, and may not run longer.
MNIST_SHA256 = {
    TRAIN_IMAGES: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    TRAIN_LABELS: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    TEST_IMAGES: "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    TEST_LABELS: "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}
MNIST_SIZES = {
    TRAIN_IMAGES: 9912422,
    TRAIN_LABELS: 28881,
    TEST_IMAGES: 1648877,
    TEST_LABELS: 4542,
}
# Of a file whose length is not known (another data set of MNIST's shape).
MAX_DOWNLOAD_BYTES = 256 << 20
DOWNLOAD_DEADLINE_SECS = 600

DOWNLOAD_TIMEOUT_SECS = 30
_CHUNK = 1 << 16


class MissingFilesError(MNISTError, OSError):
    """Data files are missing and could not be downloaded.

    ``failures`` maps each missing file name to the ``(url, reason)`` pairs tried.
    """

    def __init__(self, work_directory, failures):
        self.work_directory = work_directory
        self.failures = failures
        super().__init__(_missing_message(work_directory, failures))


def _local_path(work_directory, filename):
    """Returns the existing gzipped or uncompressed copy of ``filename``, or None."""
    gz_path = os.path.join(work_directory, filename)
    raw_path = gz_path[:-3] if gz_path.endswith(".gz") else gz_path
    for path in (gz_path, raw_path):
        if os.path.isfile(path):
            return path
        if os.path.lexists(path):
            raise BadFileError("%s: is not a regular file (a folder or a broken link "
                               "stands where the data file should be)" % path)
    return None


def _as_mirrors(source_url):
    if not source_url:
        return list(MIRRORS)
    if isinstance(source_url, str):
        return [source_url]
    return list(source_url)


def _copy_capped(url, out, limit):
    """Copies ``url`` to ``out``; returns its SHA-256. Refuses a body over ``limit``
    bytes, and a transfer that takes longer than DOWNLOAD_DEADLINE_SECS."""
    deadline = time.monotonic() + DOWNLOAD_DEADLINE_SECS
    digest = hashlib.sha256()
    total = 0
    with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECS) as resp:
        while True:
            chunk = resp.read1(_CHUNK)  # returns what has arrived: a slow drip is seen
            if not chunk:
                return digest.hexdigest()
            total += len(chunk)
            if total > limit:
                raise OSError("the server sent more than the %d bytes expected" % limit)
            if time.monotonic() > deadline:
                raise OSError("the transfer took longer than %d s"
                              % DOWNLOAD_DEADLINE_SECS)
            digest.update(chunk)
            out.write(chunk)


def _fetch(url, dest_dir, filename, sha256, size):
    """Downloads ``url`` to a temporary file in ``dest_dir``, verified.

    Returns the temporary path; the caller renames it into place. On any failure
    (network error, interrupted transfer, SIGTERM, wrong checksum, a file that
    does not parse) it raises and leaves nothing behind.
    """
    fd, tmp_path = tempfile.mkstemp(prefix="." + filename + ".", suffix=".part",
                                    dir=dest_dir)
    try:
        with signals.as_exceptions(), os.fdopen(fd, "wb") as out:
            got = _copy_capped(url, out, size or MAX_DOWNLOAD_BYTES)
        if sha256 is not None and got != sha256:
            raise OSError("checksum mismatch: sha256 %s, expected %s" % (got, sha256))
        if sha256 is None:  # no known checksum: the file must at least parse
            labels = "labels" in filename
            read_idx(tmp_path, LABEL_MAGIC if labels else IMAGE_MAGIC,
                      1 if labels else 3, "label" if labels else "image")
        os.chmod(tmp_path, 0o666 & ~_umask())  # as an ordinary new file, not 0600
        return tmp_path
    except BaseException:
        os.unlink(tmp_path)
        raise


def _umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def maybe_download(filename, work_directory, source_url=None, sha256sums=None):
    """Returns the path of ``filename`` in ``work_directory``, downloading it if missing.

    A gzipped or uncompressed copy already there is used as it is. Otherwise each
    mirror in ``source_url`` (a URL prefix or a list of them; default
    :data:`MIRRORS`) is tried in turn; the download goes to a temporary file whose
    SHA-256 must match ``sha256sums[filename]`` (default: the canonical MNIST sums)
    before it is renamed into place.

    Raises:
      MissingFilesError: if no mirror delivered a good copy.
    """
    existing = _local_path(work_directory, filename)
    if existing:
        return existing
    os.makedirs(work_directory, exist_ok=True)
    sha256 = (MNIST_SHA256 if sha256sums is None else sha256sums).get(filename)
    # The canonical length goes with the canonical checksum; other files (another
    # data set under MNIST's names, say) are capped at MAX_DOWNLOAD_BYTES.
    size = MNIST_SIZES.get(filename) if sha256sums is None else None
    failures = []
    for mirror in _as_mirrors(source_url):
        url = mirror + filename
        print("Downloading %s from %s" % (filename, url), flush=True)
        try:
            tmp_path = _fetch(url, work_directory, filename, sha256, size)
        except (OSError, ValueError, http.client.HTTPException) as e:
            reason = getattr(e, "reason", None) if isinstance(e, urllib.error.URLError) \
                and not isinstance(e, urllib.error.HTTPError) else None
            failures.append((url, str(reason or e)))
            continue
        path = _rename_into_place(tmp_path, work_directory, filename)
        print("Successfully downloaded %s %d bytes." % (filename, os.path.getsize(path)),
              flush=True)
        return path
    raise MissingFilesError(work_directory, {filename: failures})


def _rename_into_place(tmp_path, work_directory, filename):
    path = os.path.join(work_directory, filename)
    try:
        os.replace(tmp_path, path)
    except OSError as e:
        os.unlink(tmp_path)
        raise BadFileError("%s: cannot be written: %s" % (path, e.strerror)) from None
    return path


def _missing_message(work_directory, failures):
    lines = ["MNIST data files are missing from %s and could not be downloaded:"
             % os.path.abspath(work_directory)]
    for filename, tries in failures.items():
        lines.append("  %s" % filename)
        for url, reason in tries:
            lines.append("    tried %s: %s" % (url, reason))
    lines.append("To use a copy you already have, place the files (gzipped or not) "
                 "in that folder, or point --data_dir (or MNIST_DATA_DIR) at the folder "
                 "that holds them: " + ", ".join(FILES) + ".")
    return "\n".join(lines)


def maybe_download_all(work_directory, source_url, sha256sums):
    """Downloads every missing file; raises one error naming all that failed."""
    paths, failures = {}, {}
    for filename in FILES:
        try:
            paths[filename] = maybe_download(filename, work_directory, source_url, sha256sums)
        except MissingFilesError as e:
            failures.update(e.failures)
    if failures:
        raise MissingFilesError(work_directory, failures)
    return paths
