"""The per-segment term dictionary (`.tdx`): lookups through offsets without decoding the whole
file, files of the first format still read, and segments shared by the searchers of one index."""

from __future__ import annotations

import random
import struct
from array import array
from bisect import bisect_left
from pathlib import Path

import pytest

from energybrowser.corpus.loader import load_corpus
from energybrowser.paths import DataPaths
from energybrowser.search import SearchEngine, termdict
from energybrowser.search.documents import Annotations


def _words(rng: random.Random, count: int) -> list[str]:
    letters = "abcdeéxyzø0"
    return sorted({"".join(rng.choices(letters, k=rng.randint(1, 9))) for _ in range(count)})


def _old_format(fields: dict[str, tuple[list[bytes], list[int]]]) -> bytes:
    """A dictionary as the first format wrote it: terms and frequencies, no offsets."""
    parts = [struct.pack("<4sH", termdict.OLD_MAGIC, len(fields))]
    for name, (terms, freqs) in sorted(fields.items()):
        text = b"\n".join(terms)
        raw = name.encode()
        parts += [struct.pack("<HII", len(raw), len(terms), len(text)), raw, text]
        parts.append(array("I", freqs).tobytes())
    return b"".join(parts)


@pytest.mark.parametrize("old", [False, True])
def test_lookups_agree_with_a_plain_sorted_list(old: bool) -> None:
    rng = random.Random(4)
    terms = _words(rng, 3000)
    freqs = [rng.randint(1, 50) for _ in terms]
    fields = {"body": ([t.encode() for t in terms], freqs), "title": ([], [])}
    data = _old_format(fields) if old else termdict.encode(fields)
    seg = termdict.decode(data)["body"]
    assert len(seg.terms) == len(terms) and list(seg.terms) == terms and list(seg.freqs) == freqs
    assert seg.terms[5:40] == terms[5:40] and seg.terms[-1] == terms[-1]
    assert len(termdict.decode(data)["title"].terms) == 0
    for probe in [*rng.sample(terms, 200), *_words(rng, 200), "", "é", "zzzzzzzzzz"]:
        lo, hi = seg.prefix_span(probe)
        assert terms[lo:hi] == [t for t in terms if t.startswith(probe)], probe
        expected = freqs[terms.index(probe)] if probe in terms else 0
        assert seg.frequency(probe) == expected
        assert seg.span(probe) == (bisect_left(terms, probe), len(terms))
        if probe:
            near = {t for t in terms if t[0] == probe[0] and _osa(t, probe) <= 2}
            assert set(seg.within(probe, 2, 1)) == near, probe


def _osa(a: str, b: str) -> int:
    from rapidfuzz.distance import OSA

    return int(OSA.distance(a, b))


def test_damaged_sizes_are_reported() -> None:
    data = bytearray(termdict.encode({"body": ([b"gas", b"oil"], [1, 2])}))
    data[-1] ^= 0xFF
    data = data[:-3]
    with pytest.raises(termdict.TermDictDamaged):
        termdict.decode(bytes(data))


def _plain(article):  # type: ignore[no-untyped-def]
    return Annotations()


def test_searchers_of_one_index_share_unchanged_segments(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(12):
        (folder / f"a{n}.md").write_text(
            f"---\ntitle: Report {n}\n---\n\nPipeline gas transit report number{n} offshore.\n"
        )
    index_dir = DataPaths.resolve(tmp_path / "d").index_dir(folder)
    engine = SearchEngine(folder, load_corpus(folder).articles, index_dir, annotate=_plain)
    engine.ensure_index()
    assert engine._live is not None
    before = engine._live.compiler.terms.segments()
    assert engine.search("pipelin~1").total == 12
    (folder / "a3.md").write_text("---\ntitle: Report 3\n---\n\nA new zqxj paragraph.\n")
    engine.update(changed=[a for a in load_corpus(folder).articles if a.id == "a3"])
    after = engine._live.compiler.terms.segments()
    assert len(after) == len(before) + 1
    assert after[0] is before[0]  # the unchanged segment's dictionary, not read again
    assert engine.search("zqxk~1").total == 1 and engine.search("pipelin~1").total == 11
    engine.close()
