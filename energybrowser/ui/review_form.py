"""The review form: one agreement's fields, each with where its value comes from (extracted,
confirmed, edited and when), checked as typed by the same rules as the CLI (`curation.fields`).

Save keeps the edits (and confirms the rest); "Not an Agreement" rejects it with the note as the
reason. The form only gathers: the controller stores, so every action can be undone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from energybrowser.agreements.model import Agreement
from energybrowser.curation.fields import STATUSES, FieldError, parse_field
from energybrowser.curation.records import agreement_values
from energybrowser.ui.checked_dialog import CheckedDialog
from energybrowser.ui.widgets import named

FORM_FIELDS = ("type", "status", "parties", "signatories", "date", "place", "subject", "quantities")
LABELS = {
    "type": "&Type:",
    "status": "&Status:",
    "parties": "&Parties:",
    "signatories": "Si&gnatories:",
    "date": "&Date:",
    "place": "P&lace:",
    "subject": "Su&bject:",
    "quantities": "&Quantities:",
}
HINTS = {
    "parties": "names separated by ;",
    "signatories": "names separated by ;",
    "quantities": "amounts as written, separated by ;",
    "date": "YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD (no year)",
}
DEFAULT_TYPES = ("agreement", "memorandum", "contract", "protocol", "treaty", "accord", "declaration")

Outcome = Literal["save", "reject", ""]


def field_text(value: object) -> str:
    """A field's value as the form shows it: lists joined by '; ', dates in ISO."""
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    iso = getattr(value, "iso", None)
    return iso() if callable(iso) else str(value or "")


def provenance_text(agreement: Agreement, name: str) -> str:
    source, at = agreement.review.provenance(name)
    return f"{source} {at[:10]}" if at else source


class _MultiCompleter(QCompleter):
    """Completes the name being typed after the last ';' of a list field."""

    def __init__(self, names: QStringListModel, edit: QLineEdit) -> None:
        super().__init__(names, edit)
        self._edit = edit

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        typed = self._edit.text()
        done = typed.rsplit(";", 1)[0] if ";" in typed else ""
        name = super().pathFromIndex(index)
        return f"{done}; {name}" if done else name

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(";", 1)[-1].strip()]


class ReviewForm(CheckedDialog):
    def __init__(
        self,
        agreement: Agreement,
        *,
        names: Sequence[str] = (),
        types: Sequence[str] = DEFAULT_TYPES,
        adding: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`names`: the entities of the article, offered as parties and signatories."""
        super().__init__(parent)
        self.setWindowTitle("Add Agreement" if adding else "Review Agreement")
        self.setMinimumWidth(560)
        self.agreement = agreement
        self.adding = adding
        self.outcome: Outcome = ""
        self._start = {name: field_text(value) for name, value in agreement_values(agreement).items()}
        self.edits: dict[str, QLineEdit | QComboBox] = {}
        self.provenance: dict[str, QLabel] = {}

        evidence = named(QLabel(), "review_evidence")
        evidence.setTextFormat(Qt.TextFormat.PlainText)  # article text is never markup
        evidence.setText(f"“{agreement.evidence.text}”")
        evidence.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Evidence:", evidence)
        completer_model = QStringListModel(sorted(set(names), key=str.casefold), self)
        for name in FORM_FIELDS:
            edit = self._make_edit(name, types, completer_model)
            self.edits[name] = edit
            label = named(QLabel(), f"review_provenance_{name}")
            label.setTextFormat(Qt.TextFormat.PlainText)  # may quote the article
            label.setText("" if adding else provenance_text(agreement, name))
            label.setEnabled(False)  # greyed: a remark, not a value
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance("confirmed 0000-00-00"))
            self.provenance[name] = label
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(label)
            caption = QLabel(LABELS[name])
            caption.setBuddy(edit)  # Alt+letter moves to the field (a layout gets no buddy by itself)
            form.addRow(caption, row)
        self.note = named(QLineEdit(agreement.review.note), "review_note")
        self.note.setPlaceholderText("a remark; the reason when it is not an agreement")
        form.addRow("&Note:", self.note)

        buttons = QDialogButtonBox()
        save = buttons.addButton("&Add" if adding else "&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("review_save")
        save.setToolTip("Keep these values; the agreement counts as reviewed")
        self.reject_button: QPushButton | None = None
        if not adding:
            self.reject_button = buttons.addButton(
                "&Not an Agreement", QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.reject_button.setObjectName("review_reject")
            self.reject_button.setToolTip("Leave it out of the ledger (the note is kept as the reason)")
            self.reject_button.clicked.connect(self._on_reject)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        save.clicked.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        self.finish_layout(form, "review_error", buttons, save)
        for edit in self.edits.values():
            signal = edit.currentTextChanged if isinstance(edit, QComboBox) else edit.textChanged
            signal.connect(self._on_changed)
        self._on_changed()

    def _make_edit(self, name: str, types: Sequence[str], names: QStringListModel) -> QLineEdit | QComboBox:
        text = self._start[name]
        if name in ("type", "status"):
            combo = named(QComboBox(), f"review_{name}")
            combo.setEditable(name == "type")
            items = list(dict.fromkeys([*types, text] if name == "type" else STATUSES))
            combo.addItems([i for i in items if i])
            combo.setCurrentText(text)
            return combo
        edit = named(QLineEdit(text), f"review_{name}")
        edit.setPlaceholderText(HINTS.get(name, ""))
        if name in ("parties", "signatories"):
            completer = _MultiCompleter(names, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            edit.setCompleter(completer)
        return edit

    def text_of(self, name: str) -> str:
        edit = self.edits[name]
        return edit.currentText() if isinstance(edit, QComboBox) else edit.text()

    def set_text(self, name: str, text: str) -> None:
        edit = self.edits[name]
        if isinstance(edit, QComboBox):
            edit.setCurrentText(text)
        else:
            edit.setText(text)

    def changes(self) -> dict[str, str]:
        """The fields the analyst changed (all of them when adding), as typed."""
        return {
            name: self.text_of(name)
            for name in FORM_FIELDS
            if self.adding or self.text_of(name).strip() != self._start[name]
        }

    def problem(self) -> str:
        for name in FORM_FIELDS:
            try:
                parse_field(name, self.text_of(name))
            except FieldError as exc:
                return str(exc)
        return ""

    @Slot()
    def _on_save(self) -> None:
        if not self.problem():
            self.outcome = "save"
            self.accept()

    @Slot()
    def _on_reject(self) -> None:
        self.outcome = "reject"
        self.accept()
