"""Start the desktop application: the window first, everything slow afterwards in the background."""

from __future__ import annotations

import os
import sys
import time

SMOKE_ENV = "ENERGYBROWSER_SMOKE_TEST"


def run_app(corpus: str | None = None, data_dir: str | None = None) -> int:
    started = time.perf_counter()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from energybrowser.paths import DataPaths
    from energybrowser.settings import Settings
    from energybrowser.ui import dialogs
    from energybrowser.ui.errors import configure_logging, install_excepthook
    from energybrowser.ui.main_window import MainWindow
    from energybrowser.ui.palette import apply_system_palette

    paths = DataPaths.resolve(data_dir)
    configure_logging(paths.data / "energybrowser.log")
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("energybrowser")
    app.setApplicationDisplayName("energybrowser")
    app.setDesktopFileName("io.github.energybrowser")
    app.setStyle("Fusion")
    apply_system_palette(app)

    install_excepthook(lambda summary, details: dialogs.show_error(app.activeWindow(), summary, details))
    window = MainWindow(Settings.load(paths.settings_file), paths, corpus)
    window.show()
    window.start()

    if os.environ.get(SMOKE_ENV):
        # Report when the window is on screen and the articles are in, then quit (tests, timing).
        def report() -> None:
            handle = window.windowHandle()
            if handle is None or not handle.isExposed():
                QTimer.singleShot(20, report)  # not on screen yet
                return
            elapsed = (time.perf_counter() - started) * 1000
            count = len(window.library) if window.library else 0
            print(
                f"energybrowser: window shown ({window.width()}x{window.height()}, "
                f"{count} articles) after {elapsed:.0f} ms",
                flush=True,
            )
            window.close()

        window.library_loaded.connect(lambda: QTimer.singleShot(0, report))
    return app.exec()
