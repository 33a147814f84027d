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

    def unfold(self, index: int, width: int | None = None, *, make_room: bool = False) -> None:
        """Give a folded pane room again (its minimum at least), taken from the widest other pane.

        `make_room` (the user asked for the pane): where the window is too narrow for it beside the
        panes open, those of `collapse_order` fold away for it (they come back with the room), and
        it gets up to `width` while the others keep their minimum widths."""
        sizes = self.sizes()
        if sizes[index] > 0:
            return
        least = self.pane(index).minimumWidth()
        want = max(width or 0, least)
        if make_room:
            for other in self.collapse_order:
                open_panes = [i for i in range(len(sizes)) if sizes[i] > 0 or i == index]
                if other == index or sizes[other] == 0 or self.needed_width(open_panes) <= self.width():
                    continue
                self._auto_folded[other] = sizes[other]
                sizes[other] = 0
            others = [i for i in range(len(sizes)) if i != index and sizes[i] > 0]
            room = self.width() - self.needed_width(others) - self.handleWidth() * len(others)
            want = max(least, min(want, room))
            free = self.width() - sum(sizes) - self.handleWidth() * len(others)  # what folded panes left
            sizes[index] = max(0, min(want, free))
            for donor in sorted(others, key=lambda i: -sizes[i]):  # then the widest gives first
                spare = sizes[donor] - self.pane(donor).minimumWidth()
                taken = max(0, min(spare, want - sizes[index]))
                sizes[donor] -= taken
                sizes[index] += taken
            sizes[index] = max(sizes[index], least)
        else:
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
