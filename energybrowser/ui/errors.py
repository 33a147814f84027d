"""Unexpected errors end as a message in the window and a line in the log, never a bare traceback."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger("energybrowser")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def install_excepthook(show: Callable[[str, str], None]) -> ExceptHook:
    """Route uncaught exceptions (also those raised in slots) to `show(summary, details)`.

    Returns the previous hook so tests can put it back.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        details = "".join(traceback.format_exception(kind, exc, tb))
        log.error("unexpected error\n%s", details)
        try:
            show(f"{kind.__name__}: {exc}" if str(exc) else kind.__name__, details)
        except Exception:  # the dialog itself failed: the log still has it
            log.exception("could not show the error")

    sys.excepthook = hook
    return previous


def configure_logging(log_file: object | None = None) -> None:
    """Warnings and errors to stderr, and to a log file in the data folder when one is given."""
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file is not None:
        try:
            from pathlib import Path

            path = Path(str(log_file))
            path.parent.mkdir(parents=True, exist_ok=True)
            handlers.append(logging.FileHandler(path, encoding="utf-8"))
        except OSError:
            pass
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=handlers
    )
