"""The main window: search on the left, the reader in the middle, agreements on the right.

It composes the panels and wires them; the work is done by the core (in background tasks) and
the panels. Two typed controllers it owns do the rest: `SearchFlow` (window_search.py: query,
results, facets, hits) and `WindowCommands` (window_commands.py: side by side, citations, context
menus, import, metadata, export, help).

Startup shows the window at once, then opens the library (its catalogue), analyses what changed and
brings the search index up to date in the background. A watcher on the article folders refreshes
the library when files are added, changed or removed.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QDockWidget, QLabel, QMainWindow, QMenu, QToolBar, QWidget

from energybrowser.agreements.ledger import AgreementRow
from energybrowser.agreements.ledger_cells import EVERY_STATE
from energybrowser.agreements.model import Agreement
from energybrowser.corpus.model import Article
from energybrowser.curation.apply import ReviewedLedger
from energybrowser.library import ArticleEntry, Changes, Library, Mention
from energybrowser.paths import DataPaths
from energybrowser.settings import Settings
from energybrowser.ui.actions import MENUS, SPECS, TOOLBAR, create_actions
from energybrowser.ui.agreements_panel import AgreementsPanel
from energybrowser.ui.drop import dropped
from energybrowser.ui.mentions_panel import MentionsPanel
from energybrowser.ui.models.agreements import AgreementsModel
from energybrowser.ui.panels_splitter import PanelsSplitter
from energybrowser.ui.plain import TIP_LINES, tooltip, window_title
from energybrowser.ui.reader_area import ReaderArea
from energybrowser.ui.search_controller import IndexedEngine, ScanEngine, SearchController
from energybrowser.ui.search_panel import SearchPanel
from energybrowser.ui.status_bar import StatusBar
from energybrowser.ui.tasks import Reporter, TaskRunner
from energybrowser.ui.watcher import FolderWatcher
from energybrowser.ui.widgets import named
from energybrowser.ui.window_commands import WindowCommands
from energybrowser.ui.window_review import WindowReview
from energybrowser.ui.window_search import SearchFlow
from energybrowser.workers import Stopped

ZOOM_STEP = 1
MAX_ZOOM = 12
# Minimum widths: results, reader and ledger fit side by side in half of a 1600 px screen; in half
# of a 1366 px one the ledger folds away (then the results) rather than run off the screen.
MIN_RESULTS, MIN_READER, MIN_LEDGER = 220, 300, 250
RESULTS_SHARE, MAX_RESULTS = 0.18, 420  # the results list grows with the window, up to a point
COMFORTABLE_READER = 400  # below this the ledger gives up its extra columns first
MAX_READER = 780  # ~95 characters a line: wider is harder to read, the rest goes to the ledger
SIDE_BY_SIDE_WIDTH = 2 * 420  # two readers of ~55 characters a line
# A screen this size or smaller gets the whole available area; a larger one a centred window of
# DEFAULT_SHARE of it (a maximised window at 2560 px spreads the panels too thin to read well).
ROOMY_SCREEN = (1600, 1000)
DEFAULT_SHARE = 0.9


def default_split(width: int, ledger_wants: int) -> list[int]:
    """Results, reader and ledger widths for a splitter `width` wide (no saved layout yet).

    The results list takes a share of the width; the ledger gets room for its key columns
    (`ledger_wants`) when the reader keeps a comfortable width; the reader takes what is left up
    to a readable line length, and anything beyond that goes to the ledger's other columns."""
    results = max(MIN_RESULTS, min(MAX_RESULTS, round(width * RESULTS_SHARE)))
    ledger = max(MIN_LEDGER, min(ledger_wants, width - results - COMFORTABLE_READER))
    reader = width - results - ledger
    if reader > MAX_READER:
        ledger += reader - MAX_READER
        reader = MAX_READER
    return [results, max(MIN_READER, reader), ledger]


def default_window_rect(available: QRect) -> QRect:
    """Where the window opens with no saved geometry: all of a small screen's available area (a
    laptop's 1366x768), a centred share of a larger one."""
    if available.width() <= ROOMY_SCREEN[0] or available.height() <= ROOMY_SCREEN[1]:
        return QRect(available)
    size = QSize(round(available.width() * DEFAULT_SHARE), round(available.height() * DEFAULT_SHARE))
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(available.center())
    return rect


STATUS_QUOTE_CHARS = 90


