"""Result snippets from several paragraphs read as one line with single ellipses between them."""

from __future__ import annotations

from energybrowser.ui.search_controller import join_snippets


def test_passages_are_joined_by_one_ellipsis() -> None:
    joined = join_snippets(["… the <mark>memorandum</mark> was signed …", "… <mark>SOCAR</mark> said."])
    assert joined == "… the <mark>memorandum</mark> was signed … <mark>SOCAR</mark> said."
    assert "… …" not in joined


def test_whole_paragraph_snippets_keep_their_own_edges() -> None:
    assert join_snippets(["First.", "Second …"]) == "First. … Second …"
    assert join_snippets(["Only one."]) == "Only one."
    assert join_snippets([]) == ""
