"""Every curation action as a QUndoCommand: undo puts the records back as they were, redo as the
action left them (see `curation.service.Change`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from energybrowser.curation.service import Change, Curation


class CurationCommand(QUndoCommand):
    """An action already stored (`changes`); pushing it only records it, so a refused action
    (bad input) never reaches the stack. `refresh` shows what changed after each step."""

    def __init__(
        self,
        text: str,
        curation: Curation,
        changes: Sequence[Change[Any]],
        refresh: Callable[[Sequence[Change[Any]]], None],
    ) -> None:
        super().__init__(text)
        self._curation = curation
        self._changes = tuple(changes)
        self._refresh = refresh
        self._done = True  # the action ran before the command was pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
        else:
            for change in self._changes:
                self._curation.redo(change)
        self._refresh(self._changes)

    def undo(self) -> None:
        for change in reversed(self._changes):
            self._curation.undo(change)
        self._refresh(self._changes)
