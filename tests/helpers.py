"""What the tests share besides fixtures: the project's folder, the synthetic set's
copies and damage, the layers guide's expected output, a seeded default RunConfig,
and a local HTTP server for the downloader."""

import ast
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "tests", "programs")


def run_program(program, *args, cwd):
    """The lines ``python -m tf1 tests/programs/PROGRAM ARGS`` printed (less the
    reader's "Extracting" lines), after checking it ended well."""
    done = subprocess.run([sys.executable, "-m", "tf1", os.path.join(PROGRAMS, program)]
                          + [str(a) for a in args], capture_output=True, text=True,
                          cwd=str(cwd), timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return [line for line in done.stdout.splitlines() if not line.startswith("Extracting")]


def recorded(name):
    """The lines TF 1.15 printed for tests/programs/NAME.py (tests/data/tf115/record.py)."""
    with open(os.path.join(ROOT, "tests", "data", "tf115", name + ".txt")) as f:
        return f.read().splitlines()


def copy_mnist(mnist_dir, tmp_path):
    """A writable copy of the synthetic MNIST folder; returns its path."""
    target = os.path.join(str(tmp_path), "data")
    shutil.copytree(mnist_dir, target)
    return target


def rewrite_gz(directory, name, data):
    """Replaces ``name`` in ``directory`` by the gzip of ``data``."""
    with open(os.path.join(directory, name), "wb") as f:
        f.write(gzip.compress(data, mtime=0))


def assert_layers_guide_output(records, printed, final_step, probability_logs):
    """Checks the log lines and the printed dict of a run of the layers guide's main.

    Args:
      records: the ``tensorflow`` logger's records of the run.
      printed: the last line the run printed, the evaluation dict.
      final_step: the global step training ended at.
      probability_logs: how many times the logging hook logged probabilities.

    Returns:
      The printed evaluation dict.
    """
    results = ast.literal_eval(printed)
    assert list(results) == ["accuracy", "loss", "global_step"]
    assert results["global_step"] == final_step
    messages = [r.getMessage() for r in records]
    # As TF 1's Estimator (and the document) did: step = 1 first, then 1 + every_n.
    assert any(m.startswith("loss = ") and m.endswith(", step = 1") for m in messages)
    assert sum(m.startswith("probabilities = [[") for m in messages) == probability_logs
    assert any(m.startswith("Loss for final step: ") for m in messages)
    assert any(m.startswith("Saving dict for global step %d: accuracy = %s, global_step = %d, "
                            "loss = " % (final_step, results["accuracy"], final_step))
               for m in messages)
    return results


def seed_default_run_config(monkeypatch, seed):
    """Makes the RunConfig an Estimator builds when given none seeded, for a test
    that runs a document's code (which passes no config) to fixed thresholds."""
    from tf1.estimator import real  # noqa: F401  (imports the package)
    from tensorflow_estimator.python.estimator import run_config

    class SeededRunConfig(run_config.RunConfig):
        def __init__(self, **kwargs):
            kwargs.setdefault("tf_random_seed", seed)
            super().__init__(**kwargs)

    monkeypatch.setattr(run_config, "RunConfig", SeededRunConfig)


class Server:
    """An HTTP server on 127.0.0.1 serving {path: bytes}; records each request.

    With ``cut_short``, it announces each file's full length but closes the
    connection halfway through the body, as an interrupted transfer does. With
    ``drip``, it sends one byte every 0.1 s (for 10 s at most); with ``endless``,
    64 KiB blocks with no length announced (64 MiB at most).
    """

    def __init__(self, routes, cut_short=False, drip=False, endless=False):
        self.routes = routes
        self.requests = []
        server = self

        def send_body(wfile, body):
            if drip:
                for i in range(min(len(body), 100)):
                    wfile.write(body[i:i + 1])
                    wfile.flush()
                    time.sleep(0.1)
            elif endless:
                for _ in range(1024):
                    wfile.write(b"\0" * 65536)
            else:
                wfile.write(body[:len(body) // 2] if cut_short else body)

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                body = server.routes.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                if not endless:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    send_body(self.wfile, body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
