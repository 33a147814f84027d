"""The PyInstaller spec excludes Qt modules to stay small; it must never exclude one the app imports."""

from __future__ import annotations

import ast
import re

from tests.conftest import REPO

SPEC = REPO / "packaging" / "energybrowser.spec"


def spec_constant(name: str) -> object:
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not found in {SPEC.name}")


def qt_modules_imported() -> set[str]:
    pattern = re.compile(r"PySide6\.(Qt\w+)|from PySide6 import ([\w, ()\n]+)")
    found: set[str] = set()
    for source in (REPO / "energybrowser").rglob("*.py"):
        for dotted, listed in pattern.findall(source.read_text(encoding="utf-8")):
            if dotted:
                found.add(dotted)
            else:
                found.update(re.findall(r"Qt\w+", listed))
    return found


def test_spec_keeps_every_qt_module_the_app_imports() -> None:
    used = qt_modules_imported()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert used <= spec_constant("QT_MODULES_USED"), "add the new Qt module to QT_MODULES_USED"
    assert not used & set(spec_constant("QT_MODULES_EXCLUDED")), "the spec excludes a Qt module in use"
