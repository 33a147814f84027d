"""The window's review commands: what the Review menu, the ledger's and the reader's context menus
and their shortcuts do, on the selected rows or the reader's selection, through one
`ReviewController` (and so one undo stack). The window calls `library_loaded` and `extracted`;
this shows the reviewed ledger and keeps the user data backed up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from energybrowser.corpus.model import Article
from energybrowser.curation.apply import ReviewedLedger
from energybrowser.curation.session import use_user_gazetteer
from energybrowser.library.watch import CurationSignature, CurationWatch
from energybrowser.ui.metadata_dialog import MetadataDialog
from energybrowser.ui.review_controller import ReviewController
from energybrowser.ui.review_dialogs import NeedsLookDialog

if TYPE_CHECKING:
    from energybrowser.library import Library
    from energybrowser.ui.main_window import MainWindow

BACKUP_DELAY_MS = 20_000  # user data is copied beside the catalogue this long after the last change
WATCH_MS = 500  # how often the catalogue is asked whether `energybrowser review` changed anything


class WindowReview(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = ReviewController(window)
        self.controller.names_of = self._names_of
        self.controller.ledger_changed.connect(self._on_ledger_changed)
        self.controller.stored_changed.connect(self._on_stored_changed)
        self.controller.message.connect(lambda text: window.status.say(text, 8000))
        self.controller.metadata_changed.connect(self._on_metadata_changed)
        self.controller.entities_changed.connect(self._on_entities_changed)
        self.controller.reviews_changed.connect(window.update_index)  # `party:` and `type:` follow
        self.controller.undo_stack.indexChanged.connect(self._on_undo_index)
        self._backup_timer = QTimer(self, singleShot=True, interval=BACKUP_DELAY_MS)
        self._backup_timer.timeout.connect(self.backup)
        self._watch: CurationWatch | None = None
        self._watch_timer = QTimer(self, interval=WATCH_MS)
        self._watch_timer.timeout.connect(self._poll)
        self._after_read: list[Callable[[], None]] = []  # actions waiting for the agreements
        self.controller.prepare = self._read_then
        self._undo_actions()

    def handlers(self) -> dict[str, Callable[[], object]]:
        """The review actions of the action table and what each does."""
        return {
            "undo": self.controller.undo_stack.undo,
            "redo": self.controller.undo_stack.redo,
            "review_agreement": self.review_selected,
            "confirm_agreement": lambda: self._on_rows(self.controller.confirm),
            "reject_agreement": lambda: self._on_rows(self.controller.reject),
            "clear_review": lambda: self._on_rows(self.controller.clear),
            "split_agreement": self.split_selected,
            # Two rows at least: the controller says so, whatever is selected.
            "merge_agreements": lambda: self.controller.merge(self.window.agreements.selected_rows()),
            "add_agreement": self.add_from_selection,
            "move_evidence": self.move_evidence,
            "correct_entity": self.correct_entity,
            "needs_look": self.show_needs_look,
        }

    def _undo_actions(self) -> None:
        stack = self.controller.undo_stack
        undo, redo = self.window.actions_by_id["undo"], self.window.actions_by_id["redo"]
        undo.setEnabled(False)
        redo.setEnabled(False)
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(self._on_undo_text)
        stack.redoTextChanged.connect(self._on_redo_text)

    @Slot(str)
    def _on_undo_text(self, text: str) -> None:
        self.window.actions_by_id["undo"].setText(f"&Undo {text}" if text else "&Undo")

    @Slot(str)
    def _on_redo_text(self, text: str) -> None:
        self.window.actions_by_id["redo"].setText(f"&Redo {text}" if text else "&Redo")

    def shutdown(self) -> None:
        """The window closes: back up now, and let the undo stack say nothing more."""
        self.backup()
        self._watch_timer.stop()
        if self._watch is not None:
            self._watch.close()
        self.controller.undo_stack.blockSignals(True)

    # --- from the window -----------------------------------------------------------------------
    def library_loaded(self, library: Library, ledger: ReviewedLedger | None) -> None:
        """The library is open and its ledger rows shown: `ledger` is the reviewed ledger they were
        written from, or None when the stored rows were current (it is worked out when a review
        needs it)."""
        if self._watch is not None:
            self._watch.close()
        self._watch = library.curation_watch()
        self._watch.moved()  # the state as loaded is the one to compare with
        self.controller.signature = self._watch.signature
        self.controller.rows_current = library.ledger_rows_current
        self.controller.set_curation(library.curation, refresh=False)
        self.extracted(library, ledger)
        stored = library.ledger_table().stamp() if ledger is None else None
        looks = ledger.needs_look if ledger is not None else stored[1] if stored else ()
        if looks:
            self.window.status.say(
                f"{len(looks)} review(s) need a look: their sentence is not where it was.", 8000
            )
        self._watch_timer.start()

    def extracted(self, library: Library, ledger: ReviewedLedger | None) -> None:
        """The ledger rows were written again from `ledger` (after an analysis)."""
        self.controller.set_source(lambda: (library.agreements(), library.groups()), ledger)

    def warm_up(self) -> None:
        """A row was picked: read the agreements a review of it needs, in the background (a start
        does not read them; at 10,000 articles that takes seconds, which a first review would wait)."""
        if self.window.library is None or self.controller.worked_out:
            return
        self._read()

    def _read_then(self, then: Callable[[], None]) -> None:
        """A review asked for before the agreements were read: done once they are (in the
        background, never on the GUI thread)."""
        self._after_read.append(then)
        self._read()

    def _read(self) -> None:
        library = self.window.library
        if library is None or self.window.jobs.is_running("ledger"):
            return
        self.window.jobs.start(
            "ledger",
            lambda _progress: bool(library.agreements() and library.groups()),  # kept by the library
            lambda _read: self._on_read(library),
            lambda message: self._on_read(library, message),
        )

    def _on_read(self, library: Library, failed: str = "") -> None:
        waiting, self._after_read = self._after_read, []
        if failed and waiting:
            self.window.status.say(f"Could not read the agreements: {failed}", 8000)
            return
        if library is not self.window.library:
            return  # another library opened meanwhile: its rows are not these
        for then in waiting:
            then()

    @property
    def ledger(self) -> ReviewedLedger:
        return self.controller.ledger

    @Slot()
    def _poll(self) -> None:
        if self._watch is not None and self._watch.moved():
            self.check_elsewhere()

    def check_elsewhere(self) -> None:
        """Show what `energybrowser review` (or another window) changed meanwhile: the ledger, the
        metadata shown and searched, the entities; polled, and when the window becomes active."""
        library = self.window.library
        moved = self.controller.changed_elsewhere() if library is not None else None
        if library is None or moved is None:
            return
        before, after = moved
        kinds = (
            after.differs(before)
            if isinstance(after, CurationSignature) and isinstance(before, CurationSignature)
            else {"metadata", "corrections", "gazetteer"}
        )
        if kinds & {"metadata", "corrections", "gazetteer"}:
            library.curation_changed()
        if "metadata" in kinds:
            current = self.window.reader.current
            self.window.metadata_corrected(current.id if current else "")
        if kinds & {"corrections", "gazetteer"}:
            self._on_entities_changed("gazetteer" in kinds)
        elif "reviews" in kinds:
            self.window.update_index()  # an edited party list reaches `party:`
        self.window.status.say("Reviews changed outside the window are shown.", 8000)

    def backup(self) -> None:
        """Copy the user data beside the catalogue now (after changes, and when the window closes)."""
        self._backup_timer.stop()
        library = self.window.library
        if library is not None:
            library.catalogue.backup_user_data(force=True)

    @Slot(int)
    def _on_undo_index(self, _index: int) -> None:
        self._backup_timer.start()

    # --- commands ----------------------------------------------------------------------------------
    def _on_rows(self, action: Callable[..., bool]) -> bool:
        rows = self.window.agreements.selected_rows()
        if not rows:
            self.window.status.say("Select one or more rows of the agreements table first.")
            return False
        return action(rows)

    def review_selected(self) -> bool:
        row = self.window.agreements.current_row()
        if row is None:
            self.window.status.say("Select an agreement in the agreements table first.")
            return False
        if len(row.reports) > 1:  # one form per report: the open article's, else the first
            current = self.window.reader.current
            lead = next((a for a in row.reports if current and a.article == current.id), row.lead)
        else:
            lead = row.lead
        return self.controller.edit(lead)

    def split_selected(self) -> bool:
        row = self.window.agreements.current_row()
        if row is None or len(row.reports) < 2:
            self.window.status.say("Select a row of several reports; the open article's report is split off.")
            return False
        current = self.window.reader.current
        report = next((a for a in row.reports if current and a.article == current.id), row.reports[-1])
        return self.controller.split(report)

    def add_from_selection(self) -> bool:
        chosen = self.window.reader.selection()
        if chosen is None:
            self.window.status.say("Select the sentence that states the agreement in the reader first.")
            return False
        article, (start, end) = chosen
        stated = self._stated(article.id) or article
        return self.controller.add_from_selection(stated, start, end)

    def move_evidence(self) -> bool:
        row = self.window.agreements.current_row()
        chosen = self.window.reader.selection()
        if row is None or chosen is None:
            self.window.status.say("Select an agreement, then the sentence in its article that states it.")
            return False
        article, (start, end) = chosen
        report = next((a for a in row.reports if a.article == article.id), row.lead)
        stated = self._stated(article.id) or article
        return self.controller.move_evidence(report, stated, start, end)

    def correct_entity(self) -> bool:
        chosen = self.window.reader.selection()
        library = self.window.library
        if chosen is None or library is None:
            self.window.status.say("Select the words of an entity in the reader first.")
            return False
        article, (start, end) = chosen
        mention = next((s for s in library.entities(article.id) if s.start < end and start < s.end), None)
        stated = self._stated(article.id) or article
        return self.controller.correct_entity(stated, start, end, mention, self._names_of(article.id))

    def show_needs_look(self) -> None:
        problems = self.controller.ledger.needs_look
        if not problems:
            self.window.status.say("Every review is where it belongs.")
            return
        library = self.window.library

        def title_of(article_id: str) -> str:
            entry = library.entry(article_id) if library else None
            return entry.display_title if entry else article_id

        dialog = NeedsLookDialog(problems, title_of, self.window)
        dialog.forget_requested.connect(self.controller.forget_review)
        dialog.exec()
        dialog.deleteLater()

    def edit_metadata(self, article_id: str) -> bool:
        """The metadata dialog on a read-only article: its corrections kept as an override."""
        library = self.window.library
        entry = library.entry(article_id) if library else None
        if entry is None:
            return False
        dialog = MetadataDialog(entry.meta, self.window, read_only=True)
        try:
            if dialog.exec() != MetadataDialog.DialogCode.Accepted:
                return False
            return self.controller.edit_metadata(article_id, dialog.override_changes())
        finally:
            dialog.deleteLater()

    # --- reactions -----------------------------------------------------------------------------------
    def _stated(self, article_id: str) -> Article | None:
        library = self.window.library
        return library.stated_article(article_id) if library else None

    def _names_of(self, article_id: str) -> list[str]:
        library = self.window.library
        if library is None:
            return []
        spans = library.entities(article_id)
        return sorted({s.canonical for s in spans if s.type in ("organization", "country", "person")})

    @Slot(object)
    def _on_ledger_changed(self, ledger: ReviewedLedger) -> None:
        self.window.show_ledger(ledger, self.controller.previous)

    @Slot()
    def _on_stored_changed(self) -> None:
        self.window.ledger_rows_changed()

    @Slot(str)
    def _on_metadata_changed(self, article_id: str) -> None:
        library = self.window.library
        if library is not None:
            library.curation_changed()
        self.window.metadata_corrected(article_id)

    @Slot(bool)
    def _on_entities_changed(self, gazetteer: bool) -> None:
        library = self.window.library
        if library is None:
            return
        library.curation_changed()
        if gazetteer:  # a new name for an entity: the articles that name a changed one are analysed again
            use_user_gazetteer(library.paths)
        # In the background: the library-wide mentions and facets take the corrections in (and the
        # articles an alias touches are analysed again), then the ledger, facets and index follow.
        self.window.start_analysis()
        current = self.window.reader.current
        if current is not None:
            self.window.open_article(current.id, keep_position=True)
