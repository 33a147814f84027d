"""Writing a user's file so that a crash or a full disk never leaves half of it, and so that two
processes never overwrite each other's new file. Every article file the app writes (imports,
metadata edits) goes through here."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _temp_copy(path: Path, text: str) -> Path:
    """`text` in a fsynced temporary file beside `path` (same folder, so a rename is atomic)."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def replace_text(path: Path, text: str) -> None:
    """Write `text` to `path`, replacing what is there in one step."""
    temp = _temp_copy(path, text)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def create_text(path: Path, text: str) -> None:
    """Write `text` to a new file `path` in one step; `FileExistsError` if `path` exists, even when
    another process creates it at the same moment (a hard link never replaces its target)."""
    temp = _temp_copy(path, text)
    try:
        try:
            os.link(temp, path)
        except (NotImplementedError, PermissionError) as exc:  # a file system without hard links
            if path.exists():
                raise FileExistsError(f"{path.name} already exists") from exc
            os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
