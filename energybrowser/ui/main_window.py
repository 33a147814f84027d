"""The main window: search on the left, the reader in the middle, agreements on the right.

It composes the panels and wires them; the work is done by the core (in background tasks) and
the panels. Startup shows the window at once, then loads the library, extracts entities and
agreements and brings the search index up to date in the background.
"""

from __future__ import annotations

import html
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QComboBox, QDockWidget, QLabel, QMainWindow, QMenu, QSplitter, QToolBar, QWidget

from energybrowser import __version__
from energybrowser.corpus.model import Article
from energybrowser.paths import DataPaths
from energybrowser.settings import Settings
from energybrowser.ui import citing, dialogs
from energybrowser.ui.actions import AGREEMENTS_CONTEXT, MENUS, READER_CONTEXT, SPECS, TOOLBAR, create_actions
from energybrowser.ui.agreements_panel import AgreementsPanel
from energybrowser.ui.importing import ImportReport, import_files, importable, save_metadata
from energybrowser.ui.library import Analysis, Library, Mention, analyse, browse, load_library
from energybrowser.ui.mentions_panel import MentionsPanel
from energybrowser.ui.models.agreements import AgreementRow, AgreementsModel
from energybrowser.ui.models.results import ResultRow
from energybrowser.ui.reader_area import ReaderArea
from energybrowser.ui.search_controller import Outcome, ScanEngine, SearchController
from energybrowser.ui.search_panel import SYNTAX_HELP, SearchPanel
from energybrowser.ui.status_bar import StatusBar
from energybrowser.ui.tasks import Reporter, TaskRunner

ZOOM_STEP = 1
# While typing, each keystroke gets the engine's quick search (no facets). Once typing pauses, a
# full search brings the facets, and the reader re-highlights the hits (re-rendering an article
# takes tens of ms for a long one, too much per keystroke).
SETTLE_MS = 450
MAX_ZOOM = 12


