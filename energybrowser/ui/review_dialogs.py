"""The reviews that need a look: their sentence is gone from the article (rewritten, or the article
removed). Listed with their words and reason, never dropped unless the analyst says so."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from energybrowser.curation.apply import NeedsLook
from energybrowser.ui.widgets import named


class NeedsLookDialog(QDialog):
    forget_requested = Signal(str)
    """The analyst drops a review that cannot be placed (its id)."""

    def __init__(
        self, problems: Sequence[NeedsLook], title_of: Callable[[str], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reviews Needing a Look")
        self.setMinimumSize(560, 320)
        intro = QLabel(
            "These reviews are anchored to sentences that are no longer in their articles. "
            "They are kept: fix the article, or forget the review."
        )
        intro.setWordWrap(True)
        self.list = named(QListWidget(), "needs_look_list")
        self.list.setWordWrap(True)
        for problem in problems:
            item = QListWidgetItem(f"{title_of(problem.article)}\n“{problem.quote}”\n{problem.reason}")
            item.setData(Qt.ItemDataRole.UserRole, problem.review_id)
            self.list.addItem(item)
        self.forget_button = named(QPushButton("&Forget Review"), "needs_look_forget")
        self.forget_button.clicked.connect(self._on_forget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.forget_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.list.setCurrentRow(0)

    @Slot()
    def _on_forget(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        item = self.list.takeItem(row)
        self.forget_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
