"""Display positions map back to `Article.text` offsets, whatever the display did to whitespace."""

from __future__ import annotations

from energybrowser.render.positions import DisplayFragment, build_position_map
from tests.render_helpers import load

RICH = load("rich")


def display_fragments(article, *, separator: str = "\u2029"):  # type: ignore[no-untyped-def]
    """A display of the body as a toolkit might lay it out: a title, numbered blocks with footnote
    markers, odd whitespace, then notes."""
    fragments = []
    pos = 0

    def add(text: str, names: tuple[str, ...] = (), marker: bool = False) -> None:
        nonlocal pos
        fragments.append(DisplayFragment(pos, text, names, marker))
        pos += len(text) + len(separator)

    add(article.title + " 28 March 2023")
    for block in article.blocks:
        words = block.text.split(" ")
        half = max(1, len(words) // 2)
        add(" ".join(words[:half]), (f"b{block.index}",))
        add("1", (), True)  # a footnote marker in the middle of the block
        add("\xa0" + "  ".join(words[half:]))
    add("Notes", ("footnotes",))
    add("1 Memorandum signed, Caspian Wire")
    return fragments


def test_every_body_character_maps_both_ways() -> None:
    fragments = display_fragments(RICH)
    positions = build_position_map(RICH, fragments)
    body = [f for f in fragments[1:] if not f.display_only]
    body = body[: next(i for i, f in enumerate(body) if f.anchor_names == ("footnotes",))]
    checked = 0
    for fragment in body:
        for i, char in enumerate(fragment.text):
            if char.isspace():
                continue
            offset = positions.to_article(fragment.position + i)
            assert offset is not None and RICH.text[offset] == char
            assert positions.to_document(offset) == fragment.position + i
            checked += 1
    assert checked == sum(not c.isspace() for c in RICH.text)


def test_offsets_of_each_block_start_land_on_its_first_word() -> None:
    fragments = display_fragments(RICH)
    positions = build_position_map(RICH, fragments)
    by_position = {f.position: f for f in fragments}
    for block in RICH.blocks:
        doc = positions.to_document(block.start)
        assert doc in by_position
        assert by_position[doc].anchor_names == (f"b{block.index}",)
        assert positions.to_article(doc) == block.start


def test_title_and_notes_are_outside_the_body() -> None:
    fragments = display_fragments(RICH)
    positions = build_position_map(RICH, fragments)
    first_body = positions.to_document(0)
    assert positions.to_article(0) == 0  # before the body: the first word of the body
    assert first_body is not None and first_body > 0
    notes = next(f for f in fragments if f.anchor_names == ("footnotes",))
    assert positions.to_article(notes.position + 2, forward=False) == len(RICH.text)


def test_display_whitespace_maps_to_text_whitespace_before_the_word() -> None:
    fragments = display_fragments(RICH)
    positions = build_position_map(RICH, fragments)
    second = fragments[3]  # "\xa0word  word ..." of block 0's second half
    assert second.text.startswith("\xa0")
    start = positions.to_article(second.position, forward=True)
    assert start is not None
    assert RICH.text[start:].lstrip().startswith(second.text.split()[0])
    assert start == 0 or RICH.text[start].isspace()


def test_empty_map_answers_none() -> None:
    positions = build_position_map(RICH, [])
    assert positions.to_article(5) is None and positions.to_document(5) is None
