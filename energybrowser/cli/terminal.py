"""Everything the CLI prints passes through `terminal_text`: an article title holding an escape
sequence (ESC, OSC, BEL) or a bidi override must not drive the user's terminal, and a file name
with bytes that are not UTF-8 must not end the output with a traceback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from energybrowser.safe_text import terminal_text


class CleanedStream:
    """A text stream that writes through `terminal_text`; everything else is the wrapped stream's."""

    def __init__(self, stream: TextIO, *, keep_cr: bool) -> None:
        self._stream = stream
        self._keep_cr = keep_cr

    def write(self, text: str) -> int:
        self._stream.write(terminal_text(text, keep_cr=self._keep_cr))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def cleaned_output() -> Iterator[None]:
    """Route `sys.stdout` and `sys.stderr` through `CleanedStream` (stderr keeps the carriage
    return the progress line redraws itself with)."""
    saved = sys.stdout, sys.stderr
    sys.stdout = CleanedStream(saved[0], keep_cr=False)
    sys.stderr = CleanedStream(saved[1], keep_cr=True)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
