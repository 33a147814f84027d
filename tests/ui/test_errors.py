"""Uncaught errors reach the user as a message and the log as a traceback."""

from __future__ import annotations

import logging
import sys

import pytest

from energybrowser.ui.errors import install_excepthook


def test_excepthook_shows_summary_and_logs_details(caplog: pytest.LogCaptureFixture) -> None:
    shown: list[tuple[str, str]] = []
    previous = install_excepthook(lambda summary, details: shown.append((summary, details)))
    try:
        try:
            raise ValueError("bad value")
        except ValueError as exc:
            with caplog.at_level(logging.ERROR):
                sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    assert shown[0][0] == "ValueError: bad value"
    assert "Traceback" in shown[0][1]
    assert "bad value" in caplog.text


def test_background_failure_becomes_a_message(qtbot) -> None:
    from energybrowser.ui.tasks import TaskRunner

    runner = TaskRunner()
    failures: list[str] = []
    partials: list[object] = []

    def broken(reporter) -> None:
        reporter.partial("half done")
        raise OSError("disk gone")

    runner.start("broken", broken, lambda _r: None, failures.append, None, partials.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=3000)
    assert failures == ["OSError: disk gone"]
    assert partials == ["half done"]
    runner.shutdown()


def test_results_after_the_runner_is_gone_are_dropped(qtbot) -> None:
    import threading

    from energybrowser.ui.tasks import TaskRunner

    release = threading.Event()
    delivered: list[object] = []
    runner = TaskRunner()
    runner.start("slow", lambda _r: release.wait(5) and "late", delivered.append, delivered.append)
    runner.deleteLater()
    qtbot.wait(50)  # the runner (and its deliveries) are deleted
    release.set()
    qtbot.wait(200)
    assert delivered == []
