"""Edit an imported article's fields. Input is checked as typed; OK stays off while something is wrong."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from energybrowser.corpus.model import ArticleMeta, Author, PartialDate
from energybrowser.ui.checked_dialog import CheckedDialog
from energybrowser.ui.widgets import named

KINDS = ("", "news", "analysis", "blog", "press release", "interview", "report")


class MetadataDialog(CheckedDialog):
    def __init__(self, meta: ArticleMeta, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        """`read_only`: the article's file cannot be changed (a bundled article): `meta` shows it
        with the analyst's corrections, which are kept apart and cited as if the file stated them."""
        super().__init__(parent)
        self.setWindowTitle("Article Metadata")
        self.read_only = read_only
        self.setMinimumWidth(520)
        self._meta = meta
        self.title = named(QLineEdit(meta.title), "meta_title")
        self.authors = named(QLineEdit("; ".join(a.name for a in meta.authors)), "meta_authors")
        self.authors.setPlaceholderText("Given Family; Other Author")
        self.organization = QCheckBox("The author is an organisation (e.g. a news agency)")
        self.organization.setChecked(any(a.organization for a in meta.authors))
        self.publisher = named(QLineEdit(meta.publisher), "meta_publisher")
        self.date = named(QLineEdit(meta.date.iso()), "meta_date")
        self.date.setPlaceholderText("YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD")
        self.url = named(QLineEdit(meta.url), "meta_url")
        self.accessed = named(QLineEdit(meta.accessed.iso()), "meta_accessed")
        self.accessed.setPlaceholderText("when you read it online: YYYY-MM-DD")
        self.language = named(QLineEdit(meta.language), "meta_language")
        self.language.setPlaceholderText("e.g. en")
        self.kind = named(QComboBox(), "meta_kind")
        self.kind.setEditable(True)
        self.kind.addItems(KINDS)
        self.kind.setCurrentText(meta.kind)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Authors:", self.authors)
        form.addRow("", self.organization)
        form.addRow("&Publisher:", self.publisher)
        form.addRow("&Date:", self.date)
        form.addRow("&URL:", self.url)
        form.addRow("A&ccessed:", self.accessed)
        form.addRow("&Language:", self.language)
        form.addRow("&Kind:", self.kind)
        layout = self.finish_layout(form, "meta_error")
        for edit in (self.title, self.date, self.url, self.accessed):
            edit.textChanged.connect(self._on_changed)
        if read_only:
            # Language and kind describe the file itself: they stay as it states them.
            for widget in (self.language, self.kind):
                widget.setEnabled(False)
                widget.setToolTip("Kept as the article's file states it")
            note = named(
                QLabel(
                    "This article's file is read-only: your corrections are kept in your library and the "
                    "article is shown and cited with them."
                ),
                "meta_override_note",
            )
            note.setWordWrap(True)
            layout.insertWidget(0, note)
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
        try:
            PartialDate.parse_iso(self.accessed.text().strip())
        except ValueError:
            return "The accessed date must be YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD."
        return ""

    def override_changes(self) -> dict[str, object]:
        """The fields an override holds (title, authors, publisher, date, URL, accessed) that
        differ from what is shown now; a field set back to the file's value clears its override."""
        edited = self.meta()
        old = self._meta
        pairs = {
            "title": (edited.title, old.title),
            "authors": (edited.authors, old.authors),
            "publisher": (edited.publisher, old.publisher),
            "date": (edited.date, old.date),
            "url": (edited.url, old.url),
            "accessed": (edited.accessed, old.accessed),
        }
        return {name: new for name, (new, before) in pairs.items() if new != before}

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
            accessed=PartialDate.parse_iso(self.accessed.text().strip()),
            language=self.language.text().strip(),
            kind=self.kind.currentText().strip(),
        )
