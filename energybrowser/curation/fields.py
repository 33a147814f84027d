"""The agreement fields an analyst can edit: their typed values, read from JSON or the command line.

One place checks every value, so the window, the CLI and an imported file all refuse the same bad
input with the same one-line message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from energybrowser.corpus.model import PartialDate
from energybrowser.curation.anchor import TextQuote

TEXT_FIELDS = ("type", "status", "place", "subject")
LIST_FIELDS = ("parties", "signatories", "quantities")
AGREEMENT_FIELDS = ("type", "status", "parties", "signatories", "date", "place", "subject", "quantities")
EDITABLE_FIELDS = (*AGREEMENT_FIELDS, "evidence", "group")
STATUSES = ("signed", "planned", "negotiated")

FieldValue = str | tuple[str, ...] | PartialDate | TextQuote


class FieldError(ValueError):
    """A value the field cannot take; its message is one line for the user."""


def parse_field(name: str, value: Any) -> FieldValue:
    """The typed value of `name` from JSON or text ("a; b" for a list, ISO for a date)."""
    if name not in EDITABLE_FIELDS:
        raise FieldError(f"unknown field {name!r} (fields: {', '.join(EDITABLE_FIELDS)})")
    if name in LIST_FIELDS:
        return _as_list(name, value)
    if name == "date":
        return _as_date(value)
    if name == "evidence":
        if isinstance(value, TextQuote):
            return value
        try:
            return TextQuote.from_json(value)
        except ValueError as exc:
            raise FieldError(f"evidence: {exc}") from exc
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise FieldError(f"{name} must be text")
    text = " ".join(value.split())
    if name == "type":
        if not text:
            raise FieldError("type cannot be empty (e.g. memorandum, agreement, contract)")
        return text.lower()
    if name == "status" and text.lower() not in STATUSES:
        raise FieldError(f"status must be one of {', '.join(STATUSES)}")
    return text.lower() if name == "status" else text


def _as_list(name: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.split(";")
    elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        items = list(value)
    else:
        raise FieldError(f"{name} must be a list of names (or text separated by ';')")
    cleaned = (" ".join(item.split()) for item in items)
    return tuple(dict.fromkeys(item for item in cleaned if item))


def _as_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if value is None:
        return PartialDate()
    if not isinstance(value, str):
        raise FieldError("date must be text: YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD")
    try:
        return PartialDate.parse_iso(value.strip())
    except ValueError as exc:
        raise FieldError(f"date must be YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD ({exc})") from exc


def canonical_names(values: Mapping[str, Any]) -> dict[str, Any]:
    """Parties and signatories named by any alias the gazetteer knows, under their canonical name
    ("KMG" -> "KazMunayGas"); names it does not know stay as typed."""
    from energybrowser.entities.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    out = dict(values)
    for name in ("parties", "signatories"):
        if name in out:
            typed = _as_list(name, out[name])
            found = (gazetteer.lookup(n) for n in typed)
            out[name] = tuple(
                dict.fromkeys(e.canonical if e else n for e, n in zip(found, typed, strict=True))
            )
    return out


def field_to_json(value: FieldValue) -> object:
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, TextQuote):
        return value.to_json()
    if isinstance(value, tuple):
        return list(value)
    return value


def parse_fields(values: Mapping[str, Any]) -> dict[str, FieldValue]:
    return {name: parse_field(name, value) for name, value in values.items()}


def fields_to_json(values: Mapping[str, FieldValue]) -> dict[str, object]:
    return {name: field_to_json(value) for name, value in values.items()}
