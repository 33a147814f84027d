"""A splitter whose side panels fold away when the window gets too narrow for all of them.

QSplitter never collapses a pane by itself: below the sum of the panes' minimum widths it simply
overflows the window (the right-hand panel and its scroll bar end up off screen). Here the panes
named in `collapse_order` fold to nothing, one at a time, until the rest fit; each comes back when
the window is wide enough again, unless the user folded it (dragging its edge) meanwhile. A folded
pane can always be dragged back out at its edge of the window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget


class PanelsSplitter(QSplitter):
    folded_changed = Signal()
    """A pane was folded away or came back (for the View menu's check marks)."""

    def __init__(
        self, collapse_order: Sequence[int], parent: QWidget | None = None, *, name: str = ""
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName(name)
        self.collapse_order = tuple(collapse_order)
        self._auto_folded: dict[int, int] = {}  # pane -> its width before it was folded for room
        self.splitterMoved.connect(self._on_moved)

    def pane(self, index: int) -> QWidget:
        widget = self.widget(index)
        assert widget is not None, f"no pane {index}"
        return widget

    def needed_width(self, panes: Sequence[int]) -> int:
        """Minimum widths of `panes` plus the handles between them."""
        shown = [i for i in panes if not self.pane(i).isHidden()]
        return sum(self.pane(i).minimumWidth() for i in shown) + self.handleWidth() * max(0, len(shown) - 1)

    def is_folded(self, index: int) -> bool:
        return self.sizes()[index] == 0 and not self.pane(index).isHidden()

    def unfold(self, index: int, width: int | None = None) -> None:
        """Give a folded pane room again (its minimum at least), taken from the widest other pane."""
        sizes = self.sizes()
        if sizes[index] > 0:
            return
        want = max(width or 0, self.pane(index).minimumWidth())
        donor = max((i for i in range(len(sizes)) if i != index), key=lambda i: sizes[i])
        sizes[donor] = max(0, sizes[donor] - want)
        sizes[index] = want
        self._auto_folded.pop(index, None)
        self.setSizes(sizes)
        self.folded_changed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_panes()

    def fit_panes(self) -> None:
        """Fold panes (in `collapse_order`) until the others fit; bring back those folded for room
        when they fit again (the last folded comes back first)."""
        width = self.width()
        changed = False
        for index in reversed(list(self._auto_folded)):
            open_panes = [i for i in range(self.count()) if self.sizes()[i] > 0 or i == index]
            if self.needed_width(open_panes) > width:
                break
            self.unfold(index, self._auto_folded.pop(index, None))
            changed = True
        for index in self.collapse_order:
            open_panes = [i for i in range(self.count()) if self.sizes()[i] > 0]
            if self.needed_width(open_panes) <= width:
                break
            sizes = self.sizes()
            if sizes[index] == 0 or self.pane(index).isHidden():
                continue
            self._auto_folded[index] = sizes[index]
            sizes[index] = 0
            self.setSizes(sizes)
            changed = True
        if changed:
            self.folded_changed.emit()

    def _on_moved(self, _pos: int, _index: int) -> None:
        # The user dragged an edge: a pane folded for room and now opened by hand is theirs again.
        for index in list(self._auto_folded):
            if self.sizes()[index] > 0:
                del self._auto_folded[index]
        self.folded_changed.emit()
