"""The domain core must import without Qt: checked by import-linter's contract and by a real import."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib

import energybrowser
from tests.conftest import REPO

NOT_CORE = {"ui", "cli", "__main__"}


def core_modules() -> list[str]:
    return sorted(
        f"energybrowser.{m.name}"
        for m in pkgutil.iter_modules(energybrowser.__path__)
        if m.name not in NOT_CORE
    )


def test_every_core_module_is_under_the_import_contract() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    contract = config["tool"]["importlinter"]["contracts"][0]
    assert set(core_modules()) <= set(contract["source_modules"]), "add new core modules to the contract"
    assert "PySide6" in contract["forbidden_modules"]


def test_core_imports_with_qt_blocked() -> None:
    code = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'): raise ImportError('Qt is blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "import pkgutil, energybrowser\n"
        "for info in pkgutil.walk_packages(energybrowser.__path__, 'energybrowser.'):\n"
        "    if info.name.split('.')[1] not in " + repr(NOT_CORE) + ":\n"
        "        importlib.import_module(info.name)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
