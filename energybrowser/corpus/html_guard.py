"""HTML that Python's `html.parser` reads in linear time.

Up to Python 3.11.12 / 3.12.10 (CVE-2025-6069), `HTMLParser` rescans the rest of the document from
every `<tag` that is never closed, so a 160 KB page of `<http://` fragments takes minutes. Such a
`<` is not markup a browser would show either, so it is written as `&lt;` before parsing: a tag
counts as closed by the first `>` outside its quoted attribute values, before the next tag opens.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"<!--|<[A-Za-z/!?]|>|['\"]")


def defuse_unclosed_tags(text: str) -> str:
    escaped: list[int] = []  # positions of `<` that open a tag never closed
    open_at = -1
    last_quote = {q: text.rfind(q) for q in "'\""}
    last_comment_end = text.rfind("-->")
    pos = 0
    while m := _TOKEN.search(text, pos):
        token, at = m.group(), m.start()
        pos = m.end()
        if token == "<!--" and open_at < 0:
            if last_comment_end < at:  # never closed: the parser shows it as text
                escaped.append(at)
            else:
                pos = text.index("-->", pos) + 3
        elif token[0] == "<":
            if open_at >= 0:
                escaped.append(open_at)
            open_at = at
        elif token == ">":
            open_at = -1
        elif open_at >= 0 and last_quote[token] > at and _after_equals(text, at):
            pos = text.index(token, at + 1) + 1  # a quoted attribute value may hold `<` and `>`
    if open_at >= 0:
        escaped.append(open_at)
    if not escaped:
        return text
    parts, start = [], 0
    for at in escaped:
        parts.append(text[start:at])
        parts.append("&lt;")
        start = at + 1
    parts.append(text[start:])
    return "".join(parts)


def _after_equals(text: str, at: int) -> bool:
    j = at - 1
    while j >= 0 and text[j] in " \t\r\n":
        j -= 1
    return j >= 0 and text[j] == "="
