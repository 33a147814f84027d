"""PySide6 6.12 on Python 3.11 drops a reference to None on every void call: the UI package
guards against it, so a long session (many thousands of calls) does not crash the interpreter."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

LONG_SESSION = """
import energybrowser.ui  # pins None/True/False
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
class Hub(QObject):
    ping = Signal()
hub = Hub()
hub.ping.connect(lambda: None)
for _ in range(40_000):
    label.setText("x")   # None
    hub.ping.emit()      # True
    app.processEvents()  # None
print("survived")
"""


def test_a_long_session_of_qt_calls_does_not_exhaust_none_or_true() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LONG_SESSION],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout


def test_guard_only_acts_where_the_singletons_are_mortal() -> None:
    from energybrowser.ui.refcount_guard import PINNED_REFERENCES, pin_singletons

    pinned = pin_singletons()
    assert pinned == (sys.implementation.name == "cpython" and sys.version_info < (3, 12))
    if pinned:
        assert sys.getrefcount(None) > PINNED_REFERENCES and sys.getrefcount(True) > PINNED_REFERENCES
