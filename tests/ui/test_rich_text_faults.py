"""Rich text: a title or sentence like `<img src="/dev/zero">` from an article must never make a Qt
widget load a file. Qt shows any string that *looks* like HTML as rich text (tooltips, labels,
message boxes) and loads its images, so `/dev/zero` aborts the process and a pipe hangs the GUI.

The image source here is a named pipe watched by a thread: Qt opening it is seen at once (and the
watcher closes its end, so nothing blocks). The real window shows every tooltip of the results list,
the ledger and the mentions list, its labels, title, status bar and an error box on a library whose
titles and evidence sentences carry the tag; nothing may open the pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip
from pytestqt.qtbot import QtBot

from tests.robustness.faults import within

WATCHER = """
import errno, os, sys, time
fifo, log = sys.argv[1], sys.argv[2]
while True:
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:  # ENXIO: nobody is reading
        if exc.errno != errno.ENXIO:
            raise
        time.sleep(0.002)
        continue
    with open(log, "a") as out:
        out.write("opened\\n")
    os.close(fd)  # the reader sees end of file: nothing blocks
    time.sleep(0.01)
"""


class PipeProbe:
    """A FIFO, and a child process that notes each time something opens it for reading and then lets
    go of it. A process, not a thread: Qt holds the GIL while it blocks in open()."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.log = path.with_suffix(".log")
        os.mkfifo(path)
        self._child = subprocess.Popen([sys.executable, "-c", WATCHER, str(path), str(self.log)])

    @property
    def opened(self) -> int:
        return self.log.read_text().count("opened") if self.log.exists() else 0

    def stop(self) -> None:
        self._child.kill()
        self._child.wait()


@pytest.fixture
def probe(tmp_path: Path) -> Iterator[PipeProbe]:
    watched = PipeProbe(tmp_path / "probe.png")
    yield watched
    watched.stop()


@pytest.mark.qt_log_ignore("QFile::at")
def test_the_probe_sees_what_plain_qt_would_load(qtbot: QtBot, probe: PipeProbe) -> None:
    """Control: an unescaped tag in a label does open the pipe (so the test below can fail)."""
    label = QLabel(f'<img src="{probe.path}"> title')
    qtbot.addWidget(label)
    label.sizeHint()
    qtbot.waitUntil(lambda: probe.opened > 0, timeout=3000)


HUGE = 60_000  # front matter is capped at 64 KB; longer titles come from HTML pages


def hostile_articles(folder: Path, probe: Path, *, huge: bool = False) -> str:
    tag = f'<img src="{probe}">'
    escaped = tag.replace("<", "&lt;").replace(">", "&gt;")
    (folder / "hostile-title.md").write_text(
        f"---\ntitle: '{tag} SOCAR pipeline deal'\npublisher: '{tag} Daily'\ndate: 2023-05-01\n---\n\n"
        f"SOCAR and KazMunayGas signed a memorandum {escaped} in Baku on 3 May 2023.\n\n"
        "The memorandum covers gas transport.\n",
        encoding="utf-8",
    )
    (folder / "hostile-text.txt").write_text(
        f"Plain {tag} headline on Caspian gas\n\nQazaqGaz and SOCAR signed an agreement {tag} "
        "on gas exploration in the Caspian.\n",
        encoding="utf-8",
    )
    if huge:
        (folder / "huge-title.md").write_text(
            f"---\ntitle: 'Huge {'x' * HUGE}'\n---\n\nSOCAR met QazaqGaz in Astana on gas.\n",
            encoding="utf-8",
        )
    return tag


def shown_as_text(tip: str) -> str:
    """What the user reads: Qt's own choice between plain and rich text."""
    doc = QTextDocument()
    if QtGui.Qt.mightBeRichText(tip):
        doc.setHtml(tip)  # the document is never laid out: nothing is loaded here
    else:
        doc.setPlainText(tip)
    return doc.toPlainText()


def model_tooltips(model) -> list[str]:  # type: ignore[no-untyped-def]
    tips = []
    root = QModelIndex()
    for row in range(model.rowCount(root)):
        columns = model.columnCount(root) if model.index(0, 1).isValid() else 1
        for column in range(columns):
            tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
            if tip:
                tips.append(str(tip))
    return tips


def show_tooltips(qtbot: QtBot, widget, tips: list[str]) -> None:  # type: ignore[no-untyped-def]
    for tip in tips:
        QToolTip.showText(widget.mapToGlobal(QPoint(5, 5)), tip, widget)
        qtbot.wait(1)
    QToolTip.hideText()


def close_message_boxes() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.sizeHint()
            widget.grab()
            widget.close()


@pytest.mark.qt_log_ignore("QFile::at", "This plugin does not support")
def test_article_text_reaching_any_widget_loads_nothing(
    qtbot: QtBot, make_window, corpus_dir: Path, probe: PipeProbe
) -> None:
    tag = hostile_articles(corpus_dir, probe.path)
    with within(30):
        window = make_window()
        window.show()
        qtbot.waitExposed(window)

        results = window.search_panel.model
        hostile_rows = [r for r in range(results.rowCount()) if "<img" in results.row_at(r).title]
        assert len(hostile_rows) == 2
        tips = model_tooltips(results)
        # Open each hostile article: window title, status bar, reader labels.
        for row in hostile_rows:
            window.open_article(results.row_at(row).article_id)
            assert tag in window.windowTitle()
        window.search_panel.query_edit.setText("SOCAR")
        qtbot.waitUntil(lambda: results.rowCount() > 0, timeout=5000)
        tips += model_tooltips(results)

        ledger = window.agreements_model
        tips += model_tooltips(ledger)
        for row in range(window.agreements.model.rowCount()):
            window.agreements.table.selectRow(row)
        window.reader.primary.entity_clicked.emit("SOCAR")
        tips += model_tooltips(window.mentions.model)
        assert any(tag in shown_as_text(t) for t in tips), "the hostile text is shown, as text"

        show_tooltips(qtbot, window.search_panel, tips)
        window.status.say(f"Saved metadata of “{tag}”.")
        QTimer.singleShot(50, close_message_boxes)
        from energybrowser.ui import dialogs

        dialogs.show_error(window, f"Could not save {tag}", tag)
        for label in window.findChildren(QLabel):
            label.sizeHint()
        window.grab()
        qtbot.wait(50)
    assert probe.opened == 0, "a widget opened the file named in an article's text"


def test_a_huge_title_is_capped_wherever_it_is_shown(qtbot: QtBot, make_window, corpus_dir: Path) -> None:
    hostile_articles(corpus_dir, corpus_dir / "nothing.png", huge=True)
    window = make_window()
    results = window.search_panel.model
    row = next(r for r in range(results.rowCount()) if results.row_at(r).title.startswith("Huge xxx"))
    window.open_article(results.row_at(row).article_id)
    assert len(window.windowTitle()) < 300
    assert all(len(tip) < 3000 for tip in model_tooltips(results))
    assert len(window.status.currentMessage()) < 1000
