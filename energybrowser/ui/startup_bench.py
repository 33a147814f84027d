"""One start of the window for the start-up benchmark (offscreen): prints one JSON object of
timings (seconds since the parent launched this process) and peak memory. A first start also
says when the list first showed articles (`first_listed`), while the others were being read.
`stall_ms`: the longest the window's thread did not answer (a 20 ms heartbeat's longest gap, less
its interval) from shown to the end, and when it ended (`stall_at`); `cpu_total`: CPU seconds of
this process and its workers.

    python -m energybrowser.ui.startup_bench CORPUS DATA_DIR LAUNCHED_AT [--until analysed|indexed]
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

HEARTBEAT_S = 0.02


def main() -> None:
    corpus, data_dir, launched = sys.argv[1], sys.argv[2], float(sys.argv[3])
    until = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--until" else "ready"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    marks: dict[str, float] = {"process": time.time() - launched}

    from PySide6.QtWidgets import QApplication

    from energybrowser.paths import DataPaths
    from energybrowser.settings import Settings
    from energybrowser.ui.main_window import MainWindow

    app = QApplication([])
    paths = DataPaths.resolve(data_dir)
    window = MainWindow(Settings.load(paths.settings_file), paths, corpus, indexing=True)
    window.show()
    app.processEvents()
    marks["shown"] = time.time() - launched
    info: dict[str, object] = {}

    def peak_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def cpu() -> float:  # this process's CPU seconds: what a busy shared machine does not inflate
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def listed() -> None:  # a first start: the list shows articles while the others are read
        if "first_listed" not in marks and window.search_panel.model.total:
            marks["first_listed"] = time.time() - launched

    def loaded() -> None:
        if "ready" in marks:
            return
        marks["ready"] = time.time() - launched  # the article list, facets and ledger are shown
        info["articles_listed"] = window.search_panel.model.total
        info["entity_facets"] = window.search_panel.facet_boxes["entity"].count() - 1
        info["ledger_rows"] = window.agreements_model.rowCount()
        info["peak_mb_ready"] = peak_mb()
        info["cpu_ready"] = cpu()
        if until == "ready":
            app.quit()

    def analysed() -> None:
        marks.setdefault("analysed", time.time() - launched)
        info["ledger_rows_analysed"] = window.agreements_model.rowCount()
        info["cpu_analysed"] = cpu()
        info["peak_mb_analysed"] = peak_mb()
        if until == "analysed":
            app.quit()

    def poll_indexed() -> None:
        if "analysed" in marks and not window._indexing and not window.jobs.is_running("analyse"):
            marks["indexed"] = time.time() - launched
            app.quit()

    from PySide6.QtCore import QTimer

    beats = {"last": time.monotonic(), "worst": 0.0, "at": 0.0}

    def beat() -> None:  # the GUI thread's longest stall while the window fills
        now = time.monotonic()
        if now - beats["last"] - HEARTBEAT_S > beats["worst"]:
            beats["worst"], beats["at"] = now - beats["last"] - HEARTBEAT_S, time.time() - launched
        beats["last"] = now

    heartbeat = QTimer(interval=int(HEARTBEAT_S * 1000))
    heartbeat.timeout.connect(beat)
    heartbeat.start()
    window.search_panel.model.modelReset.connect(listed)
    window.library_loaded.connect(loaded)
    window.analysis_ready.connect(analysed)
    if until == "indexed":
        timer = QTimer(interval=200)
        timer.timeout.connect(poll_indexed)
        timer.start()
    window.start()
    app.exec()
    info["peak_mb"] = peak_mb()
    info["stall_ms"], info["stall_at"] = round(beats["worst"] * 1000), round(beats["at"], 1)
    window.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the worker pools, ended by now
    info["cpu_total"] = round(cpu() + children.ru_utime + children.ru_stime, 1)
    print(json.dumps({**marks, **info}))


if __name__ == "__main__":
    main()
