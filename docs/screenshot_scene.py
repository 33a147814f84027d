"""Open the app in the state shown by docs/screenshot.png, for the screenshot tool:

    ../../shared/tools/screenshot --size 1366x768 --out /tmp/shot --wait 8 -- python docs/screenshot_scene.py

(The README's screenshots are taken at 1366x768, the window at its default size for that screen.)

SCENE_QUERY (search), SCENE_PARTY (select the first ledger row with this party whose article has a
title), SCENE_SIDE=1 (instead: the first agreement reported twice, its reports side by side),
SCENE_SIZE (e.g. 1440x900; default: the window's own size for the screen), SCENE_CORPUS (article
folder) adjust it. SCENE_REVIEW=1 shows the
ledger with every review state (reviews made beforehand with `energybrowser review`), the first
reviewed row selected; SCENE_REVIEW=form shows the review form of the first edited agreement alone.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import energybrowser.ui  # noqa: F401 - pins None/True/False before any PySide6 call
from energybrowser.paths import DataPaths
from energybrowser.settings import Settings
from energybrowser.ui.icon import apply_app_identity
from energybrowser.ui.main_window import MainWindow
from energybrowser.ui.palette import apply_system_palette


def main() -> int:
    query = os.environ.get("SCENE_QUERY", "SOCAR")
    side = bool(os.environ.get("SCENE_SIDE"))
    party = os.environ.get("SCENE_PARTY", "KazMunayGas")
    size = os.environ.get("SCENE_SIZE", "")
    paths = DataPaths.resolve(None)
    app = QApplication(sys.argv)
    apply_app_identity(app)
    app.setApplicationDisplayName("energybrowser")
    app.setStyle("Fusion")
    apply_system_palette(app)
    review = os.environ.get("SCENE_REVIEW", "")
    window = MainWindow(Settings.load(paths.settings_file), paths, os.environ.get("SCENE_CORPUS"))
    if size:
        width, height = (int(x) for x in size.split("x"))
        window.resize(width, height)
    if review != "form":  # the form is shot alone: the screenshot tool takes the first window shown
        window.show()
    window.start()

    def review_scene() -> None:
        from energybrowser.ui.review_form import ReviewForm

        rows = window.agreements.visible_rows()
        if review == "form":
            edited = next(a for row in rows for a in row.reports if a.review.state == "edited")
            names = window.reviewing._names_of(edited.article)
            form = ReviewForm(edited, names=names)
            form.setWindowTitle("Review Agreement — energybrowser")
            form.show()
            window._scene_form = form  # type: ignore[attr-defined]  # kept alive for the shot
            return
        window.agreements.review_filter.setCurrentText("Everything")
        rows = window.agreements.visible_rows()
        first = next(r for r, row in enumerate(rows) if row.review_state == "edited")
        window.agreements.table.selectRow(first)

    def select_row() -> None:
        for r, row in enumerate(window.agreements.visible_rows()):
            if side and len(row.articles) > 1:
                window.agreements.table.selectRow(r)
                window.open_side_by_side(row.articles[1])
                return
            article = window.library.get(row.lead.article) if window.library else None
            if not side and party in row.parties and article is not None and article.title:
                window.agreements.table.selectRow(r)
                return

    def scene() -> None:
        from PySide6.QtTest import QTest

        QTest.keyClicks(window.search_panel.query_edit, query)  # typed, as a user does
        window.search_panel.query_committed.emit(query)
        QTimer.singleShot(1500, select_row)

    window.analysis_ready.connect(lambda: QTimer.singleShot(300, review_scene if review else scene))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
