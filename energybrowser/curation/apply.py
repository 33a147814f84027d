"""Apply the analyst's reviews to what the extractor found: a pure function, extracted agreements
plus reviews in, the reviewed ledger out. Nothing is stored or changed here.

Each review is placed again by its evidence quote (the article text may have moved), then matched
to the extracted agreement whose evidence overlaps it (the same type first). A review that cannot
be placed is returned as "needs a look", never dropped; one whose agreement the extractor no longer
finds restores the agreement from the values it had when reviewed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from energybrowser.agreements.grouping import AgreementGroup, build_group, group_agreements, same_agreement
from energybrowser.agreements.model import Agreement, Evidence, ReviewMark
from energybrowser.corpus.model import Article, PartialDate
from energybrowser.curation.anchor import Placement, TextQuote, locate
from energybrowser.curation.fields import AGREEMENT_FIELDS, FieldValue
from energybrowser.curation.records import AgreementReview

ArticleOf = Callable[[str], Article | None]


@dataclass(frozen=True)
class NeedsLook:
    """A review the ledger cannot show where it belongs; the analyst should look at it."""

    review_id: str
    article: str
    quote: str
    reason: str

    def to_json(self) -> dict[str, object]:
        return {"review": self.review_id, "article": self.article, "quote": self.quote, "reason": self.reason}


@dataclass(frozen=True)
class ReviewedLedger:
    agreements: tuple[Agreement, ...]  # every agreement, rejected ones included, each with its mark
    groups: tuple[AgreementGroup, ...]
    needs_look: tuple[NeedsLook, ...] = ()

    @property
    def visible(self) -> tuple[Agreement, ...]:
        """What the ledger lists and citations use: rejected agreements left out."""
        return tuple(a for a in self.agreements if a.review.state != "rejected")

    def get(self, agreement_id: str) -> Agreement | None:
        return next((a for a in self.agreements if a.id == agreement_id), None)


def apply_reviews(
    agreements: Sequence[Agreement],
    reviews: Iterable[AgreementReview],
    article_of: ArticleOf,
    groups: Sequence[AgreementGroup] | None = None,
) -> ReviewedLedger:
    """The ledger as the analyst says it is. `agreements` are the extracted ones; given their
    `groups` too (the library's cached grouping), only the groups a review touches are worked out
    again, which keeps this quick on a large library."""
    reviews = sorted(reviews, key=lambda r: r.updated, reverse=True)  # the newest claims first
    if not reviews:
        if groups is not None:
            return ReviewedLedger(tuple(agreements), tuple(groups))
        out, found = group_agreements(agreements)
        return ReviewedLedger(out, found)
    replaced, extra, problems = _place(agreements, reviews, article_of)
    merged = [replaced.get(a.id, a) for a in agreements] + extra
    if groups is None:
        out, found = regroup(merged)
        return ReviewedLedger(out, found, tuple(problems))
    changed = {a.id for a in extra} | {i for i, a in replaced.items() if _regroups(a)}
    touched = {a.group for a in agreements if a.id in changed and a.group}
    out, found = regroup_some(merged, groups, changed, touched)
    return ReviewedLedger(out, found, tuple(problems))


def reviewed_in_article(
    agreements: Sequence[Agreement], reviews: Iterable[AgreementReview], article: Article
) -> tuple[Agreement, ...]:
    """One article's agreements as the analyst reviewed them, rejected ones left out and nothing
    grouped: what the search index files of the article (types and parties)."""
    mine = sorted((r for r in reviews if r.article == article.id), key=lambda r: r.updated, reverse=True)
    own = [a for a in agreements if a.article == article.id]
    replaced, extra, _problems = _place(own, mine, lambda i: article if i == article.id else None)
    merged = [replaced.get(a.id, a) for a in own] + extra
    return tuple(a for a in merged if a.review.state != "rejected")


def _place(
    agreements: Sequence[Agreement], reviews: Sequence[AgreementReview], article_of: ArticleOf
) -> tuple[dict[str, Agreement], list[Agreement], list[NeedsLook]]:
    """Each review (newest first) placed on its agreement: the reviewed agreements by extracted
    id, those added or restored from a review, and the reviews that need a look."""
    by_article: dict[str, list[Agreement]] = defaultdict(list)
    for a in agreements:
        by_article[a.article].append(a)
    replaced: dict[str, Agreement] = {}  # extracted id -> reviewed agreement
    extra: list[Agreement] = []  # added, or restored from a review
    problems: list[NeedsLook] = []
    for review in reviews:
        article = article_of(review.article)
        if article is None:
            problems.append(_look(review, "the article is not in the library"))
            continue
        placement = locate(review.anchor, article.text)
        if placement is None:
            problems.append(_look(review, "the sentence it was anchored to is not in the article any more"))
            continue
        evidence, moved_problem = _evidence(review, article, placement)
        if moved_problem:
            problems.append(_look(review, moved_problem))
        if review.added:
            extra.append(_reviewed(_restored(review, article, evidence, "u"), review, restored=True))
            continue
        target = _match(review, placement, by_article[review.article], replaced)
        if target is None:
            if not review.base:
                problems.append(_look(review, "the agreement is not found at its sentence any more"))
                continue
            extra.append(_reviewed(_restored(review, article, evidence, "r"), review, restored=True))
            continue
        if target.id in replaced:
            problems.append(_look(review, f"a newer review of {target.id} takes its place"))
            continue
        replaced[target.id] = _reviewed(replace(target, evidence=evidence), review)
    return replaced, extra, problems


def _regroups(agreement: Agreement) -> bool:
    """A review that can change which reports are one agreement (a confirmation cannot)."""
    return agreement.review.state == "rejected" or bool(agreement.review.edited)


def _look(review: AgreementReview, reason: str) -> NeedsLook:
    return NeedsLook(review.id, review.article, review.anchor.exact, reason)


def _evidence(review: AgreementReview, article: Article, placement: Placement) -> tuple[Evidence, str]:
    """The agreement's evidence: the moved-to sentence when the analyst moved it, else the anchor's."""
    moved = review.values.get("evidence")
    if isinstance(moved, TextQuote):
        target = locate(moved, article.text)
        if target is not None:
            return _evidence_at(article, target), ""
        problem = "the sentence its evidence was moved to is not in the article any more"
        return _evidence_at(article, placement), problem
    return _evidence_at(article, placement), ""


def _evidence_at(article: Article, placement: Placement) -> Evidence:
    text = article.text[placement.start : placement.end]
    return Evidence(text, article.paragraph_at(placement.start), placement.start, placement.end)


def _match(
    review: AgreementReview,
    placement: Placement,
    candidates: Sequence[Agreement],
    taken: dict[str, Agreement],
) -> Agreement | None:
    """The extracted agreement the review is about: evidence overlapping the placed quote, the same
    type first, then the widest overlap (one not yet claimed by a newer review first)."""
    best: tuple[bool, bool, int] | None = None
    chosen = None
    for a in candidates:
        overlap = min(a.evidence.end, placement.end) - max(a.evidence.start, placement.start)
        if overlap <= 0:
            continue
        key = (a.id not in taken, a.type == review.kind, overlap)
        if best is None or key > best:
            best, chosen = key, a
    return chosen


def _restored(review: AgreementReview, article: Article, evidence: Evidence, prefix: str) -> Agreement:
    values = {**review.base, **review.values}
    return Agreement(
        id=f"{article.id}#{prefix}{review.id.rsplit('-', 1)[-1][:6]}",
        article=article.id,
        type=str(values.get("type") or review.kind or "agreement"),
        status=str(values.get("status") or "signed"),
        parties=(),
        evidence=evidence,
        reported=article.meta.date,
    )


def _reviewed(agreement: Agreement, review: AgreementReview, restored: bool = False) -> Agreement:
    """The agreement with the review's values set and its mark (every field from the review when
    the agreement is restored from it)."""
    values: dict[str, FieldValue] = {**review.base, **review.values} if restored else dict(review.values)
    changes: dict[str, Any] = {}  # field -> value for `replace`: fields differ in type
    if isinstance(values.get("group"), str):
        changes["group"] = values["group"]
    for name in AGREEMENT_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if name == "date":
            date = value if isinstance(value, PartialDate) else PartialDate()
            changes["when"] = date
            changes["date"] = ""  # no longer the words of the text
        else:
            changes[name] = value
    mark = ReviewMark(
        state=review.state,
        review_id=review.id,
        edited=tuple((n, review.edited_at.get(n, review.updated)) for n in review.values),
        confirmed_at=review.confirmed_at,
        note=review.note,
        updated=review.updated,
    )
    return replace(agreement, **changes, review=mark)


def regroup(agreements: Sequence[Agreement]) -> tuple[tuple[Agreement, ...], tuple[AgreementGroup, ...]]:
    """Group by the rules, except that rows the analyst grouped stay together (and apart from the
    rest), and rejected agreements belong to no group."""
    forced: dict[str, list[Agreement]] = defaultdict(list)
    free: list[Agreement] = []
    for a in agreements:
        if a.review.state == "rejected":
            continue
        group = _user_group(a)
        if group:
            forced[group].append(a)
        else:
            free.append(a)
    grouped, groups = group_agreements(free)
    by_id = {a.id: a for a in grouped}
    all_groups = list(groups)
    for members in forced.values():
        built = build_group(members)
        all_groups.append(built)
        by_id.update((m.id, replace(m, group=built.id, conflicts=built.conflicts)) for m in members)
    out = tuple(by_id.get(a.id, replace(a, group="", conflicts=())) for a in agreements)
    return out, tuple(all_groups)


def regroup_some(
    agreements: Sequence[Agreement],
    groups: Sequence[AgreementGroup],
    changed: set[str],
    touched: set[str],
) -> tuple[tuple[Agreement, ...], tuple[AgreementGroup, ...]]:
    """`regroup`, done again only for what a review can have changed: the `changed` agreements,
    the groups they were in (`touched`), and any group a changed agreement now matches by the
    rules. Every other group is kept as it was."""
    changed_free = [
        a for a in agreements if a.id in changed and a.review.state != "rejected" and not _user_group(a)
    ]
    pulled = set(touched)
    # Reports of one agreement share a party (see `same_agreement`): only those are compared.
    by_party: dict[str, list[Agreement]] = defaultdict(list)
    for a in agreements:
        if a.group and a.id not in changed:
            for party in a.parties:
                by_party[party].append(a)
    for c in changed_free:
        for party in c.parties:
            for a in by_party.get(party, ()):
                if a.group not in pulled and same_agreement(c, a):
                    pulled.add(a.group)
    pool = [a for a in agreements if a.id in changed or (a.group in pulled and a.id not in changed)]
    regrouped, pool_groups = regroup(pool)
    by_id = {a.id: a for a in regrouped}
    kept = [g for g in groups if g.id not in pulled]
    out = tuple(by_id.get(a.id, a) for a in agreements)
    return out, (*kept, *pool_groups)


def _user_group(agreement: Agreement) -> str:
    return agreement.group if "group" in agreement.review.edited_fields else ""
