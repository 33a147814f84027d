"""YAML front matter read with a loader that cannot be made to do unbounded work.

PyYAML's safe loader still expands aliases: 600 bytes of anchors naming anchors become 10**12 list
items (minutes, gigabytes, then `MemoryError`), and it builds Python values that Python itself
refuses (`date: 2022-13-45`, a 5,000-digit number) or recurses on 3,000 nested `[`. Front matter is
a handful of fields, so the loader here refuses aliases, deep nesting and a large header outright,
and keeps dates as text (they are read by `PartialDate`, which says what is wrong with them)."""

from __future__ import annotations

from typing import Any, ClassVar

import yaml
from yaml.composer import ComposerError
from yaml.nodes import Node

from energybrowser.safe_text import one_line

MAX_FRONT_MATTER = 64 * 1024  # characters; a real header is a few hundred
MAX_DEPTH = 16  # a list of author mappings is depth 3

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_ALIASES = "aliases (*name) are not allowed"
_DEEP = f"nested more than {MAX_DEPTH} deep"


class FrontMatterError(ValueError):
    """The front matter cannot be read; the message says why in one line."""


class _Loader(yaml.SafeLoader):
    """SafeLoader without aliases, without deep nesting and without implicit timestamps."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Any]]]] = {  # type: ignore[misc]
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise ComposerError(None, None, _ALIASES, mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise ComposerError(None, None, _DEEP, mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_front_matter(text: str) -> Any:
    """The YAML value of a front matter block; `FrontMatterError` when it cannot be read safely."""
    if len(text) > MAX_FRONT_MATTER:
        raise FrontMatterError(f"front matter is over {MAX_FRONT_MATTER // 1024} KB")
    try:
        loader = _Loader(text)  # its reader refuses control characters at once
    except yaml.YAMLError as exc:
        raise FrontMatterError("front matter holds characters YAML does not allow") from exc
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        problem = getattr(exc, "problem", None)
        why = f": {problem}" if problem in (_ALIASES, _DEEP) else ""
        raise FrontMatterError(f"front matter is not valid YAML{where}{why}") from exc
    except (ValueError, OverflowError, RecursionError, TypeError, AttributeError, IndexError) as exc:
        # Values Python refuses: a 13th month, a 5,000-digit number, an unhashable key; and PyYAML's
        # own constructors failing on an empty tagged value ("!!int ", "!!timestamp ").
        why = one_line(str(exc), 100)
        raise FrontMatterError(f"front matter holds a value that cannot be read ({why})") from exc
    finally:
        loader.dispose()
