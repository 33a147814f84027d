"""Shared by the fault-injection tests: corpora, folder fingerprints, time bounds, child processes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import REPO

# A fault must end in results or a clear message within this many seconds. This is a bound on
# hanging, not a speed goal (speed lives in the benchmark), so it is generous for a busy machine.
FAULT_BOUND = 5.0


@contextmanager
def within(seconds: float = FAULT_BOUND) -> Iterator[None]:
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    assert elapsed < seconds, f"took {elapsed:.1f} s, over the {seconds} s bound"


def folder_digest(folder: Path) -> str:
    """Names, modes and bytes of everything under `folder` (symlinks by target, not followed)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_symlink():
            digest.update(b"->" + os.readlink(path).encode())
        elif path.is_file():
            digest.update(oct(path.stat().st_mode).encode() + path.read_bytes())
    return digest.hexdigest()


def one_line(message: str) -> bool:
    return bool(message.strip()) and "\n" not in message.strip() and "Traceback" not in message


def article_md(i: int, words: int = 60) -> str:
    body = " ".join(f"pipeline{i}x{j}" for j in range(words))
    head = f"---\ntitle: Report {i} on Caspian gas\n---\n\n"
    return f"{head}Report {i} on gas transit. {body}\n\nClosing {i}.\n"


def write_articles(folder: Path, start: int, count: int, words: int = 60) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        (folder / f"report-{i:04d}.md").write_text(article_md(i, words), encoding="utf-8")


def child_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        ENERGYBROWSER_DATA_DIR=str(data_dir),
        PYTHONPATH=str(REPO),
        PYTHONDONTWRITEBYTECODE="1",
        QT_QPA_PLATFORM="offscreen",
    )
    env.pop("ENERGYBROWSER_CORPUS", None)
    return env


def start_child(script: str, data_dir: Path, *args: str) -> subprocess.Popen[str]:
    """A Python child running `script` (dedented) with our tree importable; argv[1:] = args."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        cwd=REPO,
        env=child_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, proc: subprocess.Popen[str], timeout: float = 60.0) -> None:
    """Wait until the child creates `path` (its signal that it reached the fault point)."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"child ended early ({proc.returncode}): {out}\n{err}")
        assert time.monotonic() < deadline, "child never reached the fault point"
        time.sleep(0.01)
