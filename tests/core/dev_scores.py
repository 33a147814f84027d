"""Scores of agreement extraction and import metadata on the shared dev set of real articles
(`shared/dev-articles/`, beside the repository: 26 web pages as captured, with gold labels; its
README gives the schema). Run `python -m tests.core.dev_scores [DIR] [-v]` to print the figures.

Every page takes the path a user's file takes: the importer's `convert_text` on the raw .txt, then
`extract_agreements` on the article it gives. How predictions are matched to the gold records:

- Sentences are compared as word multisets (case-, accent- and punctuation-free): a predicted
  evidence sentence matches a gold sentence when it holds at least `COVER` of the gold sentence's
  words and at least `COVER` of its own words are in the gold sentence (so neither a fragment nor a
  whole paragraph matches). A prediction may match the gold `evidence` or any `also` sentence.
- Each article's predictions and gold records are paired one to one, best pairs first (the gold
  `evidence` before an `also` sentence, then the closer set of parties): several gold records may
  share one sentence ("agreements with A, B and C respectively") and need one prediction each.
- Precision = paired predictions / predictions; recall = paired gold records / gold records. An
  unpaired prediction whose sentence matches a gold `not_agreements` text is a trap hit.
- Parties compare as names of one entity: the same gazetteer entry, or the same words once legal
  forms (JSC, LLC, Corporation, ...) are dropped, or one name inside the other when what is left over
  names no country ("CNPC Trans-Asia Gas Pipeline Company Limited" ~ "Trans-Asia Gas Pipeline
  Company"; "Ministry of Energy" is not "Ministry of Energy of Uzbekistan"). Subset: every gold party
  is predicted; exact: the two sets are equal.
- Type maps the app's finer kinds onto the gold vocabulary (accord, treaty -> agreement; letter of
  intent -> other). Date: the partial ISO date, or where the gold has none but states one in words
  ("last Tuesday"), that wording (or the date part of it: "this month" of "by the end of this
  month"); place: the same name; signatories: the same set of names.
- Metadata: title, authors (as a set), date exact (case- and accent-free); publisher right when it
  names the gold outlet or the outlet the gold says the page copies ("Global Times (Xinhua copy)"),
  "the", "news" and "agency" aside ("Trend" ~ "Trend News Agency").
  The publisher is scored three ways: with the page's address given to the importer (as when a page
  is saved with its URL: `meta.json`'s `url`), from the page text alone, and from the text alone
  over only the pages whose text names one of those outlets (a page that never names its outlet
  leaves nothing in the text to read it from). Everything else is scored on the text alone.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from energybrowser.agreements.extract import extract_agreements
from energybrowser.agreements.model import Agreement
from energybrowser.corpus.importer import convert_text
from energybrowser.corpus.model import Article
from energybrowser.entities.gazetteer import fold, load_gazetteer

ENV = "ENERGYBROWSER_DEV_ARTICLES"
REPO = Path(__file__).resolve().parents[2]
COVER = 0.6
_OUTLET_WORDS = frozenset(("the", "news", "agency", "newspaper"))
_TYPES = {"accord": "agreement", "treaty": "agreement", "letter of intent": "other", "document": "other"}
_LEGAL_FORMS = frozenset(
    ("jsc", "pjsc", "ojsc", "cjsc", "llc", "llp", "ltd", "limited", "plc", "inc", "corp", "corporation")
)


def dev_set_dir(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The dev set: an explicit folder, else `$ENERGYBROWSER_DEV_ARTICLES`, else `shared/dev-articles`
    beside the repository (or beside one of its parent folders); None when absent."""
    if explicit:
        return Path(explicit) if (Path(explicit) / "gold.json").is_file() else None
    if os.environ.get(ENV):
        path = Path(os.environ[ENV])
        return path if (path / "gold.json").is_file() else None
    for parent in REPO.parents:
        path = parent / "shared" / "dev-articles"
        if (path / "gold.json").is_file():
            return path
    return None


# --- comparing sentences and names ---------------------------------------------------------------


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", fold(text)))


