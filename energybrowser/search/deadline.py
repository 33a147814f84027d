"""A collector that stops at a deadline and keeps what it found, for search-as-you-type.

Whoosh's own `TimeLimitCollector` relies on SIGALRM, which only works in the main thread; the app
searches from a worker thread, so this one checks the clock every few matches instead.
"""

from __future__ import annotations

import time

from whoosh.collectors import TimeLimit, WrappingCollector

CHECK_EVERY = 64  # matches between clock readings


class DeadlineCollector(WrappingCollector):
    def __init__(self, child, seconds: float) -> None:  # type: ignore[no-untyped-def]
        super().__init__(child)
        self.seconds = seconds
        self.deadline = time.perf_counter() + seconds
        self.timedout = False

    def collect_matches(self) -> None:
        child = self.child
        for count, sub_docnum in enumerate(child.matches(), 1):
            child.collect(sub_docnum)
            if count % CHECK_EVERY == 0 and time.perf_counter() > self.deadline:
                self.timedout = True
                raise TimeLimit
