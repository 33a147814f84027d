"""Start the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow, QSplitter, QTextBrowser

from energybrowser.corpus.loader import load_corpus, resolve_corpus_dir
from energybrowser.ui.icon import apply_app_identity


def run_app(corpus: str | None = None, data_dir: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    apply_app_identity(app)
    loaded = load_corpus(resolve_corpus_dir(corpus))
    window = QMainWindow()
    window.setWindowTitle("energybrowser")
    splitter = QSplitter()
    titles = QListWidget()
    titles.addItems([a.title for a in loaded])
    reader = QTextBrowser()
    splitter.addWidget(titles)
    splitter.addWidget(reader)
    titles.currentRowChanged.connect(lambda row: reader.setPlainText(loaded.articles[row].text))
    window.setCentralWidget(splitter)
    window.resize(1200, 800)
    window.show()
    return app.exec()
