"""Start the desktop application: the window first, everything slow afterwards in the background."""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from energybrowser.paths import DataPaths

SMOKE_ENV = "ENERGYBROWSER_SMOKE_TEST"
LAYOUT_ENV = "ENERGYBROWSER_LAYOUT_REPORT"
EXIT_WAIT_MS = 10_000  # a first index build of a big library may still be running at quit


def process_age_ms() -> float | None:
    """Milliseconds since this process started (Linux), to time a cold start from the very beginning."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat, open("/proc/uptime", encoding="ascii") as up:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
            uptime = float(up.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return (uptime - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000


def run_app(corpus: str | None = None, data_dir: str | None = None) -> int:
    started = time.perf_counter()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from energybrowser.paths import DataPaths
    from energybrowser.settings import Settings
    from energybrowser.ui import dialogs
    from energybrowser.ui.errors import configure_logging, install_excepthook
    from energybrowser.ui.icon import apply_app_identity
    from energybrowser.ui.interrupt import InterruptHandler
    from energybrowser.ui.main_window import MainWindow
    from energybrowser.ui.palette import apply_system_palette
    from energybrowser.ui.single_instance import SingleInstance

    paths = DataPaths.resolve(data_dir)
    configure_logging(paths.data / "energybrowser.log")
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    apply_app_identity(app)
    app.setApplicationDisplayName("energybrowser")
    app.setStyle("Fusion")
    apply_system_palette(app)

    install_excepthook(lambda summary, details: dialogs.show_error(app.activeWindow(), summary, details))
    instance = SingleInstance(paths.data, app)
    if not instance.acquire():
        return _already_running(paths)
    interrupts = InterruptHandler(app)
    window = MainWindow(Settings.load(paths.settings_file), paths, corpus)
    instance.listen(window.bring_to_front)
    window.show()
    window.start()

    if os.environ.get(LAYOUT_ENV):  # real-window tests: how the layout came out, then keep running

        def report_layout() -> None:
            from energybrowser.ui.layout_report import print_layout_report

            print_layout_report(window)

        window.analysis_ready.connect(lambda: QTimer.singleShot(300, report_layout))

    if os.environ.get(SMOKE_ENV):
        # Report when the window is on screen and the articles are in, then quit (tests, timing).
        first_turn: list[float] = []  # process age when the event loop first ran: the window answers

        def note_first_turn() -> None:
            age = process_age_ms()
            first_turn.append(age if age is not None else (time.perf_counter() - started) * 1000)

        QTimer.singleShot(0, note_first_turn)

        def report() -> None:
            handle = window.windowHandle()
            if handle is None or not handle.isExposed():
                QTimer.singleShot(20, report)  # not on screen yet
                return
            in_app = (time.perf_counter() - started) * 1000
            age = process_age_ms()
            count = len(window.library) if window.library else 0
            since = f"{age:.0f} ms after process start, " if age is not None else ""
            cpu = time.process_time() * 1000  # unlike wall time, not inflated by a busy machine
            interactive = f"interactive after {first_turn[0]:.0f} ms; " if first_turn else ""
            print(
                f"energybrowser: window shown ({window.width()}x{window.height()}, "
                f"{count} articles) {since}{in_app:.0f} ms after run_app, {cpu:.0f} ms CPU; {interactive}",
                flush=True,
            )
            window.close()

        window.library_loaded.connect(lambda: QTimer.singleShot(0, report))
    status = app.exec()
    from energybrowser.ui.tasks import wait_for_all

    wait_for_all(EXIT_WAIT_MS)
    interrupts.uninstall()
    instance.release()
    return status


def _already_running(paths: DataPaths) -> int:
    """A second copy on the same data folder: the first one's window comes to the front, and the
    user is told why no new window opened."""
    from energybrowser.ui import dialogs
    from energybrowser.ui.single_instance import ask_first_to_raise

    where = f"its data folder {paths.data}"
    if ask_first_to_raise(paths.data):
        print(
            f"energybrowser is already open on {where}; its window was asked to come to the front.",
            file=sys.stderr,
        )
        return 0
    message = (
        f"energybrowser is already running on {where}. Use that window, or close it first; "
        "to run a second copy, start it with --data-dir and another folder."
    )
    print(f"energybrowser: {message}", file=sys.stderr)
    if not os.environ.get(SMOKE_ENV):
        dialogs.show_error(None, message)
    return 1