def _overlap(pred: Counter[str], gold: Counter[str]) -> bool:
    common = sum((pred & gold).values())
    return bool(gold) and common >= COVER * sum(gold.values()) and common >= COVER * sum(pred.values())


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"\w+", fold(name.replace("-", " "))) if w not in _LEGAL_FORMS]


def same_party(a: str, b: str) -> bool:
    gaz = load_gazetteer()
    ea, eb = gaz.lookup(a), gaz.lookup(b)
    if ea is not None and eb is not None:
        return ea.canonical == eb.canonical
    wa, wb = _name_words(a), _name_words(b)
    if wa == wb:
        return True
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) < 2:
        return False
    for i in range(len(long_) - len(short) + 1):
        if long_[i : i + len(short)] == short:
            rest = long_[:i] + long_[i + len(short) :]
            return not any(_is_country(w) for w in rest)
    return False


def _is_country(word: str) -> bool:
    entry = load_gazetteer().lookup(word)
    return entry is not None and entry.type == "country"


def same_persons(predicted: Iterable[str], gold: Iterable[str]) -> bool:
    """The same signatories: names equal once folded, or spellings of one gazetteer person
    ("Askhat Khasenov" as written, "Askhat Khassenov" as the gazetteer spells him)."""
    gaz = load_gazetteer()

    def key(name: str) -> str:
        entry = gaz.lookup(name)
        return fold(entry.canonical if entry is not None and entry.type == "person" else name)

    return {key(n) for n in predicted} == {key(n) for n in gold}


def _covers(predicted: Iterable[str], gold: Iterable[str]) -> bool:
    """Every gold name has a predicted name of the same entity."""
    pred = list(predicted)
    return all(any(same_party(g, p) for p in pred) for g in gold)


def parties_subset(predicted: Iterable[str], gold: Iterable[str]) -> bool:
    return _covers(predicted, gold)


def parties_exact(predicted: Iterable[str], gold: Iterable[str]) -> bool:
    pred, want = list(predicted), list(gold)
    return _covers(pred, want) and _covers(want, pred)


# --- scoring -------------------------------------------------------------------------------------


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.rate:.2f} ({self.right}/{self.total})"


@dataclass
class DevScores:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    trap_hits: int = 0
    traps: int = 0
    subset: Tally = field(default_factory=Tally)
    exact: Tally = field(default_factory=Tally)
    type: Tally = field(default_factory=Tally)
    status: Tally = field(default_factory=Tally)
    date: Tally = field(default_factory=Tally)
    place: Tally = field(default_factory=Tally)
    signatories: Tally = field(default_factory=Tally)
    title: Tally = field(default_factory=Tally)
    authors: Tally = field(default_factory=Tally)
    publisher: Tally = field(default_factory=Tally)
    publisher_text: Tally = field(default_factory=Tally)
    publisher_stated: Tally = field(default_factory=Tally)
    meta_date: Tally = field(default_factory=Tally)
    notes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def report(self) -> str:
        return "\n".join(
            [
                f"agreements  precision {self.precision:.2f}  recall {self.recall:.2f}  "
                f"({self.matched} matched, {self.predicted} predicted, {self.gold} gold)",
                f"traps hit   {self.trap_hits} of {self.traps}",
                f"parties     subset {self.subset}  exact {self.exact}",
                f"fields      type {self.type}  status {self.status}  date {self.date}  place {self.place}  "
                f"signatories {self.signatories}",
                f"metadata    title {self.title}  authors {self.authors}  date {self.meta_date}",
                f"publisher   {self.publisher} with the page's address  text alone {self.publisher_text}  "
                f"(where the text names it: {self.publisher_stated})",
            ]
        )