class MainWindow(QMainWindow):
    library_loaded = Signal()
    """The articles are in (the window is usable)."""
    analysis_ready = Signal()
    """Entities and agreements of every article are known."""
    import_finished = Signal(object)
    """An ImportReport: what was imported, and one line per file that was not."""

    def __init__(self, settings: Settings, paths: DataPaths, corpus: str | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.paths = paths
        self.corpus_arg = corpus
        self.library: Library | None = None
        self.analysis: Analysis | None = None
        self.started = time.perf_counter()
        self._open_after_load: str | None = None
        self._zoom_level = 0
        self._previous_article: str | None = None  # Open Side by Side's default partner
        self._engines: list[Any] = []  # search engines handed over by workers (each holds open files)
        self._closing = False
        self._indexing = False
        self._closing_event = threading.Event()  # tells workers the window is gone
        self._settle_timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle_timer.timeout.connect(self._settle)
        self.setWindowTitle("energybrowser")
        self.setAcceptDrops(True)
        self.resize(1440, 900)

        self.jobs = TaskRunner(self)
        self.search = SearchController(self)
        self.search.finished.connect(self._on_search_finished)

        self.actions_by_id = create_actions(self)
        self.search_panel = SearchPanel()
        self.reader = ReaderArea()
        self.agreements_model = AgreementsModel(self._title_of, self)
        self.agreements = AgreementsPanel(self.agreements_model)
        self.mentions = MentionsPanel()
        self.status = StatusBar(self)
        self.setStatusBar(self.status)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="main_splitter")
        self.splitter.addWidget(self.search_panel)
        self.splitter.addWidget(self.reader)
        self.splitter.addWidget(self.agreements)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 610, 510])
        self.splitter.setChildrenCollapsible(False)
        self.search_panel.setMinimumWidth(260)
        self.agreements.setMinimumWidth(280)
        self.setCentralWidget(self.splitter)

        self.mentions_dock = QDockWidget("Entity Mentions", self, objectName="mentions_dock")
        self.mentions_dock.setWidget(self.mentions)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.mentions_dock)
        self.mentions_dock.hide()

        self.style_box = QComboBox(objectName="citation_style")
        self.style_box.setToolTip("Citation style for Copy Citation")
        self.style_box.setMinimumContentsLength(18)
        self.style_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # Filled once the library is in: loading the citation package is not worth delaying the window.
        self._build_menus_and_toolbar()
        self._connect()
        self._restore_settings()

    # --- construction ---------------------------------------------------------------------------
    def _build_menus_and_toolbar(self) -> None:
        menus = {name: self.menuBar().addMenu(name) for name in MENUS}
        for spec in SPECS.values():
            menu = menus[spec.menu]
            if spec.separator_before:
                menu.addSeparator()
            menu.addAction(self.actions_by_id[spec.id])
        toolbar = QToolBar("Main toolbar", self, objectName="main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        for action_id in TOOLBAR:
            if action_id is None:
                toolbar.addSeparator()
                continue
            toolbar.addAction(self.actions_by_id[action_id])
            if action_id == "copy_citation":
                toolbar.addWidget(QLabel(" Style: "))
                toolbar.addWidget(self.style_box)
        self.addToolBar(toolbar)
        for reader in (self.reader.primary, self.reader.secondary):
            reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            reader.customContextMenuRequested.connect(lambda pos, r=reader: self._on_reader_menu(r, pos))

    def _connect(self) -> None:
        handlers = {
            "import_articles": self.import_articles,
            "edit_metadata": self.edit_metadata,
            "export_agreements": self.export_agreements,
            "rebuild_index": lambda: self.start_indexing(rebuild=True),
            "quit": self.close,
            "copy_citation": lambda: self.copy_citation(whole_article=False),
            "copy_article_citation": lambda: self.copy_citation(whole_article=True),
            "copy_agreement_citation": self.copy_agreement_citation,
            "focus_search": self.focus_search,
            "clear_filters": self.search_panel.clear_filters,
            "toggle_entities": self._on_entity_toggle,
            "toggle_paragraph_numbers": self._on_paragraph_numbers_toggle,
            "toggle_agreements": self.agreements.setVisible,
            "toggle_mentions": self.mentions_dock.setVisible,
            "zoom_in": lambda: self._zoom(ZOOM_STEP),
            "zoom_out": lambda: self._zoom(-ZOOM_STEP),
            "zoom_reset": lambda: self._zoom(0),
            "next_hit": lambda: self._hit(1),
            "previous_hit": lambda: self._hit(-1),
            "next_result": lambda: self.search_panel.select_row(1),
            "previous_result": lambda: self.search_panel.select_row(-1),
            "open_side_by_side": self.open_side_by_side,
            "close_side_by_side": self.close_side_by_side,
            "focus_results": lambda: self.search_panel.results.setFocus(),
            "focus_reader": lambda: self.reader.primary.setFocus(),
            "focus_agreements": lambda: self.agreements.table.setFocus(),
            "show_shortcuts": self.show_shortcuts,
            "search_help": self.show_search_help,
            "about": self.show_about,
        }
        missing = set(SPECS) - set(handlers)
        assert not missing, f"actions without a handler: {missing}"
        for action_id, handler in handlers.items():
            action = self.actions_by_id[action_id]
            if action.isCheckable():
                action.toggled.connect(handler)
            else:
                action.triggered.connect(lambda _checked=False, h=handler: h())
        self.mentions_dock.visibilityChanged.connect(self.actions_by_id["toggle_mentions"].setChecked)

        self.search_panel.query_changed.connect(self._on_query_changed)
        self.search_panel.query_edit.textEdited.connect(self._on_typing)
        self.search_panel.query_committed.connect(self._on_query_committed)
        self.search_panel.filters_changed.connect(self._run_search)
        self.search_panel.article_selected.connect(self.open_article)
        self.search_panel.help_requested.connect(self.show_search_help)
        self.agreements.agreement_selected.connect(self._on_agreement_selected)
        self.search_panel.results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.search_panel.results.customContextMenuRequested.connect(self._on_results_menu)
        self.agreements.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.agreements.table.customContextMenuRequested.connect(self._on_agreements_menu)
        self.reader.entity_clicked.connect(self._on_entity_clicked)
        self.reader.types_changed.connect(self._on_types_changed)
        self.reader.status_message.connect(self.status.say)
        self.mentions.mention_activated.connect(self._on_mention_activated)
        self.style_box.currentIndexChanged.connect(self._on_style_changed)

    # --- settings ---------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        if s.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(s.window_geometry.encode("ascii")))
        if s.window_state:
            self.restoreState(QByteArray.fromBase64(s.window_state.encode("ascii")))
        sizes = s.splitter_sizes.get("main")
        if sizes and len(sizes) == self.splitter.count() and sum(sizes) > 0:
            self.splitter.setSizes(sizes)
        self.search_panel.set_history(s.search_history)
        if s.enabled_entity_types is not None:
            self.reader.set_enabled_types(frozenset(s.enabled_entity_types))
        numbers = self.actions_by_id["toggle_paragraph_numbers"]
        numbers.setChecked(s.show_paragraph_numbers)
        self.reader.set_paragraph_numbers(s.show_paragraph_numbers)
        self.actions_by_id["toggle_entities"].setChecked(True)
        self.actions_by_id["toggle_agreements"].setChecked(True)
        for problem in s.problems:
            self.status.say(problem, 10000)

    def save_settings(self) -> None:
        s = self.settings
        s.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        s.window_state = bytes(self.saveState().toBase64().data()).decode("ascii")
        s.splitter_sizes = {**s.splitter_sizes, "main": self.splitter.sizes()}
        s.citation_style = self._style()
        s.open_article = self.reader.current.id if self.reader.current else ""
        try:
            s.save()
        except OSError as exc:
            self.status.say(f"Could not save settings: {exc}")

    # --- startup and background work -------------------------------------------------------------------
    def start(self, open_after: str | None = None) -> None:
        """Load (or reload) the library in the background; the window is already shown."""
        self._open_after_load = open_after
        self.status.job_started("load", "Loading articles")
        corpus, paths = self.corpus_arg, self.paths

        def load(_progress: Any) -> Library:
            import energybrowser.citations  # noqa: F401 - warm the import here, off the GUI thread

            return load_library(corpus, paths)

        self.jobs.start(
            "load",
            load,
            self._on_library_loaded,
            lambda message: self._on_job_failed("load", "Could not load the articles", message),
        )

    @Slot(object)
    def _on_library_loaded(self, library: Library) -> None:
        self.status.job_finished("load")
        self.library = library
        self._fill_styles()
        self.search.set_engine(ScanEngine(library))
        self._update_library_info()
        for problem in library.problems[:3]:
            self.status.say(f"Skipped: {problem}", 10000)
        keep = self._open_after_load or (
            self.reader.current.id if self.reader.current else self.settings.open_article
        )
        self._run_search()
        if keep and library.get(keep):
            self.open_article(keep)
        self.library_loaded.emit()
        self.start_analysis()
        self.start_indexing()

    def start_analysis(self) -> None:
        if self.library is None:
            return
        library = self.library
        self.status.job_started("analyse", "Finding entities and agreements")
        self.jobs.start(
            "analyse",
            lambda progress: analyse(library, progress),
            self._on_analysis_ready,
            lambda message: self._on_job_failed("analyse", "Entity extraction failed", message),
            lambda done, total, label: self.status.job_progress("analyse", done, total, label),
        )

    @Slot(object)
    def _on_analysis_ready(self, analysis: Analysis) -> None:
        self.status.job_finished("analyse")
        self.analysis = analysis
        self.agreements.set_agreements(analysis.agreements)
        if not self.search_panel.query:
            self._run_search()  # the entity and type facets are known now
        if self.reader.current is not None:
            self.open_article(self.reader.current.id, keep_position=True)
        self._update_library_info()
        self.analysis_ready.emit()

    def start_indexing(self, rebuild: bool = False) -> None:
        """Open the search index (cheap) and bring it up to date in the background.

        Until it is ready, the word scan answers, so search works from the first second.
        """
        if self.library is None:
            return
        library, paths, closing = self.library, self.paths, self._closing_event
        self.status.job_started("index", "Updating the search index")
        self._indexing = True

        def work(progress: Reporter) -> tuple[Any, Any]:
            from energybrowser.search import SearchEngine  # Whoosh loads here, off the GUI thread

            engine = SearchEngine.open(library.as_corpus(), paths)
            if engine.ready and not rebuild and not closing.is_set():
                progress.partial(engine)  # searchable now; the update below may take a while
            try:
                status = engine.ensure_index(
                    lambda done, total: progress(done, total, "Indexing"), rebuild=rebuild
                )
            except BaseException:
                engine.close()
                raise
            if closing.is_set():  # the window closed meanwhile: nobody else will close it
                engine.close()
            return engine, status

        self.jobs.start(
            "index",
            work,
            self._on_index_ready,
            self._on_index_failed,
            lambda done, total, label: self.status.job_progress("index", done, total, label),
            self._on_engine_opened,
        )

    def _adopt(self, engine: Any) -> bool:
        """Keep track of every engine a worker hands over, so each is closed; False when closing."""
        if all(e is not engine for e in self._engines):
            self._engines.append(engine)
        if self._closing:
            engine.close()
            return False
        return True

    @Slot(object)
    def _on_engine_opened(self, engine: Any) -> None:
        if not self._adopt(engine):
            return
        if self.library is not None and engine.articles.keys() == {a.id for a in self.library.articles}:
            self._use_engine(engine)

    @Slot(object)
    def _on_index_ready(self, result: tuple[Any, Any]) -> None:
        engine, status = result
        self._indexing = False
        self.status.job_finished("index")
        if not self._adopt(engine) or self.library is None:
            return
        self._use_engine(engine)
        if status.action != "unchanged":
            self.status.say(
                f"Search index {status.action}: {status.articles} articles in {status.seconds:.1f} s."
            )

    def _use_engine(self, engine: Any) -> None:
        from energybrowser.ui.search_controller import IndexedEngine

        assert self.library is not None
        if isinstance(self.search.engine, IndexedEngine) and self.search.engine.engine is engine:
            return
        self.search.set_engine(IndexedEngine(engine, self.library))
        for old in [e for e in self._engines if e is not engine]:
            old.close()  # an index of an earlier library (before an import or edit)
        self._engines = [engine]
        if self.search_panel.query:
            self._run_search()
            self._refresh_hits()

    @Slot(str)
    def _on_index_failed(self, message: str) -> None:
        self._indexing = False
        self._on_job_failed("index", "The search index could not be built", message)

    def _on_job_failed(self, job: str, what: str, message: str) -> None:
        self.status.job_finished(job)
        self.status.say(f"{what}: {message}", 15000)
        self.search_panel.show_message(error=f"{what}: {message}")

    def _title_of(self, article_id: str) -> str:
        article = self.library.get(article_id) if self.library else None
        return article.display_title if article else article_id

    def _update_library_info(self) -> None:
        if self.library is None:
            return
        parts = [f"{len(self.library)} articles"]
        if self.analysis is not None:
            parts.append(f"{len(self.analysis.agreements)} agreements")
        self.status.info.setText(" · ".join(parts))

    # --- search -----------------------------------------------------------------------------------
    @Slot(str)
    def _on_query_changed(self, query: str) -> None:
        if self.library is None:
            return
        if not query:
            self._run_search()
            return
        self.search.request(query, self.search_panel.filters(), typing=True)
        self._settle_timer.start()

    @Slot(str)
    def _on_typing(self, _text: str) -> None:
        if self._settle_timer.isActive():
            self._settle_timer.start()  # still typing: wait for the pause

    @Slot()
    def _settle(self) -> None:
        if self.search_panel.query:
            self._run_search()

    @Slot(str)
    def _on_query_committed(self, query: str) -> None:
        self.settings.remember_search(query)
        self.search_panel.set_history(self.settings.search_history)

    @Slot()
    def _run_search(self) -> None:
        if self.library is None:
            return
        query, filters = self.search_panel.query, self.search_panel.filters()
        if not query:
            self._show_browse(filters)
            return
        self.search.request(query, filters)

    def _show_browse(self, filters: dict[str, str]) -> None:
        """No query: every article, newest first, narrowed by the facets."""
        assert self.library is not None
        articles, facets = browse(self.library, self.analysis, filters)
        self.search_panel.set_facets(facets)
        self.search_panel.show_message()
        keep = self.reader.current.id if self.reader.current else None
        self.search_panel.show_results([self._row(a) for a in articles], total=len(self.library), keep=keep)
        self._settle_timer.stop()
        if self.reader.current is not None and self.reader.primary.hit_count():
            self._refresh_hits()  # the query was cleared: so are its hits

    def _row(self, article: Article, snippet: str = "") -> ResultRow:
        meta = article.meta
        return ResultRow(
            article.id,
            article.display_title,
            meta.publisher or ", ".join(a.name for a in meta.authors) or meta.source,
            "" if meta.date.is_empty else meta.date.display(),
            snippet,
            self.library.is_imported(article.id) if self.library else False,
        )

    @Slot(object)
    def _on_search_finished(self, outcome: Outcome) -> None:
        if self.library is None or outcome.query != self.search_panel.query:
            return
        rows = []
        for hit in outcome.hits:
            article = self.library.get(hit.article_id)
            if article is not None:
                rows.append(self._row(article, hit.snippet_html))
        if not outcome.typing:  # quick answers carry no facets: keep the last ones meanwhile
            self.search_panel.set_facets(outcome.facets)
        self.search_panel.show_message(
            suggestion=outcome.suggestion, error=outcome.error, notes=outcome.notes
        )
        self.search_panel.count.setToolTip(f"Search took {outcome.elapsed_ms:.0f} ms")
        keep = self.reader.current.id if self.reader.current else None
        self.search_panel.show_results(rows, total=outcome.total, keep=keep)
        if self.reader.current is not None and not outcome.typing:
            self._refresh_hits()

    def _hit_ranges(self, article: Article) -> list[tuple[int, int]]:
        query = self.search_panel.query
        engine = self.search.engine
        if not query or engine is None:
            return []
        try:
            return list(engine.hit_ranges(article.id, query))
        except Exception:
            return []

    def _refresh_hits(self) -> None:
        article = self.reader.current
        if article is not None:
            self.reader.set_hits(self._hit_ranges(article))

    def _hit(self, step: int) -> None:
        reader = self.reader.primary
        if self.reader.current is None or not reader.hit_count():
            self.status.say("No search hits in this article.")
            return
        reader.next_hit() if step > 0 else reader.previous_hit()

    # --- reading ----------------------------------------------------------------------------------
    def _entities(self, article_id: str) -> tuple[Any, ...]:
        if self.analysis is None or not self.actions_by_id["toggle_entities"].isChecked():
            return ()
        return self.analysis.entities.get(article_id, ())

    @Slot(str)
    def open_article(
        self, article_id: str, keep_position: bool = False, marked: tuple[int, int] | None = None
    ) -> Article | None:
        """Show an article (with its entities and the query's hits); `marked` is marked and scrolled to."""
        article = self.library.get(article_id) if self.library else None
        if article is None:
            return None
        if self.reader.side_by_side and not keep_position:
            self.reader.close_second()
        if self.reader.current is not None and self.reader.current.id != article_id:
            self._previous_article = self.reader.current.id
        self.reader.show_article(article, self._entities(article_id), self._hit_ranges(article), marked)
        self.setWindowTitle(f"{article.display_title} — energybrowser")
        if self.search_panel.current_article() != article_id:
            self.search_panel.show_current(article_id)
        return article

    def focus_search(self) -> None:
        self.search_panel.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_panel.query_edit.selectAll()

    @Slot(object)
    def _on_agreement_selected(self, row: AgreementRow) -> None:
        evidence = row.lead.evidence
        if self.open_article(row.lead.article, marked=(evidence.start, evidence.end)) is None:
            return
        where = f"paragraph {evidence.paragraph}" if evidence.paragraph else "the article"
        self.status.say(f"Evidence in {where}: “{evidence.text[:80]}”")

    @Slot(str)
    def _on_entity_clicked(self, canonical: str) -> None:
        if self.analysis is None:
            return
        mentions = self.analysis.mentions_of(canonical)
        kind = self.analysis.type_of(canonical)
        self.mentions.show_mentions(canonical, kind, mentions)
        self.mentions_dock.show()
        self.mentions_dock.raise_()

    @Slot(object)
    def _on_mention_activated(self, mention: Mention) -> None:
        self.open_article(mention.article_id, marked=(mention.start, mention.end))

    def _on_entity_toggle(self, _on: bool) -> None:
        if self.reader.current is not None:
            self.open_article(self.reader.current.id, keep_position=True)

    def _on_paragraph_numbers_toggle(self, on: bool) -> None:
        self.reader.set_paragraph_numbers(on)
        self.settings.show_paragraph_numbers = on

    @Slot(object)
    def _on_types_changed(self, types: frozenset[str]) -> None:
        self.settings.enabled_entity_types = sorted(types)

    def _zoom(self, step: int) -> None:
        change = -self._zoom_level if step == 0 else step
        if not -MAX_ZOOM <= self._zoom_level + change <= MAX_ZOOM:
            return
        self._zoom_level += change
        for reader in (self.reader.primary, self.reader.secondary):
            reader.zoomIn(change)

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
        mine = self.analysis.entities.get(self.reader.current.id, ()) if self.analysis else ()
        theirs = self.analysis.entities.get(other.id, ()) if self.analysis else ()
        shared = sorted({e.canonical for e in mine} & {e.canonical for e in theirs}, key=str.casefold)
        marks = self._evidence_in(self.reader.current.id), self._evidence_in(other.id)
        self.reader.open_second(other, theirs, shared, mine, marks)
        self.status.say(f"Side by side with “{other.title}”: {len(shared)} shared entities.")
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
        try:
            copied = citing.cite(article, style, passage)
        except citing.CiteError as exc:
            self.status.say(f"Could not cite: {exc}")
            return ""
        citing.copy_to_clipboard(copied.text, copied.html)
        self.status.say(f"Copied {copied.what}.")
        return copied.text

    def copy_agreement_citation(self) -> str:
        row = self.agreements.current_row()
        article = self.library.get(row.lead.article) if row is not None and self.library else None
        if row is None or article is None:
            self.status.say("Pick an agreement in the agreements table first.")
            return ""
        style = self._style()
        try:
            copied = citing.cite_agreement(row.lead, article, style)
        except citing.CiteError as exc:
            self.status.say(f"Could not cite: {exc}")
            return ""
        citing.copy_to_clipboard(copied.text, copied.html)
        self.status.say(f"Copied {copied.what}.")
        return copied.text

    def agreements_menu(self) -> QMenu:
        menu = QMenu(self.agreements.table)
        for action_id in AGREEMENTS_CONTEXT:
            if action_id is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_id[action_id])
        return menu

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
        for action_id in READER_CONTEXT:
            if action_id is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_id[action_id])
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
        paths = [Path(f) for f in chosen]
        target = self.paths.imported_articles
        self.status.job_started("import", "Importing")
        self.jobs.start(
            "import",
            lambda progress: import_files(paths, target, progress),
            self._on_imported,
            lambda message: self._on_job_failed("import", "Import failed", message),
            lambda done, total, label: self.status.job_progress("import", done, total, label),
        )

    @Slot(object)
    def _on_imported(self, report: ImportReport) -> None:
        self.status.job_finished("import")
        message = f"Imported {len(report.imported)} article{'s' if len(report.imported) != 1 else ''}."
        if report.problems:
            message += f" {len(report.problems)} skipped: " + "; ".join(report.problems[:3])
        self.status.say(message, 15000)
        self.import_finished.emit(report)
        if report.imported:
            self.start(open_after=report.imported[0])

    def edit_metadata(self) -> None:
        article = self.reader.current
        if article is None or self.library is None:
            self.status.say("Open an article to edit its metadata.")
            return
        if not self.library.is_imported(article.id):
            self.status.say("Bundled articles are read-only; only articles you imported can be edited.")
            return
        from energybrowser.ui.metadata_dialog import MetadataDialog

        dialog = MetadataDialog(article.meta, self)
        if dialog.exec() != MetadataDialog.DialogCode.Accepted:
            return
        try:
            save_metadata(self.library.imported_files[article.id], article, dialog.meta())
        except (OSError, ValueError) as exc:
            dialogs.show_error(self, f"Could not save the metadata: {exc}")
            return
        self.status.say(f"Saved metadata of “{dialog.meta().title}”.")
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

    # --- closing ----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self._closing = True
        self._closing_event.set()
        self.search.runner.shutdown()
        self.jobs.shutdown()
        # Deliver results that came in while waiting (an engine to close).
        QCoreApplication.sendPostedEvents(self.jobs)
        if not self._indexing:  # else the indexing worker closes its engine when it ends
            for engine in self._engines:
                engine.close()
            self._engines = []
        super().closeEvent(event)
