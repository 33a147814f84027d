"""The natural benchmark corpus: prose is kept and markup, code and headings dropped; articles are
3–6 KB, the same prefix for every size, remixes only past the extracted ones."""

from __future__ import annotations

import pytest

from energybrowser.bench import natural

PROSE = (
    "The kernel keeps a list of the devices it has found and asks each driver in turn whether it "
    "can handle them, which takes a while on a large machine."
)

RST = f"""\
.. SPDX-License-Identifier: GPL-2.0

===============
Device handling
===============

{PROSE}
It also logs what it found, with ``dmesg`` showing the :ref:`messages <msgs>` afterwards.

Example::

    echo 1 > /sys/bus/pci/rescan
    cat /proc/devices

Short line.

+------+------+
| a    | b    |
+------+------+
"""

HTML = f"""<?xml version="1.0" encoding="UTF-8"?>
<html><head><title>Backup and Restore</title><script>var x = 1;</script></head>
<body><div class="navheader">Prev Next Home and other navigation links go here</div>
<p>{PROSE}</p><pre>pg_dump dbname &gt; outfile</pre>
<ul><li>{PROSE.replace("kernel", "server")}</li><li>short</li></ul></body></html>"""


def test_text_paragraphs_keep_prose_and_drop_markup_and_code() -> None:
    title, paragraphs = natural.text_paragraphs(RST)
    assert title == "Device handling"
    assert len(paragraphs) == 1
    assert paragraphs[0].startswith("The kernel keeps")
    assert "dmesg showing the messages afterwards" in paragraphs[0]  # roles and literals unwrapped
    assert not any("rescan" in p or "SPDX" in p or "+---" in p for p in paragraphs)


def test_html_paragraphs_keep_prose_and_drop_code_scripts_and_navigation() -> None:
    title, paragraphs = natural.html_paragraphs(HTML.encode("utf-8"))
    assert title == "Backup and Restore"
    assert paragraphs == [PROSE, PROSE.replace("kernel", "server")]


def test_is_prose() -> None:
    assert natural.is_prose(PROSE)
    assert not natural.is_prose("too short to be a paragraph of running text")
    assert not natural.is_prose("x = f(a, b) + g[1:2] * {3: 4} - 5 / 6 == 7; y = z -> w && q || r;")


def test_articles_are_a_stable_prefix_with_remixes_after_the_extracted_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = [
        {"title": f"Page {n}", "publisher": "Linux kernel documentation", "paragraphs": [PROSE] * 25}
        for n in range(5)
    ]
    monkeypatch.setattr(natural, "extracted", lambda seed=1234: docs)
    small = natural.natural_articles(3)
    large = natural.natural_articles(8)
    assert small.original == 3 and large.original == 5
    assert [a.text for a in small.articles] == [a.text for a in large.articles[:3]]
    assert [a.id for a in large.articles] == [f"natural-{n:06d}" for n in range(8)]
    assert all("remix" in a.title for a in large.articles[5:])
    assert all(natural.MIN_CHARS <= len(a.text) <= natural.MAX_CHARS + len(PROSE) for a in large.articles[5:])
