"""The running app announces the same id as its launcher, and carries its icon at every size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from energybrowser.appinfo import APP_ID, EXECUTABLE, ICON_SIZES
from energybrowser.ui.icon import app_icon, apply_app_identity


@pytest.fixture
def restored_identity(qapp: QApplication) -> Iterator[QApplication]:
    saved = (QApplication.desktopFileName(), qapp.applicationName(), qapp.windowIcon())
    yield qapp
    QApplication.setDesktopFileName(saved[0])
    qapp.setApplicationName(saved[1])
    qapp.setWindowIcon(saved[2])


def test_app_icon_offers_every_rendered_size(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(ICON_SIZES)
    pixmap = icon.pixmap(QSize(16, 16))
    assert (pixmap.width(), pixmap.height()) == (16, 16)
    assert not pixmap.toImage().isNull()


def test_apply_app_identity_sets_desktop_file_name_wm_class_and_window_icon(
    restored_identity: QApplication,
) -> None:
    apply_app_identity(restored_identity)
    assert QApplication.desktopFileName() == APP_ID
    assert restored_identity.applicationName() == EXECUTABLE
    assert {s.width() for s in restored_identity.windowIcon().availableSizes()} == set(ICON_SIZES)
