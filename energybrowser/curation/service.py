"""The one curation API the window and the command line call: review actions on agreements, metadata
overrides, entity corrections, each stored at once and returned as a `Change` that undo reverses.

It knows the articles (as their files state them) through a lookup, and the store; what the ledger
shows is `ledger(extracted)`, recomputed from both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from energybrowser.agreements.grouping import AgreementGroup
from energybrowser.agreements.model import Agreement
from energybrowser.corpus.model import Article
from energybrowser.curation import records
from energybrowser.curation.aliases import Aliases, UserGazetteer
from energybrowser.curation.anchor import TextQuote, quote_at
from energybrowser.curation.apply import ReviewedLedger, apply_reviews
from energybrowser.curation.entities import EntityCorrection, apply_entity_corrections
from energybrowser.curation.fields import FieldError, canonical_names
from energybrowser.curation.metadata import MetadataOverride, apply_metadata, override_metadata
from energybrowser.curation.records import AgreementReview
from energybrowser.curation.store import CurationStore
from energybrowser.entities.model import EntitySpan

T = TypeVar("T")


@dataclass(frozen=True)
class Change(Generic[T]):
    """One stored action: the record before and after (None: there was none / there is none)."""

    description: str
    before: T | None
    after: T | None


class Curation:
    def __init__(
        self,
        store: CurationStore,
        article_of: Callable[[str], Article | None],
        gazetteer: UserGazetteer | None = None,
    ) -> None:
        self.store = store
        self._article_of = article_of
        self.gazetteer = gazetteer  # the user's names for entities (None: not editable here)

    # --- reading ---------------------------------------------------------------------------------
    def ledger(
        self, extracted: Sequence[Agreement], groups: Sequence[AgreementGroup] | None = None
    ) -> ReviewedLedger:
        """The reviewed ledger; with the extracted `groups`, only what reviews touch is regrouped."""
        return apply_reviews(extracted, self.store.reviews(), self.article, groups)

    def article(self, article_id: str) -> Article | None:
        """The article as its file states it (overrides not applied: reviews anchor to its text)."""
        return self._article_of(article_id)

    def shown_article(self, article: Article) -> Article:
        """The article as the analyst corrected its metadata: what lists show and citations cite."""
        return apply_metadata(article, self.store.metadata_override(article.id))

    def entities(self, entities: Mapping[str, tuple[EntitySpan, ...]]) -> dict[str, tuple[EntitySpan, ...]]:
        corrected, _problems = apply_entity_corrections(
            entities, self.store.entity_corrections(), self.article
        )
        return corrected

    def review_of(self, agreement: Agreement) -> AgreementReview:
        """The agreement's stored review, or a fresh one anchored to its evidence."""
        if agreement.review.review_id:
            stored = self.store.review(agreement.review.review_id)
            if stored is not None:
                return stored
        article = self._require(agreement.article)
        return records.start_review(agreement, article.text)

    # --- agreement reviews --------------------------------------------------------------------
    def confirm(self, agreement: Agreement, note: str | None = None) -> Change[AgreementReview]:
        return self._save("Confirm agreement", agreement, lambda r: records.confirm(r, note))

    def reject(self, agreement: Agreement, reason: str = "") -> Change[AgreementReview]:
        return self._save("Reject agreement", agreement, lambda r: records.reject(r, reason))

    def edit(
        self, agreement: Agreement, changes: Mapping[str, Any], note: str | None = None
    ) -> Change[AgreementReview]:
        named = canonical_names(changes)
        return self._save("Edit agreement", agreement, lambda r: records.edit(r, named, note=note))

    def move_evidence(self, agreement: Agreement, start: int, end: int) -> Change[AgreementReview]:
        quote = self._quote(agreement.article, start, end)
        return self._save("Move evidence", agreement, lambda r: records.move_evidence(r, quote))

    def set_group(self, agreements: Sequence[Agreement], group: str) -> list[Change[AgreementReview]]:
        """Make the rows one agreement (a shared new group), or give one report a group of its own."""
        return [self._save("Group agreements", a, lambda r: records.set_group(r, group)) for a in agreements]

    def add(
        self, article_id: str, start: int, end: int, values: Mapping[str, Any], note: str = ""
    ) -> Change[AgreementReview]:
        quote = self._quote(article_id, start, end)
        review = records.add_review(article_id, quote, canonical_names(values), note)
        self.store.put_review(review)
        return Change("Add agreement", None, review)

    def forget(self, agreement: Agreement) -> Change[AgreementReview]:
        """Drop the review: the agreement is as extracted again."""
        return self.forget_review(agreement.review.review_id)

    def forget_review(self, review_id: str) -> Change[AgreementReview]:
        """Drop a review by its id (one that needs a look has no agreement to name it by)."""
        before = self.store.review(review_id) if review_id else None
        if before is not None:
            self.store.delete_review(before.id)
        return Change("Clear review", before, None)

    def _save(
        self, description: str, agreement: Agreement, action: Callable[[AgreementReview], AgreementReview]
    ) -> Change[AgreementReview]:
        current = self.review_of(agreement)
        stored = self.store.review(current.id)
        after = action(current)
        self.store.put_review(after)
        return Change(description, stored, after)

    # --- metadata ---------------------------------------------------------------------------------
    def edit_metadata(self, article_id: str, changes: Mapping[str, Any]) -> Change[MetadataOverride]:
        article = self._require(article_id)
        before = self.store.metadata_override(article_id)
        after = override_metadata(before, article.meta, changes, records.now())
        self.store.put_metadata_override(after)
        return Change("Edit metadata", before, after if after.values else None)

    def clear_metadata(self, article_id: str) -> Change[MetadataOverride]:
        """Drop the article's override: its metadata is as its file states it again."""
        self._require(article_id)
        before = self.store.metadata_override(article_id)
        if before is not None:
            self.store.delete_metadata_override(article_id)
        return Change("Clear metadata", before, None)

    # --- entities --------------------------------------------------------------------------------
    def correct_entity(
        self,
        article_id: str,
        start: int,
        end: int,
        *,
        wrong: bool = False,
        type: str = "",
        canonical: str = "",
    ) -> Change[EntityCorrection]:
        at = records.now()
        correction = EntityCorrection(
            id=records.new_id("e"),
            article=article_id,
            anchor=self._quote(article_id, start, end),
            wrong=wrong,
            type=type,
            canonical=canonical,
            created=at,
            updated=at,
        )
        self.store.put_entity_correction(correction)
        return Change("Correct entity", None, correction)

    def add_alias(self, alias: str, canonical: str, type: str = "") -> Change[Aliases]:
        """Make `alias` a name of `canonical` everywhere; the caller re-analyses the articles."""
        if self.gazetteer is None:
            raise FieldError("aliases cannot be added here")
        before = Aliases(tuple(self.gazetteer.entries()))
        self.gazetteer.add_alias(alias, canonical, type)
        return Change("Add alias", before, Aliases(tuple(self.gazetteer.entries())))

    # --- undo / redo -----------------------------------------------------------------------------
    def undo(self, changes: Sequence[Change[Any]]) -> bool:
        """Put the records back as they were before `changes`, all or none: False (nothing done)
        when one of them was changed since by someone else (the command line, another window),
        whose work undo must not overwrite."""
        return self._step([(c.after, c.before) for c in reversed(changes)])

    def redo(self, changes: Sequence[Change[Any]]) -> bool:
        """Do `changes` again, all or none: False when a record is no longer as they found it."""
        return self._step([(c.before, c.after) for c in changes])

    def _step(self, steps: list[tuple[object, object]]) -> bool:
        with self.store.transaction():
            if any(not self._is_current(old, new) for old, new in steps):
                return False
            for old, new in steps:
                self._put(old, new)
        return True

    def _is_current(self, expected: object, new: object) -> bool:
        """Whether the store holds `expected` (None: no record) where `new` is to go."""
        record = expected if expected is not None else new
        if isinstance(record, AgreementReview):
            if self.store.review(record.id) != expected:
                return False
            # A review to be put back where there is none: the agreement may have been reviewed
            # elsewhere meanwhile (a review of its own); two would contradict each other.
            return not (
                isinstance(new, AgreementReview) and expected is None and _reviewed_elsewhere(self.store, new)
            )
        if isinstance(record, MetadataOverride):
            return self.store.metadata_override(record.article) == expected
        if isinstance(record, EntityCorrection):
            return self.store.entity_correction(record.id) == expected
        if isinstance(record, Aliases) and self.gazetteer is not None:
            return Aliases(tuple(self.gazetteer.entries())) == expected
        return True

    def _put(self, old: object, new: object) -> None:
        if new is None:
            if isinstance(old, AgreementReview):
                self.store.delete_review(old.id)
            elif isinstance(old, MetadataOverride):
                self.store.delete_metadata_override(old.article)
            elif isinstance(old, EntityCorrection):
                self.store.delete_entity_correction(old.id)
        elif isinstance(new, AgreementReview):
            self.store.put_review(new)
        elif isinstance(new, MetadataOverride):
            self.store.put_metadata_override(new)
        elif isinstance(new, EntityCorrection):
            self.store.put_entity_correction(new)
        elif isinstance(new, Aliases) and self.gazetteer is not None:
            self.gazetteer.replace_all(new.entries)

    # --- helpers ---------------------------------------------------------------------------------
    def _require(self, article_id: str) -> Article:
        article = self._article_of(article_id)
        if article is None:
            raise FieldError(f"no article with id {article_id!r}")
        return article

    def _quote(self, article_id: str, start: int, end: int) -> TextQuote:
        text = self._require(article_id).text
        if not 0 <= start < end <= len(text) or not text[start:end].strip():
            raise FieldError(f"no text at {start}:{end} in {article_id}")
        return quote_at(text, start, end)


def _reviewed_elsewhere(store: CurationStore, review: AgreementReview) -> bool:
    """Whether another review of the store names the agreement `review` names (same article,
    evidence and kind); an agreement the analyst added is its own."""
    if review.added:
        return False
    return any(
        r.id != review.id and not r.added and r.anchor == review.anchor and r.kind == review.kind
        for r in store.reviews(review.article)
    )
