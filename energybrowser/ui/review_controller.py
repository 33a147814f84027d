"""The window's side of curation: review actions on the ledger's rows, agreements added from a
selection, metadata of any article, all through `curation.Curation` and one QUndoStack.

It reads the agreements as extracted only when a review needs them (a start shows the stored
ledger rows without them), and publishes the reviewed ledger (`ledger_changed`) after every
action, undo and redo, with the one before it (`previous`) so that only the rows a review touched
are written again. Forms are opened through `ask_*` hooks so tests drive real widgets.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from energybrowser.agreements.grouping import AgreementGroup
from energybrowser.agreements.ledger import AgreementRow
from energybrowser.agreements.model import Agreement
from energybrowser.corpus.model import Article
from energybrowser.curation.aliases import Aliases
from energybrowser.curation.apply import ReviewedLedger
from energybrowser.curation.draft import draft_agreement
from energybrowser.curation.entities import EntityCorrection
from energybrowser.curation.fields import FieldError
from energybrowser.curation.metadata import MetadataOverride
from energybrowser.curation.records import AgreementReview
from energybrowser.curation.service import Change, Curation
from energybrowser.entities.model import EntitySpan
from energybrowser.ui.entity_dialog import EntityDialog
from energybrowser.ui.review_form import ReviewForm
from energybrowser.ui.review_undo import CurationCommand

Extracted = tuple[Sequence[Agreement], Sequence[AgreementGroup] | None]  # agreements and their groups


class ReviewController(QObject):
    ledger_changed = Signal(object)
    """The reviewed ledger (a ReviewedLedger) after an action, an undo or a redo."""
    message = Signal(str)
    """One line for the status bar: what was done, or why it was not."""
    metadata_changed = Signal(str)
    """An article's metadata override changed (its id): lists and the reader show it again."""
    stored_changed = Signal()
    """Another process rewrote the stored ledger rows for its reviews: they are shown as stored."""
    entities_changed = Signal(bool)
    """Entity corrections changed; True when the user's gazetteer did (articles are re-analysed)."""
    reviews_changed = Signal()
    """Agreement reviews changed: the types and parties the search index files may have moved."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.curation: Curation | None = None
        self.undo_stack = QUndoStack(self)
        self._extracted: Callable[[], Extracted] = lambda: ((), ())
        self._ledger: ReviewedLedger | None = ReviewedLedger((), ())  # None: not worked out yet
        self.previous: ReviewedLedger | None = None  # the ledger before the last `ledger_changed`
        self._seen: object = None  # the curation's signature as last shown
        # What the curation is now (the library's watch: reviews, corrections, metadata, aliases).
        self.signature: Callable[[], object] = self._store_signature
        self.names_of: Callable[[str], Sequence[str]] = lambda _article_id: ()
        # Whether the stored ledger rows show the curation as it is (the library's stamp).
        self.rows_current: Callable[[], bool] = lambda: False
        self.form_factory: Callable[..., ReviewForm] = ReviewForm
        # Reads the agreements a review needs in the background and then calls back (the window
        # gives its jobs): a first review waits for them without blocking. None: read when needed.
        self.prepare: Callable[[Callable[[], None]], None] | None = None
        self.entity_dialog_factory: Callable[..., EntityDialog] = EntityDialog

    def _store_signature(self) -> object:
        return self.curation.store.signature() if self.curation else ()

    # --- state ----------------------------------------------------------------------------------
    def set_curation(self, curation: Curation | None, *, refresh: bool = True) -> None:
        """`refresh=False` when the extracted agreements follow at once (one fill of the ledger)."""
        self.curation = curation
        self.undo_stack.clear()  # the records of another library are not this one's to undo
        self._seen = self.signature() if curation else None
        if refresh:
            self.refresh()

    def changed_elsewhere(self) -> tuple[object, object] | None:
        """Records changed by another process (`energybrowser review`) since this one last looked:
        the ledger is shown again; (signature before, after), or None when nothing changed. The
        undo stack stays: a step whose records were changed meanwhile is refused, not forced."""
        if self.curation is None:
            return None
        seen = self.signature()
        if seen == self._seen:
            return None
        before, self._seen = self._seen, seen
        if self.rows_current():  # the other process wrote the rows it touched (`review` does)
            self._ledger, self.previous = None, None  # worked out again when a review needs it
            self.stored_changed.emit()
        else:
            self.refresh()
        return before, seen

    def set_extracted(
        self, agreements: Sequence[Agreement], groups: Sequence[AgreementGroup] | None = None
    ) -> None:
        extracted = (tuple(agreements), tuple(groups) if groups is not None else None)
        self._extracted = lambda: extracted
        self.refresh()

    def set_source(self, extracted: Callable[[], Extracted], ledger: ReviewedLedger | None = None) -> None:
        """Where the extracted agreements come from when a review needs them (a library reads them
        from its catalogue); `ledger`: the reviewed ledger the rows show, when already worked out."""
        self._extracted = extracted
        self._ledger = ledger
        self.previous = None

    @property
    def worked_out(self) -> bool:
        """Whether the reviewed ledger is in memory (else the first review reads the agreements)."""
        return self._ledger is not None

    @property
    def ledger(self) -> ReviewedLedger:
        """The reviewed ledger (worked out on first use after a start that did not need it)."""
        if self._ledger is None:
            self._ledger = self._reviewed()
        return self._ledger

    def _reviewed(self) -> ReviewedLedger:
        agreements, groups = self._extracted()
        if self.curation is None:
            return ReviewedLedger(tuple(agreements), tuple(groups or ()))
        return self.curation.ledger(agreements, groups)

    def refresh(self) -> None:
        self.previous = self._ledger
        self._ledger = self._reviewed()
        self.ledger_changed.emit(self._ledger)
        if self._ledger.needs_look:
            count = len(self._ledger.needs_look)
            self.message.emit(f"{count} review(s) need a look: their sentence is not where it was.")

    # --- actions on rows --------------------------------------------------------------------------
    def confirm(self, rows: Sequence[AgreementRow]) -> bool:
        reports = _reports(rows)
        return self._run(f"Confirm {_count(reports)}", lambda c: [c.confirm(a) for a in reports])

    def reject(self, rows: Sequence[AgreementRow], reason: str | None = None) -> bool:
        reports = _reports(rows)
        if reason is None:
            reason, ok = QInputDialog.getText(
                self._parent, "Not an Agreement", "Why is it not an agreement? (optional)"
            )
            if not ok:
                return False
        return self._run(f"Reject {_count(reports)}", lambda c: [c.reject(a, reason) for a in reports])

    def clear(self, rows: Sequence[AgreementRow]) -> bool:
        reports = [a for a in _reports(rows) if a.review.review_id]
        return self._run(f"Clear review of {_count(reports)}", lambda c: [c.forget(a) for a in reports])

    def edit(self, agreement: Agreement) -> bool:
        """Open the review form on the agreement; store what it gives back."""
        form = self.form_factory(agreement, names=self.names_of(agreement.article), parent=self._parent)
        if form.exec() != QDialog.DialogCode.Accepted:
            return False
        if form.outcome == "reject":
            reason = form.note.text().strip()
            return self._run("Reject agreement", lambda c: [c.reject(agreement, reason)])
        changes, note = form.changes(), form.note.text().strip()
        if changes or note != agreement.review.note:
            return self._run("Edit agreement", lambda c: [c.edit(agreement, changes, note)])
        return self._run("Confirm agreement", lambda c: [c.confirm(agreement)])

    def move_evidence(self, agreement: Agreement, article: Article, start: int, end: int) -> bool:
        """The agreement is stated by the selected sentence of its article."""
        if article.id != agreement.article:
            self.message.emit("Select the sentence in the agreement's own article.")
            return False
        if not article.text[start:end].strip():
            self.message.emit("Select the sentence that states the agreement first.")
            return False
        return self._run("Move evidence", lambda c: [c.move_evidence(agreement, start, end)])

    def split(self, agreement: Agreement) -> bool:
        group = f"u-{uuid.uuid4().hex[:10]}"
        return self._run("Split from group", lambda c: c.set_group([agreement], group))

    def merge(self, rows: Sequence[AgreementRow]) -> bool:
        reports = _reports(rows)
        if len(rows) < 2:
            self.message.emit("Select two or more rows to make them one agreement.")
            return False
        group = f"u-{uuid.uuid4().hex[:10]}"
        return self._run(f"Merge {len(rows)} rows", lambda c: c.set_group(reports, group))

    def add_from_selection(self, article: Article, start: int, end: int) -> bool:
        """The form, pre-filled by the rules from the selected sentence; the agreement it gives."""
        if not article.text[start:end].strip():
            self.message.emit("Select the sentence that states the agreement first.")
            return False
        draft = draft_agreement(article, start, end)
        form = self.form_factory(draft, names=self.names_of(article.id), adding=True, parent=self._parent)
        if form.exec() != QDialog.DialogCode.Accepted:
            return False
        changes, note = form.changes(), form.note.text().strip()
        evidence = draft.evidence
        return self._run(
            "Add agreement",
            lambda c: [c.add(article.id, evidence.start, evidence.end, changes, note)],
        )

    def correct_entity(
        self, article: Article, start: int, end: int, mention: EntitySpan | None, names: Sequence[str] = ()
    ) -> bool:
        """The entity dialog on the selected words (`mention`: the entity found there, if any)."""
        words = " ".join(article.text[start:end].split())
        if not words:
            self.message.emit("Select the words of the entity first.")
            return False
        dialog = self.entity_dialog_factory(words, mention, names, self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        kind, canonical = dialog.chosen_type(), dialog.canonical.text().strip()
        if dialog.alias.isChecked() and not dialog.wrong.isChecked():
            target = canonical or (mention.canonical if mention else "")
            return self._run(f"Treat “{words}” as {target}", lambda c: [c.add_alias(words, target, kind)])
        span = (mention.start, mention.end) if mention else (start, end)
        return self._run(
            "Correct entity",
            lambda c: [
                c.correct_entity(
                    article.id, *span, wrong=dialog.wrong.isChecked(), type=kind, canonical=canonical
                )
            ],
        )

    def forget_review(self, review_id: str) -> bool:
        return self._run("Forget review", lambda c: [c.forget_review(review_id)])

    def edit_metadata(self, article_id: str, changes: dict[str, Any]) -> bool:
        """Correct a read-only article's metadata (kept as an override in the library)."""
        return self._run("Edit metadata", lambda c: [c.edit_metadata(article_id, changes)], ledger=False)

    def _changed(self, changes: Sequence[Change[Any]]) -> None:
        """After an action, an undo or a redo: the ledger, and the articles whose metadata moved."""
        if self.curation is not None:
            self._seen = self.signature()
        for change in changes:
            record = change.after or change.before
            if isinstance(record, MetadataOverride):
                self.metadata_changed.emit(record.article)
            elif isinstance(record, EntityCorrection | Aliases):
                self.entities_changed.emit(isinstance(record, Aliases))
        # Metadata is not what reviews anchor to: the reviewed ledger stays (the rows of the
        # article take its new title through `metadata_changed`), and is not read for it.
        if not all(isinstance(c.after or c.before, MetadataOverride) for c in changes):
            self.refresh()
        if any(isinstance(c.after or c.before, AgreementReview) for c in changes):
            self.reviews_changed.emit()

    def _conflict(self, text: str) -> None:
        """An undo or redo refused: what another process changed is shown, and the reason said."""
        self.message.emit(text)
        self.refresh()

    # --- helpers ---------------------------------------------------------------------------------
    def _run(
        self, text: str, action: Callable[[Curation], list[Change[Any]]], *, ledger: bool = True
    ) -> bool:
        if self.curation is None:
            self.message.emit("The library is still loading; try again in a moment.")
            return False
        if ledger and self._ledger is None and self.prepare is not None:
            self.message.emit(f"{text}: reading the agreements first…")
            self.prepare(lambda: self._run_read(text, action))
            return True
        if ledger:
            _before = self.ledger  # what the rows show, worked out before the action changes the reviews
        try:
            changes = action(self.curation)
        except FieldError as exc:
            self.message.emit(f"Not saved: {exc}")
            return False
        changes = [c for c in changes if c.before != c.after]
        if not changes:
            return False
        self.undo_stack.push(CurationCommand(text, self.curation, changes, self._changed, self._conflict))
        self.message.emit(f"{text}: done (Undo with Ctrl+Z).")
        return True

    def _run_read(self, text: str, action: Callable[[Curation], list[Change[Any]]]) -> None:
        """The action asked for before the agreements were read, now that they are."""
        if self._ledger is None:
            self._ledger = self._reviewed()  # the library holds the agreements now: quick
        self._run(text, action)


def _reports(rows: Sequence[AgreementRow]) -> list[Agreement]:
    return [a for row in rows for a in row.reports]


def _count(reports: Sequence[Agreement]) -> str:
    return "agreement" if len(reports) == 1 else f"{len(reports)} agreements"
