"""The PyInstaller one-folder bundle builds, runs headless from an unrelated folder, loads the bundled
corpus, searches and cites it, opens its window with every article (offscreen, and on a virtual X screen
when Xvfb is there), and can register itself with the desktop."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from energybrowser import __version__
from energybrowser.appinfo import APP_ID
from energybrowser.ui.app import SMOKE_ENV
from tests.conftest import REPO
from tests.packaging.conftest import (
    check_search_output,
    expected_citations,
    has_command_module,
    outside_env,
    require_corpus,
    run,
    source_corpus_ids,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

MAX_BUNDLE_MB = 240  # measured ~186 MB; far more means a hook dragged in QtWebEngine, QML or every CSL style
WINDOW_TIMEOUT = 180  # seconds for the window to come up with its articles (a loaded CI runner is slow)
EXIT_GRACE = 30  # seconds the app gets to quit after its smoke report
REPORT = "energybrowser: window shown ("  # printed by energybrowser.ui.app in smoke mode


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_corpus()
    pytest.importorskip("PyInstaller", reason="PyInstaller comes with the [test] extra")
    root = tmp_path_factory.mktemp("bundle")
    env = outside_env(root, PYTHON=sys.executable)
    started = time.monotonic()
    run(
        [
            str(REPO / "packaging" / "build_bundle.sh"),
            "--dist",
            str(root / "dist"),
            "--work",
            str(root / "work"),
        ],
        cwd=root,
        env=env,
        timeout=800,
    )
    folder = root / "dist" / "energybrowser"
    size_mb = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    print(f"\nbundle: built in {time.monotonic() - started:.0f} s, {size_mb:.0f} MB")
    return folder


def test_bundle_is_one_folder_of_reasonable_size(bundle: Path) -> None:
    assert os.access(bundle / "energybrowser", os.X_OK)
    size_mb = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    assert size_mb < MAX_BUNDLE_MB
    qt = bundle / "_internal" / "PySide6"
    assert not list(qt.rglob("*WebEngine*")), "QtWebEngine must stay out of the bundle"
    assert not list(qt.rglob("libQt6Qml*")), "QML must stay out of the bundle"
    fontconfig = bundle / "_internal" / "fontconfig"
    assert (fontconfig / "fonts.conf").is_file(), "the fallback font configuration (pyi_rth_fontconfig)"
    assert list((fontconfig / "fonts").glob("DejaVuSans*.ttf")), "the fallback fonts"


def test_bundle_runs_the_cli_on_its_own_data(bundle: Path, tmp_path: Path) -> None:
    exe = str(bundle / "energybrowser")
    env = outside_env(tmp_path / "data")
    assert run([exe, "--version"], cwd=tmp_path, env=env).stdout.strip() == f"energybrowser {__version__}"
    listing = run([exe, "corpus", "list", "--json"], cwd=tmp_path, env=env)
    assert sorted(row["id"] for row in json.loads(listing.stdout)) == source_corpus_ids()
    plain = run([exe, "corpus", "list"], cwd=tmp_path, env=env)
    assert str(bundle / "_internal" / "energybrowser" / "_bundled" / "corpus") in plain.stdout


def test_bundle_searches_the_bundled_corpus(bundle: Path, tmp_path: Path) -> None:
    if not has_command_module("search"):
        pytest.skip("no `energybrowser search` in this checkout yet (issue 3)")
    exe = str(bundle / "energybrowser")
    env = outside_env(tmp_path / "data")
    check_search_output(run([exe, "search", "SOCAR", "--json"], cwd=tmp_path, env=env, timeout=300).stdout)


def test_bundle_cites_in_every_csl_style_as_the_source_does(bundle: Path, tmp_path: Path) -> None:
    # Proves the CSL styles and citeproc's locales made it into the bundle.
    if not has_command_module("cite"):
        pytest.skip("no `energybrowser cite` in this checkout yet (issue 5)")
    exe = str(bundle / "energybrowser")
    env = outside_env(tmp_path / "data")
    for style, (article_id, text) in expected_citations().items():
        cited = run([exe, "cite", article_id, "--style", style], cwd=tmp_path, env=env)
        assert cited.stdout.strip() == text, style


def test_bundle_builds_a_big_index_in_worker_processes(bundle: Path, tmp_path: Path) -> None:
    # A frozen worker is the bundle's own executable: without freeze_support in its entry point
    # each one would run the CLI instead, and the build would fall back to one process (one
    # segment, and a warning). Two workers write two segments.
    from energybrowser.search.index_store import PARALLEL_MIN
    from tests.robustness.faults import write_articles

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one CPU: the build runs in one process")
    corpus = tmp_path / "corpus"
    write_articles(corpus, 0, PARALLEL_MIN + 10, words=20)
    env = outside_env(tmp_path / "data")
    built = run([str(bundle / "energybrowser"), "--corpus", str(corpus), "index"], cwd=tmp_path, env=env,
                timeout=300)  # fmt: skip
    assert "building" not in built.stderr, built.stderr  # no fallback warning
    dictionaries = list((tmp_path / "data").rglob("gen-*/*.tdx"))
    assert len(dictionaries) == 2, dictionaries


def window_smoke(exe: Path, env: dict[str, str], cwd: Path, wrapper: tuple[str, ...] = ()) -> str:
    """Open the window in the app's smoke mode, which prints a report once the window is on screen
    with its articles and then quits; return the output up to that report.

    This checks the bundle can show its window. How the app shuts down afterwards is the UI's own
    tests' business, so a process still alive EXIT_GRACE seconds after its report is stopped here.
    Output goes to a file, not a pipe, so a leftover grandchild (Xvfb) can never block the test."""
    log = cwd / "window.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [*wrapper, str(exe)],
            cwd=cwd,
            env={**env, SMOKE_ENV: "1"},
            stdout=out,
            stderr=out,
            start_new_session=True,
        )
        deadline = time.monotonic() + WINDOW_TIMEOUT
        while process.poll() is None and REPORT not in log.read_text(errors="replace"):
            if time.monotonic() > deadline:
                break
            time.sleep(0.2)
        try:
            process.wait(timeout=EXIT_GRACE)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    output = log.read_text(errors="replace")
    assert REPORT in output, f"the window did not come up within {WINDOW_TIMEOUT} s:\n{output}"
    shown = output[: output.index(REPORT)]
    assert "Traceback" not in shown, output
    assert "Could not load the Qt platform plugin" not in shown, output
    assert f"{len(source_corpus_ids())} articles)" in output, output
    return shown


def test_bundle_opens_its_window_offscreen(bundle: Path, tmp_path: Path) -> None:
    env = outside_env(tmp_path / "data", QT_QPA_PLATFORM="offscreen")
    window_smoke(bundle / "energybrowser", env, tmp_path)


def test_bundle_opens_its_window_on_x11(bundle: Path, tmp_path: Path) -> None:
    # The real test of the xcb plugin and the X libraries the bundle carries (or expects).
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is not installed (scripts/test.sh installs it on Debian)")
    env = outside_env(tmp_path / "data")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    xvfb = ("xvfb-run", "-a", "-s", "-screen 0 1280x800x24")
    window_smoke(bundle / "energybrowser", env, tmp_path, wrapper=xvfb)


def test_bundle_brings_fonts_to_a_machine_without_font_configuration(bundle: Path, tmp_path: Path) -> None:
    # A bare Debian has no /etc/fonts, and Qt then draws boxes; hide it in a private mount namespace.
    hide = ("unshare", "--mount", "sh", "-c", 'mount -t tmpfs none /etc/fonts && exec "$0"')
    if shutil.which("unshare") is None or subprocess.run([*hide, "true"], capture_output=True).returncode:
        pytest.skip("cannot hide /etc/fonts here (needs root and unshare)")
    env = outside_env(tmp_path / "data", QT_QPA_PLATFORM="offscreen")
    output = window_smoke(bundle / "energybrowser", env, tmp_path, wrapper=hide)
    assert "Fontconfig error" not in output, "pyi_rth_fontconfig should have supplied fonts.conf"


def test_bundle_registers_itself_with_the_desktop(bundle: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(share), "PATH": "/usr/bin:/bin"}
    run([str(bundle / "install_desktop.sh")], cwd=tmp_path, env=env)
    entry = (share / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Exec={bundle / 'energybrowser'}\n" in entry
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
