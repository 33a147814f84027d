"""Every user command, declared once: id, label, shortcuts, menu and toolbar placement.

Menus, the toolbar, context menus and the shortcuts dialog all read this table, so a shortcut
is changed in one place and can never be shown differently from how it works.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle, QWidget


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str
    shortcuts: tuple[str, ...] = ()
    tip: str = ""
    icon: str = ""  # a QStyle.StandardPixmap name, so icons exist without an icon theme
    checkable: bool = False
    separator_before: bool = False


MENUS: tuple[str, ...] = ("&File", "&Edit", "&Review", "&View", "&Go", "&Help")

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import_articles", "&Import Articles…", "&File", ("Ctrl+O",),
               "Import .txt, .html or .md files into your library (or drop them on the window)",
               "SP_DialogOpenButton"),
    ActionSpec("edit_metadata", "Edit Article &Metadata…", "&File", ("Ctrl+E",),
               "Edit title, authors, publisher, date and URL of the open article (a bundled one's "
               "corrections are kept in your library)", "SP_FileDialogDetailedView"),
    ActionSpec("export_agreements", "E&xport Agreements as CSV…", "&File", ("Ctrl+Shift+E",),
               "Save the agreements table, as filtered, to a CSV file", "SP_DialogSaveButton",
               separator_before=True),
    ActionSpec("rebuild_index", "&Rebuild Search Index", "&File", ("Ctrl+Shift+R",),
               "Index every article again from scratch", "SP_BrowserReload"),
    ActionSpec("quit", "&Quit", "&File", ("Ctrl+Q",), "Close energybrowser", "SP_DialogCloseButton",
               separator_before=True),
    ActionSpec("undo", "&Undo", "&Edit", ("Ctrl+Z",), "Undo the last review, correction or metadata edit",
               "SP_ArrowBack"),
    ActionSpec("redo", "&Redo", "&Edit", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo what was undone",
               "SP_ArrowForward"),
    ActionSpec("copy_citation", "&Copy Citation", "&Edit", ("Ctrl+Shift+C",),
               "Copy a citation of the selected passage (quoted, with its paragraph) or of the article",
               "SP_FileDialogContentsView", separator_before=True),
    ActionSpec("copy_article_citation", "Copy Citation of Whole &Article", "&Edit", ("Ctrl+Alt+C",),
               "Copy a citation of the whole article, ignoring any selection", "SP_FileIcon"),
    ActionSpec("copy_agreement_citation", "Copy Citation of A&greement", "&Edit", ("Ctrl+Shift+G",),
               "Copy the selected agreement: a one-line summary, its evidence quoted and cited"),
    ActionSpec("choose_citation_style", "Citation St&yle", "&Edit", ("Ctrl+Shift+Y",),
               "Choose the style Copy Citation uses (also in the toolbar)"),
    ActionSpec("focus_search", "&Find…", "&Edit", ("Ctrl+F", "Ctrl+L"),
               "Put the cursor in the search box", separator_before=True),
    ActionSpec("clear_filters", "Clear Search &Filters", "&Edit", ("Ctrl+Shift+X",),
               "Remove every facet filter"),
    ActionSpec("review_agreement", "&Review Agreement…", "&Review", ("F2",),
               "Check and correct the selected agreement: its fields, where each value comes from"),
    ActionSpec("confirm_agreement", "&Confirm Agreement", "&Review", ("Ctrl+Return",),
               "The selected agreements are right as they stand"),
    ActionSpec("reject_agreement", "Not an &Agreement…", "&Review", ("Ctrl+Delete",),
               "Leave the selected rows out of the ledger (kept, with your reason, under Rejected)"),
    ActionSpec("clear_review", "C&lear Review", "&Review", ("Ctrl+Shift+Delete",),
               "Forget your review of the selected rows: they are as extracted again"),
    ActionSpec("split_agreement", "&Split from Group", "&Review", ("Ctrl+Alt+S",),
               "The selected report is a different agreement: give it a row of its own",
               separator_before=True),
    ActionSpec("merge_agreements", "&Merge into One Agreement", "&Review", ("Ctrl+Shift+M",),
               "The selected rows report one agreement: show them as one row"),
    ActionSpec("add_agreement", "Add Agreement from &Selection…", "&Review", ("Ctrl+Shift+N",),
               "An agreement the extractor missed: select its sentence in the reader first",
               separator_before=True),
    ActionSpec("move_evidence", "Move E&vidence to Selection", "&Review", ("Ctrl+Alt+M",),
               "The selected agreement is stated by the sentence selected in the reader"),
    ActionSpec("correct_entity", "Correct &Entity…", "&Review", ("Ctrl+Alt+E",),
               "The selected words are not an entity, another one, or a name of one everywhere"),
    ActionSpec("needs_look", "Reviews Needing a &Look…", "&Review", ("Ctrl+Alt+L",),
               "Reviews whose sentence is no longer in their article", separator_before=True),
    ActionSpec("toggle_entities", "Highlight &Entities", "&View", ("Ctrl+Shift+H",),
               "Colour entities in the reader by type", checkable=True),
    ActionSpec("toggle_paragraph_numbers", "&Paragraph Numbers", "&View", ("Ctrl+Shift+P",),
               "Show paragraph numbers in the margin of the reader", checkable=True),
    ActionSpec("toggle_agreements", "&Agreements Panel", "&View", ("F9",),
               "Show or hide the agreements table", checkable=True, separator_before=True),
    ActionSpec("toggle_mentions", "Entity &Mentions Panel", "&View", ("F10",),
               "Show or hide the list of an entity's mentions across the library", checkable=True),
    ActionSpec("zoom_in", "Zoom &In", "&View", ("Ctrl++", "Ctrl+="), "Larger reader text",
               separator_before=True),
    ActionSpec("zoom_out", "Zoom &Out", "&View", ("Ctrl+-",), "Smaller reader text"),
    ActionSpec("zoom_reset", "&Reset Zoom", "&View", ("Ctrl+0",), "Reader text at normal size"),
    ActionSpec("next_hit", "&Next Hit", "&Go", ("F3",), "Scroll to the next search hit in the article",
               "SP_ArrowDown"),
    ActionSpec("previous_hit", "&Previous Hit", "&Go", ("Shift+F3",),
               "Scroll to the previous search hit in the article", "SP_ArrowUp"),
    ActionSpec("next_result", "Next &Result", "&Go", ("Alt+Down",), "Open the next search result",
               separator_before=True),
    ActionSpec("previous_result", "Previous R&esult", "&Go", ("Alt+Up",), "Open the previous search result"),
    ActionSpec("open_side_by_side", "Open &Side by Side", "&Go", ("Ctrl+Shift+D",),
               "Open the selected result or related report beside the current article",
               "SP_TitleBarNormalButton",
               separator_before=True),
    ActionSpec("close_side_by_side", "&Close Side by Side", "&Go", ("Ctrl+Shift+W",),
               "Close the second article"),
    ActionSpec("focus_results", "Go to &Results", "&Go", ("Ctrl+1",),
               "Move the keyboard focus to the results list",
               separator_before=True),
    ActionSpec("focus_reader", "Go to Rea&der", "&Go", ("Ctrl+2",), "Move the keyboard focus to the article"),
    ActionSpec("focus_agreements", "Go to A&greements", "&Go", ("Ctrl+3",),
               "Move the keyboard focus to the agreements table"),
    ActionSpec("show_shortcuts", "&Keyboard Shortcuts", "&Help", ("F1", "Ctrl+/"),
               "Every command and its shortcut", "SP_DialogHelpButton"),
    ActionSpec("search_help", "&Search Syntax", "&Help", ("Shift+F1",), "How to write queries",
               "SP_MessageBoxQuestion"),
    ActionSpec("about", "&About energybrowser", "&Help", ("Ctrl+Shift+F1",), "Version and data folders",
               "SP_MessageBoxInformation", separator_before=True),
)  # fmt: skip

SPECS: dict[str, ActionSpec] = {spec.id: spec for spec in ACTIONS}

# The toolbar, left to right; None is a separator. The citation style combo sits after copy_citation.
TOOLBAR: tuple[str | None, ...] = (
    "import_articles",
    None,
    "previous_hit",
    "next_hit",
    None,
    "open_side_by_side",
    None,
    "copy_citation",
)

# The reader's context menu, after Qt's own Copy / Select All.
READER_CONTEXT: tuple[str | None, ...] = (
    "copy_citation",
    "copy_article_citation",
    None,
    "add_agreement",
    "move_evidence",
    "correct_entity",
    None,
    "previous_hit",
    "next_hit",
    None,
    "open_side_by_side",
    "edit_metadata",
)


# The agreements table's context menu.
AGREEMENTS_CONTEXT: tuple[str | None, ...] = (
    "review_agreement",
    "confirm_agreement",
    "reject_agreement",
    "clear_review",
    None,
    "split_agreement",
    "merge_agreements",
    None,
    "copy_agreement_citation",
    "open_side_by_side",
    None,
    "export_agreements",
)


def shortcut_text(spec: ActionSpec) -> str:
    """Shortcuts as the user's platform writes them, e.g. 'Ctrl+F, Ctrl+L'."""
    return ", ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in spec.shortcuts)


def create_actions(parent: QWidget) -> dict[str, QAction]:
    """One QAction per spec, owned by `parent` (the window), so shortcuts work anywhere in it."""
    style = parent.style() if parent is not None else QApplication.style()
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{spec.id}")
        if spec.shortcuts:
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        tip = spec.tip or spec.text.replace("&", "").rstrip("…")
        shortcuts = shortcut_text(spec)
        action.setToolTip(f"{tip} ({shortcuts})" if shortcuts else tip)
        action.setStatusTip(tip)
        if spec.icon:
            action.setIcon(style.standardIcon(getattr(QStyle.StandardPixmap, spec.icon)))
        else:
            action.setIcon(QIcon())
        action.setCheckable(spec.checkable)
        actions[spec.id] = action
    return actions
