"""Importing a saved page with the address it came from, in the window as `energybrowser import
--url URL FILE` does: the Import menu's page-address field, a dropped file with a browser link, a
link dropped alone. The address becomes the article's URL and names its publisher; anything but
http(s) is refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from energybrowser.ui import dialogs
from energybrowser.ui.import_dialog import PageAddressDialog
from tests.ui.drops import drop

ADDRESS = "https://en.trend.az/business/energy/3801234.html"
PAGE = (
    "<html><head><title>SOCAR and QazaqGaz sign a memorandum</title></head><body>"
    "<h1>SOCAR and QazaqGaz sign a memorandum</h1>"
    "<p>Baku, 3 May 2024. SOCAR and QazaqGaz signed a memorandum of understanding on gas supplies.</p>"
    "</body></html>"
)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "saved-page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def _answer(monkeypatch: pytest.MonkeyPatch, typed: str | None, seen: list[str]) -> None:
    """The page-address dialog as a user fills it: `typed` replaces what it shows (None: keep)."""

    def run(dialog: PageAddressDialog) -> int:
        seen.append(dialog.address.text())
        if typed is not None:
            dialog.address.setText(typed)
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(PageAddressDialog, "exec", run)


def _imported(qtbot: QtBot, window) -> object:
    qtbot.waitUntil(
        lambda: window.reader.current is not None and window.library.is_imported(window.reader.current.id),
        timeout=20000,
    )
    return window.reader.current


def test_the_import_menu_takes_the_page_address(
    qtbot: QtBot, window, page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    monkeypatch.setattr(dialogs, "ask_import_files", lambda parent: [str(page)])
    _answer(monkeypatch, ADDRESS, seen)
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.actions_by_id["import_articles"].trigger()
    assert seen == [""]  # asked, empty: the address is optional
    article = _imported(qtbot, window)
    assert article.meta.url == ADDRESS
    assert article.meta.publisher == "Trend"  # from the address, through the list of outlets


def test_without_an_address_the_page_imports_as_before(
    qtbot: QtBot, window, page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "ask_import_files", lambda parent: [str(page)])
    _answer(monkeypatch, None, [])
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.actions_by_id["import_articles"].trigger()
    assert _imported(qtbot, window).meta.url == ""


def test_the_dialog_refuses_an_address_that_is_not_http_in_one_line(qtbot: QtBot, page: Path) -> None:
    dialog = PageAddressDialog(str(page))
    qtbot.addWidget(dialog)
    assert dialog.save_button.isEnabled()  # empty is fine
    dialog.address.setText("ftp://example.com/page.html")
    assert not dialog.save_button.isEnabled()
    said = dialog.error.text()
    assert said.startswith("Not a web address (http:// or https://)") and "\n" not in said
    dialog.address.setText("https://example.com/a page")
    assert not dialog.save_button.isEnabled() and "spaces" in dialog.error.text()
    dialog.address.setText(ADDRESS)
    assert dialog.save_button.isEnabled() and dialog.error.text() == ""
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel) is not None


def test_a_file_dropped_with_a_browser_link_imports_with_that_address(
    qtbot: QtBot, window, page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    _answer(monkeypatch, None, seen)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page)), QUrl(ADDRESS)])
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        drop(window, mime)
    assert seen == [ADDRESS]  # shown, filled in, for the user to check
    assert _imported(qtbot, window).meta.url == ADDRESS


def test_a_link_dropped_alone_asks_for_the_saved_page(
    qtbot: QtBot, window, page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    asked: list[bool] = []
    monkeypatch.setattr(dialogs, "ask_import_files", lambda parent: asked.append(True) or [str(page)])
    _answer(monkeypatch, None, seen)
    mime = QMimeData()
    mime.setText(ADDRESS)  # a browser's link as text
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        drop(window, mime)
    assert asked == [True] and seen == [ADDRESS]
    assert _imported(qtbot, window).meta.url == ADDRESS


def test_a_dropped_link_that_is_not_http_is_refused_in_one_line(
    window, page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "ask_import_files", lambda parent: pytest.fail("no file is asked for"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page)), QUrl("ftp://example.com/page.html")])
    drop(window, mime)
    said = window.status.currentMessage()
    assert said == "Not imported: not a web address (http:// or https://): ftp://example.com/page.html"
    assert not window.jobs.is_running("import")
