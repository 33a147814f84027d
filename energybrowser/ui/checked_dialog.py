"""A dialog whose form is checked as it is typed: a red line says what is wrong, and the button that
keeps the input stays off while anything is. The entity, metadata and review dialogs are built on it."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPushButton, QVBoxLayout

from energybrowser.ui.plain import plain_label

ERROR_COLOUR = "#c0392b"


class CheckedDialog(QDialog):
    """Build the form, call `finish_layout`, connect the fields' change signals to `_on_changed`
    and define `problem`."""

    def problem(self) -> str:
        """What is wrong with the input, in one sentence; empty when it can be kept."""
        return ""

    def finish_layout(
        self,
        form: QFormLayout,
        error_name: str,
        buttons: QDialogButtonBox | None = None,
        save: QPushButton | None = None,
    ) -> QVBoxLayout:
        """The form, the error line (named `error_name`) and the buttons: Save and Cancel unless
        `buttons` (with `save`, the button the check switches) are given."""
        self.error = plain_label(object_name=error_name)  # may quote what was typed: never markup
        self.error.setStyleSheet(f"color: {ERROR_COLOUR}")
        if buttons is None:
            buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
            buttons.accepted.connect(self.accept)
            buttons.rejected.connect(self.reject)
            save = buttons.button(QDialogButtonBox.StandardButton.Save)
        assert save is not None
        self.buttons = buttons
        self.save_button = save
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        return layout

    def showEvent(self, event: QShowEvent) -> None:
        """Each field shows the start of its value: a long title opens at its first words, not at
        its last (a line edit given its text keeps the cursor at the end)."""
        if not event.spontaneous():
            for edit in self.findChildren(QLineEdit):
                if not edit.isModified():
                    edit.setCursorPosition(0)
        super().showEvent(event)

    @Slot()
    def _on_changed(self) -> None:
        problem = self.problem()
        self.error.setText(problem)
        self.save_button.setEnabled(not problem)
