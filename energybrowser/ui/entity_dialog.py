"""Correct an entity mention selected in the reader: not an entity, another type, another canonical
name; or make the selected name an alias of an entity everywhere (the user's gazetteer)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QCompleter, QFormLayout, QLabel, QLineEdit, QWidget

from energybrowser.entities.model import ENTITY_TYPES, EntitySpan
from energybrowser.render.palette import type_label
from energybrowser.ui.checked_dialog import CheckedDialog
from energybrowser.ui.widgets import named

KEEP = "(keep)"


class EntityDialog(CheckedDialog):
    def __init__(
        self,
        words: str,
        mention: EntitySpan | None,
        names: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        """`words`: the selected text; `mention`: the entity found there (None when none is)."""
        super().__init__(parent)
        self.setWindowTitle("Correct Entity")
        self.setMinimumWidth(460)
        self.words = words
        self.mention = mention
        found = named(QLabel(), "entity_found")
        found.setTextFormat(Qt.TextFormat.PlainText)
        found.setText(
            f"“{words}” is read as {mention.canonical} ({type_label(mention.type).lower()})"
            if mention
            else f"“{words}” is not read as an entity"
        )
        found.setWordWrap(True)
        self.wrong = named(QCheckBox("&Not an entity"), "entity_wrong")
        self.wrong.setEnabled(mention is not None)
        self.type = named(QComboBox(), "entity_type")
        if mention:
            self.type.addItem(KEEP, "")
        for entity_type in ENTITY_TYPES:  # shown as the legend spells them ("Organisation")
            self.type.addItem(type_label(entity_type), entity_type)
        self.canonical = named(QLineEdit(), "entity_canonical")
        self.canonical.setPlaceholderText(mention.canonical if mention else "the entity's name")
        completer = QCompleter(sorted(set(names), key=str.casefold), self.canonical)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.canonical.setCompleter(completer)
        self.alias = named(QCheckBox(f"Treat “{words}” as a name of this entity &everywhere"), "entity_alias")
        self.alias.setToolTip("Adds the name to your gazetteer; every article is analysed again")
        if mention is None:  # words read as nothing can only become a name of an entity
            self.alias.setChecked(True)
            self.alias.setEnabled(False)
        form = QFormLayout()
        form.addRow(found)
        form.addRow(self.wrong)
        form.addRow("&Type:", self.type)
        form.addRow("&Canonical name:", self.canonical)
        form.addRow(self.alias)
        self.finish_layout(form, "entity_error")
        self.wrong.toggled.connect(self._on_changed)
        self.type.currentTextChanged.connect(self._on_changed)
        self.canonical.textChanged.connect(self._on_changed)
        self.alias.toggled.connect(self._on_changed)
        self._on_changed()

    def chosen_type(self) -> str:
        return str(self.type.currentData() or "")

    def problem(self) -> str:
        if self.wrong.isChecked():
            return ""
        canonical = self.canonical.text().strip()
        if self.alias.isChecked() and not (canonical or self.mention):
            return "Name the entity this is an alias of."
        if self.mention is None and not canonical:
            return "Name the entity these words mean."
        if self.mention is not None and not (canonical or self.chosen_type() or self.alias.isChecked()):
            return "Change the type or the name, or mark it as not an entity."
        return ""

    @Slot()
    def _on_changed(self) -> None:
        for widget in (self.type, self.canonical):
            widget.setEnabled(not self.wrong.isChecked())
        self.alias.setEnabled(self.mention is not None and not self.wrong.isChecked())
        super()._on_changed()
