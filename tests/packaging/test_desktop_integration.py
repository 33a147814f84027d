"""The launcher, AppStream metainfo and icons all speak for one app id, and the desktop's own
validators accept them (run when Debian's desktop-file-utils and appstream are installed)."""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from energybrowser import __version__
from energybrowser.appinfo import APP_DISPLAY_NAME, APP_ID, EXECUTABLE, ICON_NAME, ICON_SIZES, icon_parts
from tests.conftest import REPO

LINUX = REPO / "packaging" / "linux"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO_FILE = LINUX / f"{APP_ID}.metainfo.xml"
INSTALL_SCRIPT = REPO / "packaging" / "install_desktop.sh"


def desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def exec_argv(value: str) -> list[str]:
    """An Exec= value as the Desktop Entry spec reads it: string escapes first, then arguments split
    on spaces outside double quotes, where a backslash escapes one of " ` $ \\; finally %% is %."""
    string_escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    invalid = [m[0] for m in re.finditer(r"\\(.)", value) if m[1] not in string_escapes]
    assert not invalid, f"invalid string escapes {invalid} in Exec={value} (GLib rejects the key)"
    text = re.sub(r"\\(.)", lambda m: string_escapes[m[1]], value)
    args: list[str] = []
    current: list[str] | None = None
    quoted = False
    chars = iter(text)
    for char in chars:
        if quoted and char == "\\":
            current = (current or []) + [next(chars)]
        elif char == '"':
            quoted = not quoted
            current = current or []
        elif char == " " and not quoted:
            if current is not None:
                args.append("".join(current))
            current = None
        else:
            current = (current or []) + [char]
    assert not quoted, f"unbalanced quotes in Exec={value}"
    if current is not None:
        args.append("".join(current))
    return [arg.replace("%%", "%") for arg in args]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def needs(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (scripts/test.sh installs it on Debian)")


def test_desktop_entry_names_the_app_id_icon_and_command() -> None:
    entry = desktop_entry(DESKTOP_FILE)
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_DISPLAY_NAME
    assert entry["Icon"] == ICON_NAME
    assert exec_argv(entry["Exec"]) == [EXECUTABLE]
    assert entry["TryExec"] == EXECUTABLE
    assert entry["StartupWMClass"] == EXECUTABLE  # Qt's WM_CLASS once the app sets its name (ui/icon.py)


def test_metainfo_matches_the_desktop_entry_and_the_version() -> None:
    root = ET.parse(METAINFO_FILE).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_DISPLAY_NAME
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP_FILE.name
    assert root.findtext("provides/binary") == EXECUTABLE
    versions = [release.get("version") for release in root.iter("release")]
    assert __version__ in versions, "add a <release> to the metainfo when the version changes"


def test_desktop_file_validate_accepts_the_launcher() -> None:
    needs("desktop-file-validate")
    result = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower(), result.stdout


def test_appstreamcli_accepts_the_metainfo() -> None:
    needs("appstreamcli")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_icon_tree_has_the_svg_and_every_png_size() -> None:
    resources = REPO / "resources"
    svg = ET.parse(resources.joinpath(*icon_parts(None))).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = (float(n) for n in svg.get("viewBox", "").split())
    assert width == height, "an app icon is square"
    for size in ICON_SIZES:
        assert png_size(resources.joinpath(*icon_parts(size))) == (size, size)


def test_small_icons_drop_the_detail_shapes() -> None:
    # Loaded by path: the name `packaging` belongs to the PyPI library pytest itself imports.
    spec = importlib.util.spec_from_file_location("render_icons", REPO / "packaging" / "render_icons.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    simplified_svg = module.simplified_svg
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><rect id="keep"/>'
        '<g><path class="shadow detail" id="gone"/><path id="kept-too"/></g></svg>'
    )
    small = simplified_svg(svg)
    assert 'id="gone"' not in small
    assert 'id="keep"' in small
    assert 'id="kept-too"' in small


SYSTEM_PATH = "/usr/bin:/bin"  # the tools the script uses, without the virtualenv's energybrowser


def install_desktop(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "share"), "PATH": SYSTEM_PATH}
    return subprocess.run([str(INSTALL_SCRIPT), *args], capture_output=True, text=True, env=env, timeout=60)


def test_install_script_registers_launcher_icons_and_metainfo_then_removes_them(tmp_path: Path) -> None:
    # A path a shell would mangle: the launcher must still run exactly this file.
    app_dir = tmp_path / "my apps $HOME %u"
    app_dir.mkdir()
    executable = app_dir / "energybrowser"
    executable.write_text("#!/bin/sh\nexit 0\n")
    executable.chmod(0o755)

    result = install_desktop(tmp_path, "--exec", str(executable))
    assert result.returncode == 0, result.stderr

    share = tmp_path / "share"
    installed = share / "applications" / DESKTOP_FILE.name
    entry = desktop_entry(installed)
    assert exec_argv(entry["Exec"]) == [str(executable)]
    assert entry["Icon"] == ICON_NAME
    assert (share / "metainfo" / METAINFO_FILE.name).read_bytes() == METAINFO_FILE.read_bytes()
    for size in ICON_SIZES:
        assert png_size(share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png") == (
            size,
            size,
        )
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout

    removed = install_desktop(tmp_path, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert not installed.exists()
    assert not list(share.rglob(f"{APP_ID}.*"))


def test_install_script_without_an_executable_says_what_to_pass(tmp_path: Path) -> None:
    if shutil.which("energybrowser", path=SYSTEM_PATH):
        pytest.skip("this machine has energybrowser installed system-wide")
    result = install_desktop(tmp_path)
    assert result.returncode == 1
    assert "--exec" in result.stderr
    assert not (tmp_path / "share" / "applications").exists()


def test_install_script_rejects_a_missing_executable(tmp_path: Path) -> None:
    result = install_desktop(tmp_path, "--exec", str(tmp_path / "nowhere" / "energybrowser"))
    assert result.returncode == 1
    assert "not an executable" in result.stderr


def test_scripts_are_executable() -> None:
    for script in (INSTALL_SCRIPT, REPO / "packaging" / "build_bundle.sh"):
        assert os.access(script, os.X_OK), f"chmod +x {script.relative_to(REPO)}"
