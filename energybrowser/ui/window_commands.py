"""The main window's commands: side by side, citations, import, metadata, export and help.
A controller the window owns (`MainWindow.commands`), typed against the window it works on."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Slot
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from energybrowser import __version__
from energybrowser.ui import citing, dialogs
from energybrowser.ui.actions import AGREEMENTS_CONTEXT, READER_CONTEXT
from energybrowser.ui.search_panel import SYNTAX_HELP
from energybrowser.ui.tasks import Reporter

if TYPE_CHECKING:
    from energybrowser.corpus.importer.library import ImportReport
    from energybrowser.corpus.model import Article

if TYPE_CHECKING:
    from energybrowser.ui.main_window import MainWindow


class WindowCommands(QObject):
    """The window's commands: side by side, citations, context menus, import, metadata, export
    and help. Owned by the window (`MainWindow.commands`), typed against it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    # --- side by side -----------------------------------------------------------------------------
    def _second_candidate(self) -> str | None:
        current = self.window.reader.current.id if self.window.reader.current else None
        row = self.window.agreements.current_row()
        if row is not None:
            others = [a for a in row.articles if a != current]
            if current in row.articles and others:
                return others[0]
        selected = self.window.search_panel.current_article()
        if selected and selected != current:
            return selected
        previous = self.window._previous_article
        return previous if previous and previous != current else None

    def open_side_by_side(self, other_id: str | None = None) -> bool:
        if self.window.reader.current is None or self.window.library is None:
            self.window.status.say("Open an article first.")
            return False
        other_id = other_id or self._second_candidate()
        other = self.window.library.get(other_id) if other_id else None
        if other is None:
            self.window.status.say(
                "Right-click a result and choose Open Side by Side, or pick an agreement reported twice."
            )
            return False
        mine = self.window.library.entities(self.window.reader.current.id)
        theirs = self.window.library.entities(other.id)
        shared = sorted({e.canonical for e in mine} & {e.canonical for e in theirs}, key=str.casefold)
        current = self.window.reader.current
        marks = self._evidence_in(current.id), self._evidence_in(other.id)
        hits = (
            self.window.searching.hit_ranges(current),
            self.window.searching.hit_ranges(other),
        )  # both marked
        self.window.reader.open_second(other, theirs, shared, mine, marks, hits)
        self.window.make_room_for_two_readers()
        self.window.status.say(f"Side by side with “{other.display_title}”: {len(shared)} shared entities.")
        return True

    def _evidence_in(self, article_id: str) -> tuple[int, int] | None:
        """The selected agreement's evidence sentence in this article, if it reports it."""
        row = self.window.agreements.current_row()
        for report in row.reports if row is not None else ():
            if report.article == article_id:
                return report.evidence.start, report.evidence.end
        return None

    def close_side_by_side(self) -> None:
        if self.window.reader.side_by_side and self.window.reader.current is not None:
            self.window.reader.close_second()
            self.window.give_back_room()
            self.window.open_article(self.window.reader.current.id, keep_position=True)

    # --- citations ------------------------------------------------------------------------------
    def copy_citation(self, whole_article: bool = False) -> str:
        """Copy a citation; returns the plain text copied ('' when nothing is open)."""
        chosen = None if whole_article else self.window.reader.selection()
        article: Article | None
        if chosen is not None:
            article, passage = chosen
        else:
            article, passage = self.window.reader.current, None
        if article is None:
            self.window.status.say("Open an article to cite it.")
            return ""
        style = self.style()
        return self._copy(lambda: citing.cite(article, style, passage))

    def copy_agreement_citation(self) -> str:
        row = self.window.agreements.current_row()
        article = (
            self.window.library.get(row.lead.article) if row is not None and self.window.library else None
        )
        if row is None or article is None:
            self.window.status.say("Pick an agreement in the agreements table first.")
            return ""
        style = self.style()
        return self._copy(lambda: citing.cite_agreement(row.lead, article, style))

    def _copy(self, make: Callable[[], citing.Copied]) -> str:
        """Put a citation on the clipboard (rich and plain text) and say what was copied."""
        try:
            copied = make()
        except citing.CiteError as exc:
            self.window.status.say(f"Could not cite: {exc}")
            return ""
        citing.copy_to_clipboard(copied.text, copied.html)
        self.window.status.say(f"Copied {copied.what}.")
        return copied.text

    def agreements_menu(self) -> QMenu:
        menu = QMenu(self.window.agreements.table)
        self._add_actions(menu, AGREEMENTS_CONTEXT)
        return menu

    def _add_actions(self, menu: QMenu, action_ids: Sequence[str | None]) -> None:
        """The action table's entries for one context menu, None standing for a separator."""
        for action_id in action_ids:
            if action_id is None:
                menu.addSeparator()
            else:
                menu.addAction(self.window.actions_by_id[action_id])

    def results_menu(self, article_id: str) -> QMenu:
        menu = QMenu(self.window.search_panel.results)
        beside = menu.addAction("Open &Side by Side")
        beside.setEnabled(
            self.window.reader.current is not None and self.window.reader.current.id != article_id
        )
        beside.triggered.connect(lambda: self.open_side_by_side(article_id))
        menu.addAction("&Open", lambda: self.window.open_article(article_id))
        return menu

    def _on_results_menu(self, pos: Any) -> None:
        row = self.window.search_panel.model.row_at(self.window.search_panel.results.indexAt(pos).row())
        if row is None:
            return
        menu = self.results_menu(row.article_id)
        menu.exec(self.window.search_panel.results.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _on_agreements_menu(self, pos: Any) -> None:
        menu = self.agreements_menu()
        menu.exec(self.window.agreements.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def warm_citations(self) -> None:
        """Load the citation package in the background, then offer its styles (not worth delaying
        the window for: nothing can be cited before the articles are in)."""
        if self.window.style_box.count():
            return

        def warm(_progress: Reporter) -> None:
            import energybrowser.citations  # noqa: F401 - imported here, off the GUI thread

        self.window.jobs.start(
            "citations", warm, lambda _r: self._fill_styles(), lambda _m: self._fill_styles()
        )

    def style(self) -> str:
        return str(self.window.style_box.currentData() or self.window.settings.citation_style or "apa")

    def _fill_styles(self) -> None:
        if self.window.style_box.count():
            return
        blocker = self.window.style_box.blockSignals(True)
        for style_id, label in citing.styles():
            self.window.style_box.addItem(label, style_id)
        self.window.style_box.setCurrentIndex(
            max(0, self.window.style_box.findData(self.window.settings.citation_style))
        )
        self.window.style_box.blockSignals(blocker)
        self._fill_style_menu()

    def _fill_style_menu(self) -> None:
        """Edit ▸ Citation Style: the toolbar's styles as a menu of choices, one checked."""
        box, menu = self.window.style_box, self.window.style_menu
        menu.clear()
        group = QActionGroup(menu)
        for index in range(box.count()):
            action = menu.addAction(box.itemText(index))
            action.setCheckable(True)
            action.setChecked(index == box.currentIndex())
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, i=index: box.setCurrentIndex(i))

    def choose_style(self) -> None:
        """The style menu, under the toolbar's style box when it is in view, else mid-window."""
        box, window = self.window.style_box, self.window
        if not window.style_menu.actions():
            window.status.say("The citation styles are still loading.")
            return
        if box.isVisible():
            where = box.mapToGlobal(QPoint(0, box.height()))
        else:
            where = window.mapToGlobal(window.rect().center())
        window.style_menu.popup(where)

    @Slot(int)
    def _on_style_changed(self, index: int) -> None:
        self.window.settings.citation_style = self.style()
        actions = self.window.style_menu.actions()
        if 0 <= index < len(actions):
            actions[index].setChecked(True)
        self.window.status.say(f"Citation style: {self.window.style_box.currentText()}.")

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
    def import_articles(self, files: list[str] | None = None, url: str | None = None) -> None:
        """Import `files` (asked for when None). One file chosen from the menu, or given with `url`
        (a dropped page address), gets the page-address dialog: the address it was saved from
        goes into its citation, as `energybrowser import --url` does."""
        if self.window.library is None:
            return
        # Imported here, not at the top: the importer is heavy and the window must open fast.
        from energybrowser.corpus.importer.library import import_paths, page_address

        if url:  # checked first: a dropped ftp: link is refused before any file is asked for
            try:
                url = page_address(url)
            except ValueError as exc:
                self.window.status.say(f"Not imported: {exc}", 15000)
                return
        asked = files is None
        chosen = dialogs.ask_import_files(self.window) if files is None else files
        if not chosen:
            return
        if len(chosen) == 1 and (asked or url) and not Path(chosen[0]).expanduser().is_dir():
            answer = dialogs.ask_page_address(self.window, chosen[0], url or "")
            if answer is None:
                return
            url = answer
        elif url:
            self.window.status.say("Not imported: a page address belongs to one file, not a folder.", 15000)
            return
        paths = [Path(f) for f in chosen]
        target = self.window.paths.imported_articles
        address = url or ""
        self.window.status.job_started("import", "Importing")
        self.window.jobs.start(
            "import",
            lambda progress: import_paths(paths, target, progress=progress, url=address),
            self._on_imported,
            lambda message: self.window._on_job_failed("import", "Import failed", message),
            lambda done, total, label: self.window.status.job_progress("import", done, total, label),
        )

    @Slot(object)
    def _on_imported(self, report: ImportReport) -> None:
        self.window.status.job_finished("import")
        imported = report.imported_ids
        message = f"Imported {len(imported)} article{'s' if len(imported) != 1 else ''}."
        if report.problems:
            message += f" {len(report.problems)} skipped: " + "; ".join(report.problems[:3])
        if report.notes:
            message += " " + "; ".join(report.notes[:3])
        self.window.status.say(message, 15000)
        self.window.import_finished.emit(report)
        if imported:
            self.window.start(open_after=imported[0])

    def edit_metadata(self) -> None:
        article = self.window.reader.current
        if article is None or self.window.library is None:
            self.window.status.say("Open an article to edit its metadata.")
            return
        if not self.window.library.is_imported(article.id):
            # The file is read-only: the corrections are kept in the library, undoable.
            self.window.reviewing.edit_metadata(article.id)
            return
        from energybrowser.ui.metadata_dialog import MetadataDialog

        dialog = MetadataDialog(article.meta, self.window)
        if dialog.exec() != MetadataDialog.DialogCode.Accepted:
            return
        from energybrowser.corpus.importer.library import save_metadata

        try:
            save_metadata(self.window.library.imported_files[article.id], article, dialog.meta())
        except (OSError, ValueError) as exc:
            dialogs.show_error(self.window, f"Could not save the metadata: {exc}")
            return
        self.window.status.say(f"Saved metadata of “{dialog.meta().title or article.display_title}”.")
        self.window.start(open_after=article.id)

    def export_agreements(self) -> None:
        if not self.window.agreements_model.rowCount():
            self.window.status.say("No agreements to export yet.")
            return
        path = dialogs.ask_csv_path(self.window, "agreements.csv")
        if not path:
            return
        try:
            count = self.window.agreements.export_csv(Path(path))
        except OSError as exc:
            dialogs.show_error(self.window, f"Could not write {path}: {exc}")
            return
        self.window.status.say(f"Exported {count} agreement reports to {path}.")

    # --- help -------------------------------------------------------------------------------------
    def show_shortcuts(self) -> None:
        dialogs.ShortcutsDialog(self.window).exec()

    def show_search_help(self) -> None:
        dialogs.info_dialog(self.window, "Search Syntax", SYNTAX_HELP).exec()

    def show_about(self) -> None:
        text = (
            f"<b>energybrowser {html.escape(__version__)}</b><br>Offline reference browser for "
            "Caspian energy cooperation.<br><br>"
            f"Settings: {html.escape(str(self.window.paths.settings_file))}<br>"
            f"Imported articles: {html.escape(str(self.window.paths.imported_articles))}"
        )
        dialogs.info_dialog(self.window, "About energybrowser", text).exec()
