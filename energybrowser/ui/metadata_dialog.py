"""Edit an imported article's fields. Input is checked as typed; OK stays off while something is wrong."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from energybrowser.corpus.model import ArticleMeta, Author, PartialDate
from energybrowser.ui.plain import plain_label

KINDS = ("", "news", "analysis", "blog", "press release", "interview", "report")


class MetadataDialog(QDialog):
    def __init__(self, meta: ArticleMeta, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Article Metadata")
        self.setMinimumWidth(520)
        self._meta = meta
        self.title = QLineEdit(meta.title, objectName="meta_title")
        self.authors = QLineEdit("; ".join(a.name for a in meta.authors), objectName="meta_authors")
        self.authors.setPlaceholderText("Given Family; Other Author")
        self.organization = QCheckBox("The author is an organisation (e.g. a news agency)")
        self.organization.setChecked(any(a.organization for a in meta.authors))
        self.publisher = QLineEdit(meta.publisher, objectName="meta_publisher")
        self.date = QLineEdit(meta.date.iso(), objectName="meta_date")
        self.date.setPlaceholderText("YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD")
        self.url = QLineEdit(meta.url, objectName="meta_url")
        self.language = QLineEdit(meta.language, objectName="meta_language")
        self.language.setPlaceholderText("e.g. en")
        self.kind = QComboBox(objectName="meta_kind")
        self.kind.setEditable(True)
        self.kind.addItems(KINDS)
        self.kind.setCurrentText(meta.kind)
        self.error = plain_label(object_name="meta_error")
        self.error.setStyleSheet("color: #c0392b")
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Authors:", self.authors)
        form.addRow("", self.organization)
        form.addRow("&Publisher:", self.publisher)
        form.addRow("&Date:", self.date)
        form.addRow("&URL:", self.url)
        form.addRow("&Language:", self.language)
        form.addRow("&Kind:", self.kind)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for edit in (self.title, self.date, self.url):
            edit.textChanged.connect(self._on_changed)
        self._on_changed()

    def problem(self) -> str:
        if not self.title.text().strip():
            return "The title cannot be empty."
        try:
            PartialDate.parse_iso(self.date.text().strip())
        except ValueError:
            return "The date must be YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD."
        url = self.url.text().strip()
        if url and not url.startswith(("http://", "https://")):
            return "The URL must start with http:// or https://."
        return ""

    @Slot()
    def _on_changed(self) -> None:
        problem = self.problem()
        self.error.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problem)

    def meta(self) -> ArticleMeta:
        """The edited fields (call when problem() is empty)."""
        org = self.organization.isChecked()
        authors = tuple(Author(n.strip(), org) for n in self.authors.text().split(";") if n.strip())
        date = PartialDate.parse_iso(self.date.text().strip())
        date_changed = date != self._meta.date
        return replace(
            self._meta,
            title=self.title.text().strip(),
            authors=authors,
            publisher=self.publisher.text().strip(),
            date=date,
            date_text="" if date_changed else self._meta.date_text,
            url=self.url.text().strip(),
            language=self.language.text().strip(),
            kind=self.kind.currentText().strip(),
        )
