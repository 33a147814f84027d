"""The setup scripts' apt line: libpython goes into the one `apt-get install` line an administrator
is asked to run, whether Python is there yet or not."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

COMMON = REPO / "scripts" / "_setup_common.sh"


def _libpython(python: str) -> str:
    script = f'source "{COMMON}"; PYTHON="{python}" libpython_package'
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.skipif(not Path("/usr/bin/python3").exists(), reason="needs Debian's python3")
def test_debian_python_names_its_libpython() -> None:
    version = subprocess.run(
        ["/usr/bin/python3", "-c", "import sysconfig; print(sysconfig.get_config_var('LDVERSION'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert _libpython("/usr/bin/python3") == f"libpython{version}"


@pytest.mark.skipif(shutil.which("apt-cache") is None, reason="needs apt-cache")
def test_without_python_the_name_comes_from_what_apt_would_install(tmp_path: Path) -> None:
    # A PATH with apt-cache and the tools the function uses, but no python3 at all.
    for tool in ("apt-cache", "sed", "head"):
        found = shutil.which(tool)
        assert found is not None
        (tmp_path / tool).symlink_to(found)
    script = f'source "{COMMON}"; PATH="{tmp_path}"; PYTHON=python3 libpython_package'
    name = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout.strip()
    depends = subprocess.run(["apt-cache", "depends", "python3"], capture_output=True, text=True).stdout
    if "Depends: python3." not in depends:
        pytest.skip("apt knows no python3 package here")
    assert name.startswith("libpython3.") and f"Depends: {name.removeprefix('lib')}" in depends


def test_test_script_asks_for_libpython_in_the_same_apt_round() -> None:
    text = (REPO / "scripts" / "test.sh").read_text(encoding="utf-8")
    call = text[text.index("ensure_python ") :].split("\nensure_venv")[0]
    assert "$(libpython_package)" in call  # one ensure_python call: one apt-get line
    assert "debian_libpython_package" not in text
