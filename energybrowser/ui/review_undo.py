"""Every curation action as a QUndoCommand: undo puts the records back as they were, redo as the
action left them (see `curation.service.Change`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from energybrowser.curation.service import Change, Curation


class CurationCommand(QUndoCommand):
    """An action already stored (`changes`); pushing it only records it, so a refused action
    (bad input) never reaches the stack. `refresh` shows what changed after each step.

    A record changed meanwhile by someone else (`energybrowser review` in a terminal) is not
    overwritten: the step does nothing, `conflict` says so, and the command leaves the stack
    (Qt drops a command made obsolete during its undo or redo); the others stay."""

    def __init__(
        self,
        text: str,
        curation: Curation,
        changes: Sequence[Change[Any]],
        refresh: Callable[[Sequence[Change[Any]]], None],
        conflict: Callable[[str], None] = lambda _text: None,
    ) -> None:
        super().__init__(text)
        self._curation = curation
        self._changes = tuple(changes)
        self._refresh = refresh
        self._conflict = conflict
        self._done = True  # the action ran before the command was pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
        elif not self._curation.redo(self._changes):
            self._refuse("Redo")
            return
        self._refresh(self._changes)

    def undo(self) -> None:
        if not self._curation.undo(self._changes):
            self._refuse("Undo")
            return
        self._refresh(self._changes)

    def _refuse(self, step: str) -> None:
        self.setObsolete(True)
        self._conflict(
            f"{step} of “{self.text()}” not done: it was changed elsewhere since (kept as it is now)."
        )
