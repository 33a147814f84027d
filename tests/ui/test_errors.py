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


def test_many_background_results_arrive_intact(qtbot) -> None:
    """Thousands of results, progress reports and None values cross threads without harm."""
    from energybrowser.ui.tasks import TaskRunner

    runner = TaskRunner()
    serial = TaskRunner(serial=True)
    got: list[object] = []
    order: list[int] = []
    progress: list[int] = []

    def chatty(reporter) -> None:
        for i in range(50):
            reporter(i, 50, "")
        return None

    for n in range(40):
        runner.start("chatty", chatty, got.append, got.append, lambda d, _t, _l: progress.append(d))
        serial.start("ordered", lambda _r, n=n: n, order.append, order.append)
    qtbot.waitUntil(lambda: len(got) == 40 and len(order) == 40, timeout=10000)
    assert got == [None] * 40 and order == list(range(40)) and len(progress) == 40 * 50
    assert not runner.busy
    runner.shutdown()
    serial.shutdown()