def clip(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(",;:") + "…"


class MainWindow(QMainWindow):
    library_loaded = Signal()
    """The articles are in (the window is usable)."""
    analysis_ready = Signal()
    """Entities and agreements of every article are known."""
    import_finished = Signal(object)
    """An ImportReport: what was imported, and one line per file that was not."""

    def __init__(
        self, settings: Settings, paths: DataPaths, corpus: str | None = None, *, indexing: bool = True
    ) -> None:
        """`indexing=False` keeps to the word scan (tests that do not exercise the search index)."""
        super().__init__()
        self.settings = settings
        self.paths = paths
        self.corpus_arg = corpus
        self.library: Library | None = None
        self.analysed = False  # entities and agreements of every article are known
        self.started = time.perf_counter()
        self._open_after_load: str | None = None
        self._indexing_enabled = indexing
        self._zoom_level = 0
        self._previous_article: str | None = None  # Open Side by Side's default partner
        self._engines: list[Any] = []  # search engines handed over by workers (each holds open files)
        self._closing = False
        self._indexing = False
        self._index_again = False
        self._analyse_again = False
        self._reindex_again = False
        self._closing_event = threading.Event()  # tells workers the window is gone
        self.setWindowTitle("energybrowser")
        self.setAcceptDrops(True)
        self.setGeometry(default_window_rect(self._available()))

        self.jobs = TaskRunner(self)
        # The window's two controllers: the search side, and the commands (typed against this window).
        self.searching = SearchFlow(self)
        self.commands = WindowCommands(self)
        self.watcher = FolderWatcher(self)
        self.watcher.changed.connect(self._on_folders_changed)
        self._refresh_again = False  # files changed while a refresh ran
        # Opened from the catalogue alone: the files are being looked at (what changed while the
        # app was closed), and the analysis waits for that look.
        self._looking = False
        self.search = SearchController(self)
        self.search.finished.connect(self.searching._on_search_finished)

        self.actions_by_id = create_actions(self)
        self.search_panel = SearchPanel()
        self.reader = ReaderArea()
        self.agreements_model = AgreementsModel(self._article_of, self)
        self.agreements = AgreementsPanel(self.agreements_model)
        self.mentions = MentionsPanel()
        self.reviewing = WindowReview(self)  # review actions, one undo stack
        self.status = StatusBar(self)
        self.setStatusBar(self.status)

        # In a narrow window the ledger folds away first, then the results (dragged back at the edge).
        self.splitter = PanelsSplitter((2, 0), name="main_splitter")
        self.splitter.addWidget(self.search_panel)
        self.splitter.addWidget(self.reader)
        self.splitter.addWidget(self.agreements)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        # While no saved layout is in force, the layout follows the window (see _apply_default_split).
        self._default_layout = True
        self._sizes_before_two: list[int] | None = None  # the layout before side by side widened it
        self.search_panel.setMinimumWidth(MIN_RESULTS)
        self.reader.setMinimumWidth(MIN_READER)
        self.agreements.setMinimumWidth(MIN_LEDGER)
        self.splitter.setMinimumWidth(MIN_READER)  # the panels fold rather than widen the window
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self.splitter.folded_changed.connect(self._sync_panel_actions)
        self.setCentralWidget(self.splitter)

        self.mentions_dock = named(QDockWidget("Entity Mentions", self), "mentions_dock")
        self.mentions_dock.setWidget(self.mentions)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.mentions_dock)
        self.mentions_dock.hide()

        self.style_box = named(QComboBox(), "citation_style")
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
        # Edit ▸ Citation Style opens the styles as a menu (filled once they load); its shortcut pops
        # the same menu up, so the style can be chosen without the toolbar (hidden in a narrow window).
        self.style_menu = QMenu("Citation Style", self)
        self.actions_by_id["choose_citation_style"].setMenu(self.style_menu)
        toolbar = named(QToolBar("Main toolbar", self), "main_toolbar")
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
            reader.customContextMenuRequested.connect(
                lambda pos, r=reader: self.commands._on_reader_menu(r, pos)
            )

    def _connect(self) -> None:
        handlers = {
            "import_articles": self.commands.import_articles,
            "edit_metadata": self.commands.edit_metadata,
            "export_agreements": self.commands.export_agreements,
            "rebuild_index": lambda: self.start_indexing(rebuild=True),
            "quit": self.close,
            "copy_citation": lambda: self.commands.copy_citation(whole_article=False),
            "copy_article_citation": lambda: self.commands.copy_citation(whole_article=True),
            "copy_agreement_citation": self.commands.copy_agreement_citation,
            "choose_citation_style": self.commands.choose_style,
            "focus_search": self.focus_search,
            "clear_filters": self.search_panel.clear_filters,
            "toggle_entities": self._on_entity_toggle,
            "toggle_paragraph_numbers": self._on_paragraph_numbers_toggle,
            "toggle_agreements": self._show_agreements,
            "toggle_mentions": self.mentions_dock.setVisible,
            "zoom_in": lambda: self._zoom(ZOOM_STEP),
            "zoom_out": lambda: self._zoom(-ZOOM_STEP),
            "zoom_reset": lambda: self._zoom(0),
            "next_hit": lambda: self.searching.step_hit(1),
            "previous_hit": lambda: self.searching.step_hit(-1),
            "next_result": lambda: self.search_panel.select_row(1),
            "previous_result": lambda: self.search_panel.select_row(-1),
            "open_side_by_side": self.commands.open_side_by_side,
            "close_side_by_side": self.commands.close_side_by_side,
            "focus_results": lambda: self.search_panel.results.setFocus(),
            "focus_reader": lambda: self.reader.primary.setFocus(),
            "focus_agreements": lambda: self.agreements.table.setFocus(),
            "show_shortcuts": self.commands.show_shortcuts,
            "search_help": self.commands.show_search_help,
            "about": self.commands.show_about,
        }
        handlers.update(self.reviewing.handlers())
        missing = set(SPECS) - set(handlers)
        assert not missing, f"actions without a handler: {missing}"
        for action_id, handler in handlers.items():
            action = self.actions_by_id[action_id]
            if action.isCheckable():
                action.toggled.connect(handler)
            else:
                action.triggered.connect(lambda _checked=False, h=handler: h())
        self.mentions_dock.visibilityChanged.connect(self.actions_by_id["toggle_mentions"].setChecked)

        self.search_panel.query_changed.connect(self.searching._on_query_changed)
        self.search_panel.query_edit.textEdited.connect(self.searching._on_typing)
        self.search_panel.query_committed.connect(self.searching._on_query_committed)
        self.search_panel.query_submitted.connect(self.searching._on_query_submitted)
        self.search_panel.filters_changed.connect(self.searching.run_search)
        self.search_panel.article_selected.connect(self.searching._on_result_selected)
        self.search_panel.help_requested.connect(self.commands.show_search_help)
        self.agreements.agreement_selected.connect(self._on_agreement_selected)
        self.search_panel.results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.search_panel.results.customContextMenuRequested.connect(self.commands._on_results_menu)
        self.agreements.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.agreements.table.customContextMenuRequested.connect(self.commands._on_agreements_menu)
        self.reader.entity_clicked.connect(self._on_entity_clicked)
        self.reader.types_changed.connect(self._on_types_changed)
        self.reader.status_message.connect(self.status.say)
        self.mentions.mention_activated.connect(self._on_mention_activated)
        self.style_box.currentIndexChanged.connect(self.commands._on_style_changed)

    # --- settings ---------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        if s.window_geometry:
            default = self.geometry()
            restored = self.restoreGeometry(QByteArray.fromBase64(s.window_geometry.encode("ascii")))
            if not restored or not self._fits_on_screen(self.normalGeometry()):
                # Saved on a larger or a detached screen: open as on a first run instead.
                self.setWindowState(Qt.WindowState.WindowNoState)
                self.setGeometry(default)
                s.window_geometry = ""
        if s.window_state:
            self.restoreState(QByteArray.fromBase64(s.window_state.encode("ascii")))
        for name, splitter in (("main", self.splitter), ("agreements", self.agreements.splitter)):
            sizes = s.splitter_sizes.get(name)
            if sizes and len(sizes) == splitter.count() and sum(sizes) > 0:
                splitter.setSizes(sizes)
                if splitter is self.splitter and s.window_geometry:  # a layout for this window size
                    self._default_layout = False
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
        s.splitter_sizes = {
            **s.splitter_sizes,
            "main": self._sizes_before_two or self.splitter.sizes(),
            "agreements": self.agreements.splitter.sizes(),
        }
        s.citation_style = self.commands.style()
        s.open_article = self.reader.current.id if self.reader.current else ""
        try:
            s.save()
        except OSError as exc:
            self.status.say(f"Could not save settings: {exc}")

    # --- startup and background work -------------------------------------------------------------------
    def start(self, open_after: str | None = None) -> None:
        """Open the library in the background (the window is already shown); once open, bring it
        in line with the files again (after an import, an edit, a change on disk)."""
        self._open_after_load = open_after
        if self.library is not None:
            self.refresh_library()
            return
        self.status.job_started("load", "Loading articles")
        corpus, paths, closing = self.corpus_arg, self.paths, self._closing_event

        def load(progress: Reporter) -> tuple[Library, ReviewedLedger | None]:
            # The article list as the catalogue holds it: the files are looked at once the window
            # shows it (a first start reads them all then, listing them as they are read; a window
            # closed meanwhile stops the reading, what was read is kept for the next start).
            library = Library.open(corpus, paths, progress, stop=closing, look_later=True)
            # The ledger as last analysed comes with the list: its stored rows, read as they are
            # shown; what changed is analysed next, and the rows written again after it.
            return library, library.ledger_rows_shown_at_start()

        self.jobs.start(
            "load",
            load,
            self._on_library_loaded,
            lambda message: self._on_job_failed("load", "Could not load the articles", message),
            lambda done, total, label: self.status.job_progress("load", done, total, label),
        )

    def refresh_library(self) -> None:
        """Stat the article files and take in what changed (in the background)."""
        library = self.library
        if library is None or self._closing:
            return
        if self.jobs.is_running("refresh"):
            self._refresh_again = True
            return
        closing, looking = self._closing_event, self._looking

        def work(progress: Reporter) -> Changes:
            # The first look of a first start reads every file: the list grows meanwhile.
            return library.refresh(progress, closing, shown=lambda: progress.partial(None))

        def reading(done: int, total: int, label: str) -> None:
            self.status.job_progress("refresh", done, total, label)

        if looking:
            self.status.job_started("refresh", "Reading articles")
        self.jobs.start(
            "refresh",
            work,
            self._on_refreshed,
            self._on_refresh_failed,
            reading if looking else None,  # (the look at a file or two the watcher asks for: none)
            self._on_read_so_far,
        )

    def _on_read_so_far(self, _nothing: object) -> None:
        """Many files are being read (a first start): list those read so far."""
        if self.library is not None and not self._closing:
            self._update_library_info()
            self.searching.run_search()

    @property
    def reading_files(self) -> bool:
        """The files are being looked at after the list showed (on a first start, read)."""
        return self._looking

    def _on_refresh_failed(self, message: str) -> None:
        self._on_job_failed("refresh", "Could not read the article folders", message)
        if self._looking:  # the list stays as the catalogue held it; the analysis goes on
            self._looking = False
            self.start_analysis()

    @Slot()
    def _on_folders_changed(self) -> None:
        self.refresh_library()

    @Slot(object)
    def _on_library_loaded(self, loaded: tuple[Library, ReviewedLedger | None]) -> None:
        library, ledger = loaded
        self.status.job_finished("load")
        self.library = library
        self.agreements.set_table(library.ledger_table())
        self._apply_default_split()  # the ledger's columns now have their real widths
        self.reviewing.library_loaded(library, ledger)
        self.watcher.watch([library.corpus_dir, library.imported_dir, library.imported_dir.parent])
        self.commands.warm_citations()
        self.search.set_engine(ScanEngine(library))
        for notice in library.notices:
            self.status.say(notice, 15000)
        self._looking = not library.files_checked
        self._library_changed(Changes(tuple(library.ids())))
        if self._looking:
            self.refresh_library()  # what changed while the app was closed, in the background
            if self._indexing_enabled:  # the index on disk answers searches meanwhile (caught up later)
                self.start_indexing()

    @Slot(object)
    def _on_refreshed(self, changes: Changes) -> None:
        first_look, self._looking = self._looking, False
        self.status.job_finished("refresh")
        if self.library is not None:  # a folder that did not exist may exist now
            self.watcher.watch([self.library.corpus_dir, self.library.imported_dir])
            self.watcher.looked(self.library.look_seconds)
        if self._refresh_again:
            self._refresh_again = False
            self.refresh_library()
        # After the first look: problems to tell, or an empty folder (whose empty list, like any
        # first start's, was not announced as loaded before the files were read).
        library = self.library
        first_news = first_look and library is not None and (bool(library.problems) or not len(library))
        if changes or self._open_after_load or first_news:
            self._library_changed(changes)
        else:
            self._update_library_info()  # the files not loaded may be others
            if first_look:
                self.start_analysis()

    def _library_changed(self, changes: Changes) -> None:
        library = self.library
        assert library is not None
        self._update_library_info()
        if library.problems:
            shown = "; ".join(str(p) for p in library.problems[:3])
            more = f" (and {len(library.problems) - 3} more)" if len(library.problems) > 3 else ""
            self.status.say(f"Not loaded: {shown}{more}", 15000)
        keep = self._open_after_load or (
            self.reader.current.id if self.reader.current else self.settings.open_article
        )
        self._open_after_load = None
        self.searching.run_search()
        if keep and library.entry(keep) is not None:
            self.open_article(keep, keep_position=keep in changes.changed)
        if not (self.reading_files and not len(library)):  # a first start: loaded once files are read
            self.library_loaded.emit()
        self.start_analysis()

    def start_analysis(self) -> None:
        """Analyse the articles that changed (all of them on a first start), then update the
        ledger and the search index. The window is usable meanwhile."""
        if self.library is None or self._closing or self._looking:
            return  # (while the files are looked at, the analysis waits for what they hold)
        library = self.library
        if self.jobs.is_running("analyse"):
            self._analyse_again = True
            return
        self._analyse_again = False
        self.status.job_started("analyse", "Finding entities and agreements")
        closing = self._closing_event

        def work(progress: Reporter) -> tuple[int, ReviewedLedger | None]:
            # A window closed meanwhile ends the analysis (its pool with it); what is done is kept.
            analysed = library.analyse(progress, stop=closing)
            if closing.is_set() or (not analysed and library.ledger_rows_current()):
                return analysed, None
            # The ledger's rows, grouped again where the analysis changed; the grouped ledger is
            # stored after they show (`_on_analysis_ready`).
            return analysed, library.write_ledger_rows(store=False)

        self.jobs.start(
            "analyse",
            work,
            self._on_analysis_ready,
            lambda message: self._on_job_failed("analyse", "Entity extraction failed", message),
            lambda done, total, label: self.status.job_progress("analyse", done, total, label),
        )

    @Slot(object)
    def _on_analysis_ready(self, result: tuple[int, ReviewedLedger | None]) -> None:
        analysed, ledger = result
        self.status.job_finished("analyse")
        if self._closing:  # stopped part-way: nothing more to show or start
            return
        if getattr(self, "_analyse_again", False):
            self.start_analysis()
        changed = bool(analysed) or ledger is not None
        self.analysed = True
        if self.library is not None:
            library = self.library
            self.jobs.start(
                "store-ledger", lambda _p: library.store_grouped_ledger(), lambda _r: None, lambda _m: None
            )
        if ledger is not None and self.library is not None:
            self.reviewing.extracted(self.library, ledger)
            if not self.library.ledger_rows_current():  # reviewed while the rows were worked out
                self.reviewing.controller.refresh()
            self.agreements.refresh()
            self._apply_default_split()
        if not self.search_panel.query:
            self.searching.run_search()  # the entity and type facets are known now
        if self.reader.current is not None and changed:
            self.open_article(self.reader.current.id, keep_position=True)
        # An alias or a correction (here, or stored by `energybrowser review`) moves mentions.
        self.list_mentions(self.mentions.entity)
        self._update_library_info()
        self.analysis_ready.emit()
        if self._indexing_enabled:
            self.start_indexing()

    def start_indexing(self, rebuild: bool = False) -> None:
        """Open the search index (cheap) and bring it up to date in the background.

        Until it is ready, the word scan answers, so search works from the first second.
        """
        if self.library is None or self._closing:
            return
        if self._indexing:
            self._index_again = self._index_again or rebuild or True
            return
        self._index_again = False
        library, closing = self.library, self._closing_event
        self.status.job_started("index", "Updating the search index")
        self._indexing = True

        def work(progress: Reporter) -> tuple[Any, Any]:
            if rebuild:
                library.refresh()  # a rebuild takes in files added since the last look
            engine = library.search_engine()  # Whoosh loads here, off the GUI thread
            if engine.ready and not rebuild and not closing.is_set():
                progress.partial(engine)  # searchable now; the update below may take a while

            def indexing(done: int, total: int) -> None:
                if closing.is_set():  # the window closed: end the build (its workers with it)
                    raise Stopped
                progress(done, total, "Indexing")

            try:
                status = engine.ensure_index(indexing, rebuild=rebuild)
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

    def update_index(self) -> None:
        """What the index holds of some articles changed without their files changing (a metadata
        override, entity corrections): the open index re-indexes just those (their `version`
        moved) in the background, and the search shown runs again."""
        if not self._indexing_enabled or self.library is None or self._closing:
            return
        current = self.search.engine
        if self._indexing or not isinstance(current, IndexedEngine):
            self.start_indexing()  # the index being built or caught up takes the change in
            return
        if self.jobs.is_running("reindex"):
            self._reindex_again = True
            return
        self._reindex_again = False
        engine = current.engine

        def work(_progress: Reporter) -> Any:
            return engine.ensure_index(quick=True)

        self.jobs.start(
            "reindex",
            work,
            self._on_reindexed,
            lambda message: self._on_job_failed("reindex", "The search index could not be updated", message),
        )

    @Slot(object)
    def _on_reindexed(self, status: Any) -> None:
        if self._reindex_again:
            self.update_index()
        if status.action == "rebuilt":
            self.status.say(f"Search index rebuilt: {status.articles} articles.")
        if status.action != "unchanged":
            self.searching.run_search()

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
        if self.library is not None and not isinstance(self.search.engine, IndexedEngine):
            self._use_engine(engine)

    @Slot(object)
    def _on_index_ready(self, result: tuple[Any, Any]) -> None:
        engine, status = result
        self._indexing = False
        self.status.job_finished("index")
        if self._index_again and not self._closing:
            self.start_indexing()
        if not self._adopt(engine) or self.library is None:
            return
        self._use_engine(engine)
        if status.action == "read-only":
            self.status.say(f"Search index: {status.reason}; it cannot be updated.", 15000)
        elif status.action != "unchanged":
            # A first build is "built"; a rebuild says why (damaged, another version), as the CLI does.
            action = "built" if status.first_build else status.action
            why = f" ({status.reason})" if status.action == "rebuilt" and not status.first_build else ""
            self.status.say(
                f"Search index {action}{why}: {status.articles} articles in {status.seconds:.1f} s."
            )

    def _use_engine(self, engine: Any) -> None:
        assert self.library is not None
        if isinstance(self.search.engine, IndexedEngine) and self.search.engine.engine is engine:
            return
        self.search.set_engine(IndexedEngine(engine, self.library))
        for old in [e for e in self._engines if e is not engine]:
            old.close()  # an index of an earlier library (before an import or edit)
        self._engines = [engine]
        if self.search_panel.query:
            self.searching.run_search()
            self.searching.refresh_hits()

    @Slot(str)
    def _on_index_failed(self, message: str) -> None:
        self._indexing = False
        self._index_again = False
        self._on_job_failed("index", "The search index could not be built", message)

    def _on_job_failed(self, job: str, what: str, message: str) -> None:
        self.status.job_finished(job)
        self.status.say(f"{what}: {message}", 15000)
        self.search_panel.show_message(error=f"{what}: {message}")

    def _article_of(self, article_id: str) -> ArticleEntry | None:
        return self.library.entry(article_id) if self.library else None

    def _update_library_info(self) -> None:
        if self.library is None:
            return
        parts = [f"{len(self.library)} articles"]
        problems = self.library.problems
        if problems:  # said once as a message too; here for as long as it holds (hover for which)
            parts.append(f"{len(problems)} {'file' if len(problems) == 1 else 'files'} not loaded")
        if self.analysed:  # as the ledger counts them, grouped; rejected ones left out
            model, shown = self.agreements_model, EVERY_STATE - {"rejected"}
            distinct, reports = model.count(shown, grouped=True), model.count(shown, grouped=False)
            noun = "agreement" if distinct == 1 else "agreements"
            extra = f" ({reports} reports)" if reports != distinct else ""
            parts.append(f"{distinct} {noun}{extra}")  # as the ledger counts them, grouped
        self.status.info.setText(" · ".join(parts))
        named = [str(p) for p in problems[: TIP_LINES - 2]]
        more = [f"… and {len(problems) - len(named)} more"] if len(problems) > len(named) else []
        self.status.info.setToolTip(tooltip("Not loaded:", *named, *more) if problems else "")

    # --- reading ----------------------------------------------------------------------------------
    def _entities(self, article_id: str) -> tuple[Any, ...]:
        if self.library is None or not self.actions_by_id["toggle_entities"].isChecked():
            return ()
        return self.library.entities(article_id)

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
            self.give_back_room()
        if self.reader.current is not None and self.reader.current.id != article_id:
            self._previous_article = self.reader.current.id
        self.reader.show_article(
            article, self._entities(article_id), self.searching.hit_ranges(article), marked
        )
        self.agreements_model.set_current_article(article_id)
        self.setWindowTitle(window_title(article.display_title))
        if self.search_panel.current_article() != article_id:
            self.search_panel.show_current(article_id)
        return article

    def make_room_for_two_readers(self) -> None:
        """Side by side needs two readable columns: narrow the results and the ledger (to their
        minimum at most) until the readers have SIDE_BY_SIDE_WIDTH; closing gives the room back."""
        sizes = self.splitter.sizes()
        if self._sizes_before_two is None:
            self._sizes_before_two = sizes
        results, reader, ledger = sizes
        short = SIDE_BY_SIDE_WIDTH - reader
        if short <= 0:
            return
        from_ledger = min(short, max(0, ledger - MIN_LEDGER))
        from_results = min(short - from_ledger, max(0, results - MIN_RESULTS))
        self.splitter.setSizes(
            [results - from_results, reader + from_ledger + from_results, ledger - from_ledger]
        )

    def give_back_room(self) -> None:
        if self._sizes_before_two is not None:
            self.splitter.setSizes(self._sizes_before_two)
            self._sizes_before_two = None

    def focus_search(self) -> None:
        self.search_panel.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_panel.query_edit.selectAll()

    @Slot(object)
    def _on_agreement_selected(self, row: AgreementRow) -> None:
        self.reviewing.warm_up()
        evidence = row.lead.evidence
        if self.open_article(row.lead.article, marked=(evidence.start, evidence.end)) is None:
            return
        where = f"paragraph {evidence.paragraph}" if evidence.paragraph else "the article"
        self.status.say(f"Evidence in {where}: “{clip(evidence.text, STATUS_QUOTE_CHARS)}”")

    @Slot(str)
    def _on_entity_clicked(self, canonical: str) -> None:
        if self.library is None or not self.analysed:
            return
        self.list_mentions(canonical)
        self.mentions_dock.show()
        self.mentions_dock.raise_()

    def list_mentions(self, canonical: str) -> None:
        """The entity's mentions across the library, as analysed and corrected, in the dock."""
        if self.library is not None and canonical:
            self.mentions.show_mentions(
                canonical, self.library.type_of(canonical), self.library.mentions_of(canonical)
            )

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

    # --- geometry ---------------------------------------------------------------------------------
    def _available(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)

    @staticmethod
    def _fits_on_screen(rect: QRect) -> bool:
        """Whether `rect` lies wholly within one screen's available area."""
        return any(screen.availableGeometry().contains(rect) for screen in QGuiApplication.screens())

    def keep_on_screen(self) -> None:
        """Shrink and move the window so that its frame (title bar included, known only once shown)
        lies within the available area of its screen."""
        if self.isMaximized() or self.isFullScreen():
            return
        available = self._available()
        frame = self.frameGeometry()
        if available.contains(frame):
            return
        extra_w = frame.width() - self.width()
        extra_h = frame.height() - self.height()
        width = min(self.width(), available.width() - extra_w)
        height = min(self.height(), available.height() - extra_h)
        self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))
        frame = self.frameGeometry()
        x = min(max(frame.left(), available.left()), available.right() - frame.width() + 1)
        y = min(max(frame.top(), available.top()), available.bottom() - frame.height() + 1)
        self.move(x, y)

    def bring_to_front(self) -> None:
        """Another copy asked to be shown instead of starting: this window comes to the front."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def _apply_default_split(self) -> None:
        """The default layout for the window's width (first run, or no saved layout yet)."""
        if not self._default_layout or self.reader.side_by_side:
            return
        handles = self.splitter.handleWidth() * (self.splitter.count() - 1)
        width = (self.splitter.width() or self.width()) - handles
        self.splitter.setSizes(default_split(width, self.agreements.wanted_width()))
        self.splitter.fit_panes()

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        self._default_layout = False  # the user's layout from now on

    def _sync_panel_actions(self) -> None:
        action = self.actions_by_id["toggle_agreements"]
        blocker = action.blockSignals(True)
        action.setChecked(self.agreements.isVisible() and not self.splitter.is_folded(2))
        action.blockSignals(blocker)

    def _show_agreements(self, on: bool) -> None:
        self.agreements.setVisible(on)
        if on and self.splitter.is_folded(2):  # asked for: room to read it, the results fold if need be
            self.splitter.unfold(2, self.agreements.wanted_width(), make_room=True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            QTimer.singleShot(0, self.keep_on_screen)
            self._apply_default_split()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self._apply_default_split()

    # --- commands, as the menus and other code call them -----------------------------------------
    def open_side_by_side(self, other_id: str | None = None) -> bool:
        return self.commands.open_side_by_side(other_id)

    def close_side_by_side(self) -> None:
        self.commands.close_side_by_side()

    def copy_citation(self, whole_article: bool = False) -> str:
        return self.commands.copy_citation(whole_article)

    def copy_agreement_citation(self) -> str:
        return self.commands.copy_agreement_citation()

    def import_articles(self, files: list[str] | None = None) -> None:
        self.commands.import_articles(files)

    def results_menu(self, article_id: str) -> QMenu:
        return self.commands.results_menu(article_id)

    def reader_menu(self, reader: QWidget) -> QMenu:
        return self.commands.reader_menu(reader)

    def agreements_menu(self) -> QMenu:
        return self.commands.agreements_menu()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from energybrowser.corpus.importer.library import importable

        # Files and folders (a folder is imported as the CLI imports it), and a browser's link:
        # the address the page was saved from.
        files, address = dropped(event.mimeData())
        if any(importable(Path(f)) for f in files) or address:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files, address = dropped(event.mimeData())
        event.acceptProposedAction()
        if files or address:  # a link alone: the page saved from it is asked for
            self.commands.import_articles(files or None, address or None)

    # --- closing ----------------------------------------------------------------------------------
    @property
    def ledger(self) -> tuple[Agreement, ...]:
        """The agreements as last analysed (read from the catalogue when asked: the table does not
        need them)."""
        return self.library.agreements() if self.library is not None else ()

    def show_ledger(
        self,
        ledger: ReviewedLedger,
        before: ReviewedLedger | None = None,
        articles: frozenset[str] = frozenset(),
    ) -> None:
        """The ledger as reviewed (rejected rows included: the panel's review filter hides them):
        its rows written again (only those that differ from `before`, and those of `articles`)."""
        library = self.library
        if library is None:
            self.agreements.set_agreements(ledger.agreements)
        elif before is None:  # every row written again: seconds on a large library, not here
            self._write_all_rows(library, ledger)
            return
        else:
            library.update_ledger_rows(before, ledger, articles)
            self.agreements.refresh()
        self._apply_default_split()  # the ledger's columns now have their real widths
        self._update_library_info()

    def _write_all_rows(self, library: Library, ledger: ReviewedLedger) -> None:
        """Write every ledger row in the background; then bring in a review made meanwhile."""

        def written(_ledger: object) -> None:
            latest = self.reviewing.ledger
            if latest is not ledger and self.library is library:
                library.update_ledger_rows(ledger, latest)
            self.ledger_rows_changed()
            self._apply_default_split()

        self.jobs.start(
            "ledger-rows",
            lambda _progress: library.write_ledger_rows(ledger),
            written,
            lambda message: self._on_job_failed("ledger-rows", "Could not store the ledger", message),
        )

    def ledger_rows_changed(self) -> None:
        """The stored ledger rows were written by another process: shown as they are now."""
        self.agreements.refresh()
        self._update_library_info()

    def metadata_corrected(self, article_id: str) -> None:
        """An article's metadata changed (an override, or its undo): lists, reader and ledger show it."""
        self.searching.run_search()
        self.update_index()  # `title:`, the publisher and year facets find the values shown
        if self.reader.current is not None and self.reader.current.id == article_id:
            self.open_article(article_id, keep_position=True)
        library = self.library
        if library is not None and article_id:  # the article's title in its rows, read as stored
            library.retitle_ledger_rows(frozenset({article_id}))
            self.agreements.refresh()
            self._update_library_info()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.reviewing.check_elsewhere()  # `energybrowser review` may have run meanwhile

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reviewing.shutdown()
        self.save_settings()
        self._closing = True
        self._closing_event.set()
        self.watcher.stop()
        self.search.runner.shutdown()
        self.jobs.shutdown()
        # Deliver results that came in while waiting (an engine to close).
        QCoreApplication.sendPostedEvents(self.jobs)
        if not self._indexing:  # else the indexing worker closes its engine when it ends
            for engine in self._engines:
                engine.close()
            self._engines = []
        super().closeEvent(event)