def _pairs(preds: list[Agreement], gold: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (prediction, gold record), best first."""
    candidates = []
    for i, p in enumerate(preds):
        words = _words(p.evidence.text)
        for j, g in enumerate(gold):
            on_evidence = _overlap(words, _words(g["evidence"]))
            on_also = any(_overlap(words, _words(s)) for s in g["also"])
            if not (on_evidence or on_also):
                continue
            closeness = sum(any(same_party(x, y) for y in p.parties) for x in g["parties"])
            candidates.append((-int(on_evidence), -closeness, j, i))
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    pairs = []
    for _, _, j, i in sorted(candidates):
        if i not in taken_p and j not in taken_g:
            taken_p.add(i)
            taken_g.add(j)
            pairs.append((i, j))
    return pairs


def _date_right(p: Agreement, g: dict) -> bool:
    if g["date"]:
        return p.when.iso() == g["date"]
    if g["date_text"]:  # stated in words the gold leaves unresolved ("last Tuesday")
        return bool(p.date) and (fold(g["date_text"]) in fold(p.date) or fold(p.date) in fold(g["date_text"]))
    return not p.date


def _place_right(p: Agreement, g: dict) -> bool:
    if not g["place"]:
        return not p.place
    return bool(p.place) and (fold(p.place) == fold(g["place"]) or same_party(p.place, g["place"]))


def _score_article(name: str, text: str, labels: dict, meta: dict | None, scores: DevScores) -> None:
    notes = scores.notes.setdefault(name, [])
    try:
        article = convert_text(text, name)
    except Exception as exc:  # the scorer reports a failed import as a miss of everything
        notes.append(f"import failed: {exc}")
        scores.gold += len(labels["agreements"])
        return
    if meta is not None:
        _score_meta(article, meta, text, scores, notes)
    preds = list(extract_agreements(article))
    gold = labels["agreements"]
    scores.predicted += len(preds)
    scores.gold += len(gold)
    scores.traps += len(labels["not_agreements"])
    pairs = _pairs(preds, gold)
    scores.matched += len(pairs)
    for i, j in pairs:
        p, g = preds[i], gold[j]
        subset, exact = parties_subset(p.parties, g["parties"]), parties_exact(p.parties, g["parties"])
        scores.subset.add(subset)
        kind = _TYPES.get(p.type, p.type)
        dates = f"{p.date!r}/{p.when.iso()} != {g['date_text']!r}/{g['date']}"
        for tally, ok, what in (
            (scores.exact, exact, f"parties {list(p.parties)} != {g['parties']}"),
            (scores.type, kind == g["type"], f"type {kind} != {g['type']}"),
            (scores.status, p.status == g["status"], f"status {p.status} != {g['status']}"),
            (scores.date, _date_right(p, g), f"date {dates}"),
            (scores.place, _place_right(p, g), f"place {p.place!r} != {g['place']!r}"),
            (
                scores.signatories,
                same_persons(p.signatories, g["signatories"]),
                f"signatories {list(p.signatories)} != {g['signatories']}",
            ),
        ):
            tally.add(ok)
            if not ok:
                notes.append(f"  [{g['evidence'][:50]}] {what}")
    paired_p = {i for i, _ in pairs}
    paired_g = {j for _, j in pairs}
    for j, g in enumerate(gold):
        if j not in paired_g:
            notes.append(f"missed {g['type']} {g['parties']}: {g['evidence'][:90]!r}")
    for i, p in enumerate(preds):
        if i in paired_p:
            continue
        words = _words(p.evidence.text)
        trap = any(_overlap(words, _words(t["text"])) for t in labels["not_agreements"])
        scores.trap_hits += int(trap)
        label = "trap" if trap else "extra"
        notes.append(f"{label} {p.type} {p.status} {list(p.parties)}: {p.evidence.text[:90]!r}")


def _outlets(gold: str) -> list[str]:
    """The outlet a gold publisher names, its site, and the outlet it says the page copies
    ("Global Times (Xinhua copy)", "Xeber Saati (republishing Trend)", "WNAM (worldnewsam.com)")."""
    main = re.sub(r"\s*\(.*\)\s*$", "", gold).strip()
    names = [main]
    inner = re.search(r"\((.*)\)", gold)
    for part in inner.group(1).split(";") if inner else ():
        part = part.strip()
        copied = re.fullmatch(r"(?:republishing|press release of(?: the)?)\s+(.+)|(.+?)\s+copy", part)
        if copied:
            names.append(copied.group(1) or copied.group(2))
        elif re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", part):
            names.append(part)  # the outlet's site
    return names


def _outlet_key(name: str) -> list[str]:
    """An outlet's name without the words outlets add or drop ("The Astana Times" ~ "Astana Times",
    "Trend News Agency" ~ "Trend")."""
    return [w for w in re.findall(r"\w+", fold(name)) if w not in _OUTLET_WORDS]


def _score_meta(article: Article, meta: dict, text: str, scores: DevScores, notes: list[str]) -> None:
    m = article.meta
    title_ok = fold(m.title) == fold(meta["title"] or "")
    authors_ok = {fold(a.name) for a in m.authors} == {fold(a) for a in meta["authors"]}
    date_ok = m.date.iso() == (meta["date"] or "")
    outlets = _outlets(meta["publisher"])

    def right(publisher: str) -> bool:
        return bool(publisher) and any(_outlet_key(publisher) == _outlet_key(o) for o in outlets)

    on_address = convert_text(text, article.meta.source, url=meta.get("url") or "").meta.publisher
    publisher_ok = right(on_address)
    text_ok = right(m.publisher)
    scores.title.add(title_ok)
    scores.authors.add(authors_ok)
    scores.meta_date.add(date_ok)
    scores.publisher.add(publisher_ok)
    scores.publisher_text.add(text_ok)
    if any(fold(o) in fold(text) for o in outlets):
        scores.publisher_stated.add(text_ok)
    for ok, what in (
        (title_ok, f"title {m.title!r} != {meta['title']!r}"),
        (authors_ok, f"authors {[a.name for a in m.authors]} != {meta['authors']}"),
        (date_ok, f"date {m.date.iso()!r} != {meta['date']!r}"),
        (publisher_ok, f"publisher with its address {on_address!r} != {meta['publisher']!r}"),
        (text_ok, f"publisher from the text {m.publisher!r} != {meta['publisher']!r}"),
    ):
        if not ok:
            notes.append(f"meta: {what}")


def dev_scores(directory: Path, first: str = "", last: str = "") -> DevScores:
    """The scores over the set's pages, or over those whose file names sort from `first` to `last`
    (one batch of a set written in batches: `v07` to `v12`)."""
    gold = json.loads((directory / "gold.json").read_text(encoding="utf-8"))
    metas = {m["file"]: m for m in json.loads((directory / "meta.json").read_text(encoding="utf-8"))}
    scores = DevScores()
    for name in sorted(gold):
        if (first and name < first) or (last and Path(name).stem > last):
            continue
        text = (directory / name).read_text(encoding="utf-8")
        _score_article(name, text, gold[name], metas.get(name), scores)
    return scores


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    batch = next((a for a in args if "-" in a.lstrip("-") and not Path(a).exists()), "")
    args = [a for a in args if a != batch]
    directory = dev_set_dir(args[0] if args else None)
    if directory is None:
        print(f"dev set not found: pass its folder, set ${ENV}, or put shared/dev-articles beside the repo")
        return 2
    first, _, last = batch.partition("-")  # "v07-v12": only that batch's pages
    scores = dev_scores(directory, first, last)
    if verbose:
        for name, notes in scores.notes.items():
            if notes:
                print(name)
                for note in notes:
                    print(f"    {note}")
    print(scores.report())
    return 0


def gold_strings_missing(folder: Path) -> list[tuple[str, str]]:
    """Each quoted gold string (evidence, extra sentences, quantities, signatories, traps) of a
    labelled set that is not a substring of its article, as (file, the string's start)."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    missing: list[tuple[str, str]] = []
    for name, labels in gold.items():
        text = (folder / name).read_text(encoding="utf-8")
        for record in labels["agreements"]:
            quoted = [record["evidence"], *record["also"], *record["quantities"], *record["signatories"]]
            missing += [(name, s[:60]) for s in quoted if s not in text]
        missing += [(name, t["text"][:60]) for t in labels["not_agreements"] if t["text"] not in text]
    return missing


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
