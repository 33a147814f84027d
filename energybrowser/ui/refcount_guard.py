"""Keep None, True and False alive under PySide6 builds that drop references to them.

PySide6 6.12 returns None (from every void method: `setText`, `processEvents`, ...) and True/False
(from `Signal.emit`) without taking a new reference. That is harmless from Python 3.12 on, where
those objects are immortal, but on Python 3.11 each call takes one reference away for good:
opening an article costs ~30 references to None (about 12,000 at startup), a signal emit one
to True (about 3,000), so a normal session ends in "Fatal Python error: deallocating None"
within minutes to an hour. Giving them an enormous reference count makes them as good as
immortal, which is what 3.12 does.
"""

from __future__ import annotations

import sys

PINNED_REFERENCES = 1 << 40  # ~10^12: more calls than a process makes in years


def pin_singletons() -> bool:
    """Make None, True, False, Ellipsis and NotImplemented practically immortal on CPython < 3.12.

    Returns True when it pinned them (only needed, and only done, where they are not immortal).
    Idempotent in effect: pinning twice only adds more headroom.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    import ctypes

    for obj in (None, True, False, Ellipsis, NotImplemented):
        # ob_refcnt is the first field of every PyObject in a release build of CPython.
        refcount = ctypes.c_ssize_t.from_address(id(obj))
        if refcount.value < PINNED_REFERENCES:
            refcount.value += PINNED_REFERENCES
    return True
