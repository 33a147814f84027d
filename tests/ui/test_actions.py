"""The action table is the single source of menus, toolbar, context menu and the shortcuts dialog."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from energybrowser.ui.actions import ACTIONS, MENUS, READER_CONTEXT, SPECS, TOOLBAR
from energybrowser.ui.dialogs import ShortcutsDialog


def test_ids_and_shortcuts_are_unique_and_valid() -> None:
    assert len(SPECS) == len(ACTIONS)
    seen: dict[str, str] = {}
    for spec in ACTIONS:
        assert spec.menu in MENUS
        for shortcut in spec.shortcuts:
            key = QKeySequence(shortcut).toString()
            assert key, f"{spec.id}: {shortcut!r} is not a key sequence"
            assert key not in seen, f"{key} is bound to {seen.get(key)} and {spec.id}"
            seen[key] = spec.id
    assert {i for i in (*TOOLBAR, *READER_CONTEXT) if i} <= set(SPECS)


def test_every_action_has_a_shortcut() -> None:
    assert [spec.id for spec in ACTIONS if not spec.shortcuts] == []


def test_required_shortcuts() -> None:
    def keys(action_id: str) -> list[str]:
        return [QKeySequence(s).toString() for s in SPECS[action_id].shortcuts]

    assert keys("focus_search") == ["Ctrl+F", "Ctrl+L"]
    assert keys("copy_citation") == ["Ctrl+Shift+C"]
    assert keys("next_hit") == ["F3"] and keys("previous_hit") == ["Shift+F3"]


def test_window_menus_and_toolbar_come_from_the_table(window) -> None:
    in_menus = {
        action.objectName()
        for menu_action in window.menuBar().actions()
        for action in menu_action.menu().actions()
        if action.objectName()
    }
    assert in_menus == {f"action_{spec.id}" for spec in ACTIONS}
    for spec in ACTIONS:
        action = window.actions_by_id[spec.id]
        assert [s.toString() for s in action.shortcuts()] == [
            QKeySequence(s).toString() for s in spec.shortcuts
        ]


def test_shortcuts_dialog_lists_and_filters_every_command(qtbot) -> None:
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(ACTIONS)
    dialog.filter.setText("citation")
    visible = [r for r in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(r)]
    assert visible and all("citation" in dialog.table.item(r, 0).text().lower() for r in visible)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_shortcuts_dialog_shows_every_description_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRect, Qt

    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    width = table.columnWidth(2) - 8  # (less the cell's margins)
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        text = table.item(row, 2).text()
        needed = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height()
        assert table.rowHeight(row) >= needed, text


def test_help_actions_open_dialogs(window, monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog, QMessageBox

    opened: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    for action_id in ("show_shortcuts", "search_help", "about"):
        window.actions_by_id[action_id].trigger()
    assert opened == ["Keyboard Shortcuts", "Search Syntax", "About energybrowser"]
