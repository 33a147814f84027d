from __future__ import annotations

import pytest

from energybrowser.entities.extract import extract_entities
from energybrowser.entities.gazetteer import fold, load_gazetteer
from energybrowser.entities.gazetteer_match import find_names
from tests.core.extraction_helpers import make_article


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def names(text: str, gaz) -> list[tuple[str, str, str]]:
    return [(text[m.start : m.end], m.entry.canonical, m.entry.type) for m in find_names(text, gaz)]


def test_fold_ignores_case_accents_and_typographic_variants():
    assert fold("Türkiye") == fold("turkiye")
    assert fold("Kazakhstan’s") == fold("kazakhstan's")
    assert fold("Baku–Tbilisi–Ceyhan") == fold("baku-tbilisi-ceyhan")
    assert fold("  Samruk   Kazyna ") == "samruk kazyna"


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("KazMunaiGas", "KazMunayGas"),
        ("Kazmunaigaz", "KazMunayGas"),
        ("KMG", "KazMunayGas"),
        ("State Oil Company of the Republic of Azerbaijan", "SOCAR"),
        ("TDT", "Organization of Turkic States"),
        ("OTG", "Organization of Turkic States"),
        ("Kasım Cömert Tokayev", "Kassym-Jomart Tokayev"),
        ("Türkiye", "Turkey"),
        ("Central Corridor", "Middle Corridor"),
        ("Trans-Caspian International Transport Route", "Middle Corridor"),
        ("TCO", "Tengizchevroil"),
        ("BOTAS", "BOTAŞ"),
    ],
)
def test_lookup_resolves_aliases_and_transliterations(gaz, alias, canonical):
    assert gaz.lookup(alias).canonical == canonical


def test_variants_and_unknown_names(gaz):
    assert "KMG" in gaz.variants("Kazmunaigaz")
    assert gaz.variants("Nonexistent Oil") == ("Nonexistent Oil",)
    assert gaz.lookup("Nonexistent Oil") is None


def test_demonyms_name_the_country(gaz):
    text = "Kazakh oil, Kazakhstani exporters and Azeri crude."
    assert [(c, t) for _, c, t in names(text, gaz)] == [
        ("Kazakhstan", "country"),
        ("Kazakhstan", "country"),
        ("Azerbaijan", "country"),
    ]
    assert gaz.is_demonym("Azeri") and not gaz.is_demonym("Azerbaijan")


def test_longest_name_wins_over_the_places_inside_it():
    article = make_article("Oil flows via the Baku–Tbilisi–Ceyhan (BTC) Oil Pipeline to Ceyhan.")
    found = [(e.text, e.canonical, e.type) for e in extract_entities(article)]
    assert found == [
        ("Baku–Tbilisi–Ceyhan (BTC) Oil Pipeline", "Baku-Tbilisi-Ceyhan pipeline", "pipeline"),
        ("Ceyhan", "Ceyhan", "place"),
    ]


def test_matching_offers_overlapping_names_for_the_longest_to_win(gaz):
    found = names("the Caspian region", gaz)
    assert ("Caspian region", "Caspian region", "place") in found


def test_case_rule_keeps_common_words_out(gaz):
    text = "Let us tap the shell of the total. TAP and Shell talk to the US."
    assert [c for _, c, _ in names(text, gaz)] == ["TAP", "Shell", "United States"]


def test_description_in_lower_case_is_not_a_name(gaz):
    # "State Oil Company" is a name; "state oil company" describes one.
    assert [c for _, c, _ in names("Azerbaijan's state oil company SOCAR", gaz)] == ["Azerbaijan", "SOCAR"]


def test_the_compiled_gazetteer_answers_as_the_yaml_one_and_follows_the_user_file(tmp_path, monkeypatch):
    """A search reads the gazetteer compiled (no YAML parsed, no name folded); an edit to the
    user's gazetteer is a new compiled file, never a stale one."""
    from energybrowser.entities import gazetteer

    monkeypatch.setattr(gazetteer, "_compiled_dir", None)  # restored after the test
    cache = tmp_path / "cache"
    gazetteer.set_user_gazetteer(None, compiled_in=cache)
    parsed = load_gazetteer()
    assert len(list(cache.glob("gazetteer-*.json"))) == 1
    monkeypatch.setattr(gazetteer, "read_yaml", None)  # from here on, no YAML may be read
    gazetteer.set_user_gazetteer(None, compiled_in=cache)
    compiled = load_gazetteer()
    assert compiled is not parsed and compiled.entries == parsed.entries
    for name in ("KMG", "kazmunaigas", "Türkiye", "Kazakh", "Azerbaijani", "nobody at all"):
        assert compiled.lookup(name) == parsed.lookup(name)
        assert compiled.is_demonym(name) == parsed.is_demonym(name)
    monkeypatch.undo()
    monkeypatch.setattr(gazetteer, "_compiled_dir", None)
    user = tmp_path / "gazetteer.yaml"
    for alias in ("Caspian Petroleum Hub", "Caspian Energy Hub"):
        user.write_text(f"entities:\n  - canonical: SOCAR\n    type: organization\n    aliases: [{alias}]\n")
        for _twice in range(2):  # parsed and compiled, then read compiled
            gazetteer.set_user_gazetteer(user, compiled_in=cache)
            found = load_gazetteer().lookup(alias)
            assert found is not None and found.canonical == "SOCAR"
    assert load_gazetteer().lookup("Caspian Petroleum Hub") is None
    assert len(list(cache.glob("gazetteer-*.json"))) == 1  # older ones removed
