"""The extraction word lists are data: every entry must be a string (YAML reads a bare `on`
or `No` as a boolean, which would silently break a rule)."""

from __future__ import annotations

import pytest

from energybrowser.entities.gazetteer import load_gazetteer
from energybrowser.entities.model import ENTITY_TYPES
from energybrowser.entities.rules import load_rules
from energybrowser.resources import resource_path

RULE_FILES = sorted(p.stem for p in resource_path("extraction").glob("*.yaml"))


def leaves(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}/{key}")
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item, path)
    else:
        yield path, value


@pytest.mark.parametrize("name", RULE_FILES)
def test_rule_files_hold_only_words_and_numbers(name):
    for path, value in leaves(load_rules(name)):
        assert isinstance(value, str | float) or type(value) is int, f"{name}{path}: {value!r}"


def test_gazetteer_entries_are_well_formed():
    gaz = load_gazetteer()
    assert len(gaz.entries) > 300
    for entry in gaz.entries:
        assert entry.type in ENTITY_TYPES, entry
        assert all(isinstance(a, str) and a.strip() for a in entry.names), entry
        if entry.country:
            home = gaz.by_canonical(entry.country)
            # A state, or for a capital the union it stands for (Brussels: the European Union).
            union = entry.kind == "capital" and home.kind == "international organisation"
            assert home.type == "country" or union, entry
