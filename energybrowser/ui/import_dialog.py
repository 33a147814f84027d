"""Import one page with the address it was saved from (as `energybrowser import --url URL FILE`):
the address goes into the article's URL, its citations, and names the publisher through the list of
outlets when the page does not. Optional; checked as typed with the importer's own check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from energybrowser.ui.checked_dialog import CheckedDialog
from energybrowser.ui.plain import plain_label, tooltip
from energybrowser.ui.widgets import named


class PageAddressDialog(CheckedDialog):
    def __init__(self, file: str, address: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Article")
        self.setMinimumWidth(560)
        self.file = named(plain_label(Path(file).name), "import_file")
        self.file.setToolTip(tooltip(file))
        self.address = named(QLineEdit(address), "import_address")
        self.address.setPlaceholderText("https://… (optional: the page's address, for its citation)")
        self.address.setClearButtonEnabled(True)
        form = QFormLayout()
        form.addRow("File:", self.file)
        form.addRow("Page &address:", self.address)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        save = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.finish_layout(form, "import_error", buttons, save)
        save.setDefault(True)
        self.address.textChanged.connect(self._on_changed)
        self._on_changed()

    def problem(self) -> str:
        text = self.address.text().strip()
        if not text:
            return ""
        from energybrowser.corpus.importer.library import page_address

        try:
            page_address(text)
        except ValueError as exc:
            return _sentence(exc)
        return ""

    def page_address(self) -> str:
        return self.address.text().strip()


def _sentence(exc: ValueError) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
