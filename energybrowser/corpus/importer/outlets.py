"""Outlets and the sites they publish on, read once from `resources/importer/outlets.yaml`:
which names a page may give its publisher by ("Trend", "KAZINFORM"), and who publishes on a
domain (en.trend.az -> Trend, ar2023.kmg.kz -> KazMunayGas)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from energybrowser.resources import resource_table

_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")


@dataclass(frozen=True)
class Outlets:
    names: tuple[tuple[str, str], ...]  # (a name or alias as the table writes it, the outlet's name)
    by_site: dict[str, str]  # domain -> the outlet or organisation publishing there


def _entries(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    entries = data.get(key) or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) and e.get("name") for e in entries):
        raise ValueError(f"resources/importer/outlets.yaml: `{key}` must list entries with a name")
    return entries


@cache
def outlets() -> Outlets:
    data = resource_table("importer", "outlets.yaml")
    names: list[tuple[str, str]] = []
    by_site: dict[str, str] = {}
    for entry in _entries(data, "outlets"):
        name = str(entry["name"])
        names.extend((str(alias), name) for alias in (name, *(entry.get("aliases") or ())))
        for site in entry.get("sites") or ():
            by_site[str(site).casefold()] = str(entry["name"])
    for entry in _entries(data, "sites"):
        for site in entry.get("sites") or ():
            by_site.setdefault(str(site).casefold(), str(entry["name"]))
    return Outlets(tuple(names), by_site)


def host_of(url: str) -> str:
    """'https://en.trend.az/business/3183365.html' -> 'en.trend.az'; '' when no host reads."""
    text = url.strip()
    if not text:
        return ""
    if "://" not in text:
        text = "//" + text  # "www.trend.az/x": a site written without its scheme
    try:
        host = (urlsplit(text).hostname or "").casefold().rstrip(".")
    except ValueError:
        return ""
    host = host.removeprefix("www.")
    return host if _HOST.match(host) else ""


def site_outlet(url: str) -> str:
    """The outlet or organisation the table gives for the page's address, its subdomains included
    (cn.reuters.com is Reuters'); '' when the table has none."""
    labels = host_of(url).split(".")
    table = outlets().by_site
    for i in range(len(labels) - 1):
        name = table.get(".".join(labels[i:]))
        if name:
            return name
    return ""


def site_domain(url: str) -> str:
    """The registrable domain a page's address names ('en.example.com' -> 'example.com',
    'news.example.com.ge' -> 'example.com.ge'): how a reader names a site the table does not know."""
    host = host_of(url)
    if not host:
        return ""
    return _suffix_list().privatesuffix(host) or host


@cache
def _suffix_list() -> Any:
    """The Public Suffix List knows which endings are registries ("com.ge", "co.uk"); loaded only
    for an address the table does not know."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()
