"""The main window's commands: side by side, citations, import, metadata, export and help.
A mixin of `MainWindow` (it uses the window's panels and background runner)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMenu, QWidget

from energybrowser import __version__
from energybrowser.ui import citing, dialogs
from energybrowser.ui.actions import AGREEMENTS_CONTEXT, READER_CONTEXT
from energybrowser.ui.search_panel import SYNTAX_HELP
from energybrowser.ui.tasks import Reporter

if TYPE_CHECKING:
    from energybrowser.corpus.importer.library import ImportReport


class CommandsMixin:
    # --- side by side -----------------------------------------------------------------------------
    def _second_candidate(self) -> str | None:
        current = self.reader.current.id if self.reader.current else None
        row = self.agreements.current_row()
        if row is not None:
            others = [a for a in row.articles if a != current]
            if current in row.articles and others:
                return others[0]
        selected = self.search_panel.current_article()
        if selected and selected != current:
            return selected
        previous = self._previous_article
        return previous if previous and previous != current else None

    def open_side_by_side(self, other_id: str | None = None) -> bool:
        if self.reader.current is None or self.library is None:
            self.status.say("Open an article first.")
            return False
        other_id = other_id or self._second_candidate()
        other = self.library.get(other_id) if other_id else None
        if other is None:
            self.status.say(
                "Right-click a result and choose Open Side by Side, or pick an agreement reported twice."
            )
            return False
        mine = self.library.entities(self.reader.current.id)
        theirs = self.library.entities(other.id)
        shared = sorted({e.canonical for e in mine} & {e.canonical for e in theirs}, key=str.casefold)
        marks = self._evidence_in(self.reader.current.id), self._evidence_in(other.id)
        self.reader.open_second(other, theirs, shared, mine, marks)
        self.make_room_for_two_readers()
        self.status.say(f"Side by side with “{other.display_title}”: {len(shared)} shared entities.")
        return True

    def _evidence_in(self, article_id: str) -> tuple[int, int] | None:
        """The selected agreement's evidence sentence in this article, if it reports it."""
        row = self.agreements.current_row()
        for report in row.reports if row is not None else ():
            if report.article == article_id:
                return report.evidence.start, report.evidence.end
        return None

    def close_side_by_side(self) -> None:
        if self.reader.side_by_side and self.reader.current is not None:
            self.reader.close_second()
            self.give_back_room()
            self.open_article(self.reader.current.id, keep_position=True)

    # --- citations ------------------------------------------------------------------------------
    def copy_citation(self, whole_article: bool = False) -> str:
        """Copy a citation; returns the plain text copied ('' when nothing is open)."""
        chosen = None if whole_article else self.reader.selection()
        if chosen is not None:
            article, passage = chosen
        else:
            article, passage = self.reader.current, None
        if article is None:
            self.status.say("Open an article to cite it.")
            return ""
        style = self._style()
        return self._copy(lambda: citing.cite(article, style, passage))

    def copy_agreement_citation(self) -> str:
        row = self.agreements.current_row()
        article = self.library.get(row.lead.article) if row is not None and self.library else None
        if row is None or article is None:
            self.status.say("Pick an agreement in the agreements table first.")
            return ""
        style = self._style()
        return self._copy(lambda: citing.cite_agreement(row.lead, article, style))

    def _copy(self, make: Callable[[], citing.Copied]) -> str:
        """Put a citation on the clipboard (rich and plain text) and say what was copied."""
        try:
            copied = make()
        except citing.CiteError as exc:
            self.status.say(f"Could not cite: {exc}")
            return ""
        citing.copy_to_clipboard(copied.text, copied.html)
        self.status.say(f"Copied {copied.what}.")
        return copied.text

    def agreements_menu(self) -> QMenu:
        menu = QMenu(self.agreements.table)
        self._add_actions(menu, AGREEMENTS_CONTEXT)
        return menu

    def _add_actions(self, menu: QMenu, action_ids: Sequence[str | None]) -> None:
        """The action table's entries for one context menu, None standing for a separator."""
        for action_id in action_ids:
            if action_id is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_id[action_id])

    def results_menu(self, article_id: str) -> QMenu:
        menu = QMenu(self.search_panel.results)
        beside = menu.addAction("Open &Side by Side")
        beside.setEnabled(self.reader.current is not None and self.reader.current.id != article_id)
        beside.triggered.connect(lambda: self.open_side_by_side(article_id))
        menu.addAction("&Open", lambda: self.open_article(article_id))
        return menu

    def _on_results_menu(self, pos: Any) -> None:
        row = self.search_panel.model.row_at(self.search_panel.results.indexAt(pos).row())
        if row is None:
            return
        menu = self.results_menu(row.article_id)
        menu.exec(self.search_panel.results.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _on_agreements_menu(self, pos: Any) -> None:
        menu = self.agreements_menu()
        menu.exec(self.agreements.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _warm_citations(self) -> None:
        """Load the citation package in the background, then offer its styles (not worth delaying
        the window for: nothing can be cited before the articles are in)."""
        if self.style_box.count():
            return

        def warm(_progress: Reporter) -> None:
            import energybrowser.citations  # noqa: F401 - imported here, off the GUI thread

        self.jobs.start("citations", warm, lambda _r: self._fill_styles(), lambda _m: self._fill_styles())

    def _style(self) -> str:
        return str(self.style_box.currentData() or self.settings.citation_style or "apa")

    def _fill_styles(self) -> None:
        if self.style_box.count():
            return
        blocker = self.style_box.blockSignals(True)
        for style_id, label in citing.styles():
            self.style_box.addItem(label, style_id)
        self.style_box.setCurrentIndex(max(0, self.style_box.findData(self.settings.citation_style)))
        self.style_box.blockSignals(blocker)

    @Slot(int)
    def _on_style_changed(self, _index: int) -> None:
        self.settings.citation_style = self._style()

    def reader_menu(self, reader: QWidget) -> QMenu:
        """Qt's own Copy / Select All, then the commands of the action table's reader section."""
        create = getattr(reader, "createStandardContextMenu", None)
        menu: QMenu = create() if create else QMenu(reader)
        menu.addSeparator()
        self._add_actions(menu, READER_CONTEXT)
        return menu

    def _on_reader_menu(self, reader: QWidget, pos: Any) -> None:
        menu = self.reader_menu(reader)
        menu.exec(reader.mapToGlobal(pos))
        menu.deleteLater()

    # --- import and metadata --------------------------------------------------------------------
    def import_articles(self, files: list[str] | None = None) -> None:
        chosen = files if files is not None else dialogs.ask_import_files(self)
        if not chosen or self.library is None:
            return
        # Imported here, not at the top: the importer is heavy and the window must open fast.
        from energybrowser.corpus.importer.library import import_paths

        paths = [Path(f) for f in chosen]
        target = self.paths.imported_articles
        self.status.job_started("import", "Importing")
        self.jobs.start(
            "import",
            lambda progress: import_paths(paths, target, progress=progress),
            self._on_imported,
            lambda message: self._on_job_failed("import", "Import failed", message),
            lambda done, total, label: self.status.job_progress("import", done, total, label),
        )

    @Slot(object)
    def _on_imported(self, report: ImportReport) -> None:
        self.status.job_finished("import")
        imported = report.imported_ids
        message = f"Imported {len(imported)} article{'s' if len(imported) != 1 else ''}."
        if report.problems:
            message += f" {len(report.problems)} skipped: " + "; ".join(report.problems[:3])
        if report.notes:
            message += " " + "; ".join(report.notes[:3])
        self.status.say(message, 15000)
        self.import_finished.emit(report)
        if imported:
            self.start(open_after=imported[0])

    def edit_metadata(self) -> None:
        article = self.reader.current
        if article is None or self.library is None:
            self.status.say("Open an article to edit its metadata.")
            return
        if not self.library.is_imported(article.id):
            # The file is read-only: the corrections are kept in the library, undoable.
            self.reviewing.edit_metadata(article.id)
            return
        from energybrowser.ui.metadata_dialog import MetadataDialog

        dialog = MetadataDialog(article.meta, self)
        if dialog.exec() != MetadataDialog.DialogCode.Accepted:
            return
        from energybrowser.corpus.importer.library import save_metadata

        try:
            save_metadata(self.library.imported_files[article.id], article, dialog.meta())
        except (OSError, ValueError) as exc:
            dialogs.show_error(self, f"Could not save the metadata: {exc}")
            return
        self.status.say(f"Saved metadata of “{dialog.meta().title or article.display_title}”.")
        self.start(open_after=article.id)

    def export_agreements(self) -> None:
        if not self.agreements_model.rowCount():
            self.status.say("No agreements to export yet.")
            return
        path = dialogs.ask_csv_path(self, "agreements.csv")
        if not path:
            return
        try:
            count = self.agreements.export_csv(Path(path))
        except OSError as exc:
            dialogs.show_error(self, f"Could not write {path}: {exc}")
            return
        self.status.say(f"Exported {count} agreement reports to {path}.")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        from energybrowser.corpus.importer.library import importable

        # Files and folders: a folder is imported as the CLI imports it.
        if urls and any(u.isLocalFile() and importable(Path(u.toLocalFile())) for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.import_articles(files)

    # --- help -------------------------------------------------------------------------------------
    def show_shortcuts(self) -> None:
        dialogs.ShortcutsDialog(self).exec()

    def show_search_help(self) -> None:
        dialogs.info_dialog(self, "Search Syntax", SYNTAX_HELP).exec()

    def show_about(self) -> None:
        text = (
            f"<b>energybrowser {html.escape(__version__)}</b><br>Offline reference browser for "
            "Caspian energy cooperation.<br><br>"
            f"Settings: {html.escape(str(self.paths.settings_file))}<br>"
            f"Imported articles: {html.escape(str(self.paths.imported_articles))}"
        )
        dialogs.info_dialog(self, "About energybrowser", text).exec()
