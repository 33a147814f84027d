"""`energybrowser review ACTION ...`: confirm, reject, edit and add agreements, correct metadata and
entities, move reviews between machines. JSON in (`--values`, `batch`) and out (`--json`), so a
script or a second analyst can apply a batch of reviews."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from energybrowser.agreements.model import REVIEW_STATES, Agreement
from energybrowser.cli import UserError, add_common_options
from energybrowser.cli.common import print_json
from energybrowser.cli.review_support import (
    ReviewContext,
    find_quote,
    open_context,
    opened_contexts,
    parse_sets,
    read_json_arg,
)
from energybrowser.curation.aliases import UserGazetteer
from energybrowser.curation.fields import EDITABLE_FIELDS, FieldError
from energybrowser.curation.metadata import META_FIELDS
from energybrowser.curation.session import user_gazetteer_path
from energybrowser.curation.store import CurationFormatError

NAME = "review"
HELP = "review the agreements ledger: confirm, reject, edit, add; correct metadata and entities"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help: str, run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help, description=help)
        add_common_options(sub)
        sub.set_defaults(_run=run if name in READ_ONLY else _backed_up(run))
        return sub

    listing = action("list", "list the reviews and those that need a look", _list)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--state", choices=REVIEW_STATES[1:], help="only reviews in this state")

    for name, help, run in (
        ("confirm", "the agreement is correct as it stands", _confirm),
        ("reject", "not an agreement: leave it out of the ledger", _reject),
        ("edit", f"set fields ({', '.join(EDITABLE_FIELDS[:-2])})", _edit),
        ("move", "the agreement is stated by another sentence (--quote)", _move),
        ("split", "take the agreement out of its group (a row of its own)", _split),
        ("clear", "forget the review: the agreement is as extracted again", _clear),
    ):
        sub = action(name, help, run)
        sub.add_argument("agreement", metavar="AGREEMENT_ID", help="as `energybrowser agreements` lists it")
        sub.add_argument("--json", action="store_true", help="print the reviewed agreement as JSON")
        if name in ("confirm", "edit"):
            sub.add_argument("--note", help="a remark kept with the review")
        if name == "reject":
            sub.add_argument("--reason", default="", help="why it is not an agreement")
        if name == "edit":
            _value_options(sub)
        if name == "move":
            sub.add_argument("--quote", required=True, help="the words of the sentence that states it")

    merge = action("merge", "the agreements are one agreement (one row, across articles)", _merge)
    merge.add_argument("agreements", metavar="AGREEMENT_ID", nargs="+")
    merge.add_argument("--json", action="store_true")

    add = action("add", "add an agreement the extractor missed, stated by a quoted sentence", _add)
    add.add_argument("article", metavar="ARTICLE_ID")
    add.add_argument("--quote", required=True, help="the words of the sentence that states it")
    add.add_argument("--note", default="", help="a remark kept with the review")
    add.add_argument("--json", action="store_true", help="print the added agreement as JSON")
    _value_options(add)

    meta = action("metadata", f"correct an article's metadata ({', '.join(META_FIELDS)})", _metadata)
    meta.add_argument("article", metavar="ARTICLE_ID")
    meta.add_argument("--set", action="append", metavar="FIELD=VALUE", help="e.g. --set title='A title'")
    meta.add_argument("--values", metavar="JSON", help="the fields as a JSON object (or a file, or -)")
    meta.add_argument("--clear", action="store_true", help="drop the corrections: as the file states it")
    meta.add_argument("--json", action="store_true")

    entity = action("entity", "correct one mention of an entity in an article", _entity)
    entity.add_argument("article", metavar="ARTICLE_ID")
    entity.add_argument("--quote", required=True, help="the mention's words (with more words if repeated)")
    entity.add_argument("--wrong", action="store_true", help="it is not an entity")
    entity.add_argument("--type", default="", help="its type instead")
    entity.add_argument("--canonical", default="", help="the entity it names instead")

    alias = action("alias", "treat a name as an alias of an entity, everywhere (re-analyses)", _alias)
    alias.add_argument("alias", metavar="NAME")
    alias.add_argument("canonical", metavar="ENTITY")
    alias.add_argument("--type", default="", help="the entity's type, when the gazetteer does not know it")

    batch = action("batch", "apply a JSON list of actions (a file, or - for standard input)", _batch)
    batch.add_argument("file", metavar="FILE")
    batch.add_argument("--json", action="store_true", help="print each action's result as JSON")

    export = action("export", "write every review, correction and override to a JSON file", _export)
    export.add_argument("file", metavar="FILE", help="the file to write (- for standard output)")
    imp = action("import", "merge reviews from a JSON file written by `review export`", _import)
    imp.add_argument("file", metavar="FILE")


READ_ONLY = ("list", "export")


def _backed_up(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A writing action, then a fresh backup of the user data beside the catalogue: what the
    analyst just did survives a damaged catalogue."""

    def write_and_back_up(args: argparse.Namespace) -> int:
        status = run(args)
        for ctx in opened_contexts():
            ctx.keep_ledger_rows()
            ctx.library.catalogue.backup_user_data(force=True)
        return status

    return write_and_back_up


def _value_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set", action="append", metavar="FIELD=VALUE", help="e.g. --set 'parties=SOCAR; KazMunayGas'"
    )
    parser.add_argument("--values", metavar="JSON", help="the fields as a JSON object (or a file, or -)")


def run(args: argparse.Namespace) -> int:  # the actions set their own _run
    raise UserError("say what to do: energybrowser review --help")


# --- actions ---------------------------------------------------------------------------------------


def _values(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if getattr(args, "values", None):
        data = read_json_arg(args.values)
        if not isinstance(data, dict):
            raise UserError("--values must be a JSON object of fields")
        values.update(data)
    values.update(parse_sets(getattr(args, "set", None)))
    return values


def _report(ctx: ReviewContext, agreement_id: str, as_json: bool) -> int:
    agreement = ctx.agreement(agreement_id)
    if as_json:
        print_json(agreement.to_json())
    else:
        print(f"{agreement.id}: {_mark(agreement)}")
    return 0


def _mark(agreement: Agreement) -> str:
    review = agreement.review
    text = review.state
    if review.edited_fields:
        text += f" ({', '.join(review.edited_fields)})"
    return text + (f": {review.note}" if review.note else "")


def _guarded(action: Callable[[], Any]) -> Any:
    try:
        return action()
    except FieldError as exc:
        raise UserError(str(exc)) from None


def _confirm(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    _guarded(lambda: ctx.curation.confirm(ctx.agreement(args.agreement), args.note))
    return _report(ctx, args.agreement, args.json)


def _reject(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    _guarded(lambda: ctx.curation.reject(ctx.agreement(args.agreement), args.reason))
    return _report(ctx, args.agreement, args.json)


def _edit(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    values = _values(args)
    if not values and args.note is None:
        raise UserError("nothing to edit: give --set FIELD=VALUE or --values JSON")
    agreement = ctx.agreement(args.agreement)
    if values:
        _guarded(lambda: ctx.curation.edit(agreement, values))
    if args.note is not None:
        _guarded(lambda: ctx.curation.confirm(ctx.agreement(args.agreement), args.note))
    return _report(ctx, args.agreement, args.json)


def _move(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    agreement = ctx.agreement(args.agreement)
    start, end = find_quote(ctx.article(agreement.article), args.quote)
    _guarded(lambda: ctx.curation.move_evidence(agreement, start, end))
    return _report(ctx, args.agreement, args.json)


def _split(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    ledger = ctx.ledger()
    agreement = ctx.agreement(args.agreement, ledger)
    if not any(a.group == agreement.group and a.id != agreement.id for a in ledger.visible if a.group):
        # Nothing to take it out of: storing a group of its own would only mark it edited.
        raise UserError(f"{agreement.id} is the only report of its agreement: there is nothing to split")
    _guarded(lambda: ctx.curation.set_group([agreement], _user_group()))
    return _report(ctx, args.agreement, args.json)


def _merge(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    ledger = ctx.ledger()
    chosen = [ctx.agreement(i, ledger) for i in dict.fromkeys(args.agreements)]
    if len(chosen) < 2:
        raise UserError("merge takes two or more agreements")
    # Every report of the chosen rows joins: merging two rows merges their groups.
    members = [a for a in ledger.visible if any(a.group and a.group == c.group for c in chosen)]
    members = list({a.id: a for a in [*chosen, *members]}.values())
    _guarded(lambda: ctx.curation.set_group(members, _user_group()))
    if args.json:
        ledger = ctx.ledger()
        print_json([ctx.agreement(a.id, ledger).to_json() for a in members])
    else:
        print(f"{len(members)} report(s) are one agreement: {', '.join(a.id for a in members)}")
    return 0


def _user_group() -> str:
    return f"u-{uuid.uuid4().hex[:10]}"


def _clear(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    ctx.curation.forget(ctx.agreement(args.agreement))
    return _report(ctx, args.agreement, args.json)


def _add(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    article = ctx.article(args.article)
    start, end = find_quote(article, args.quote)
    change = _guarded(lambda: ctx.curation.add(article.id, start, end, _values(args), args.note))
    added = next(a for a in ctx.ledger().agreements if a.review.review_id == change.after.id)
    if args.json:
        print_json(added.to_json())
    else:
        print(f"{added.id}: added")
    return 0


def _metadata(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    article = ctx.article(args.article)
    values = _values(args)
    if args.clear and values:
        raise UserError("--clear drops every correction: give it without --set or --values")
    if not values and not args.clear:
        raise UserError("nothing to change: give --set FIELD=VALUE, --values JSON or --clear")
    if args.clear:
        change = _guarded(lambda: ctx.curation.clear_metadata(article.id))
    else:
        change = _guarded(lambda: ctx.curation.edit_metadata(article.id, values))
    shown = ctx.curation.shown_article(article)
    if args.json:
        print_json(change.after.to_json() if change.after else {"article": article.id, "values": {}})
    else:
        print(f"{article.id}: {shown.display_title}")
    return 0


def _entity(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    article = ctx.article(args.article)
    start, end = find_quote(article, args.quote)
    _guarded(
        lambda: ctx.curation.correct_entity(
            article.id, start, end, wrong=args.wrong, type=args.type, canonical=args.canonical
        )
    )
    ctx.library.apply_corrections()  # the library-wide mentions and facets, and the next search
    print(f"{article.id}: '{args.quote}' corrected")
    return 0


def _alias(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    entry = _guarded(
        lambda: UserGazetteer(user_gazetteer_path(ctx.paths)).add_alias(args.alias, args.canonical, args.type)
    )
    print(f"'{args.alias}' now names {entry.canonical} ({entry.type}); articles are analysed again with it")
    return 0


def _list(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    ledger = ctx.ledger()
    reviewed = [a for a in ledger.agreements if a.review.state != "unreviewed"]
    if args.state:
        reviewed = [a for a in reviewed if a.review.state == args.state]
    needs_look = (*ledger.needs_look, *ctx.library.entity_corrections_needing_a_look())
    corrections = ctx.curation.store.entity_corrections()
    overrides = ctx.curation.store.metadata_overrides()
    if args.json:
        print_json(
            {
                "reviewed": [a.to_json() for a in reviewed],
                "entity_corrections": [c.to_json() for c in corrections],
                "metadata_overrides": [o.to_json() for o in overrides.values()],
                "needs_look": [n.to_json() for n in needs_look],
            }
        )
        return 0
    for a in reviewed:
        print(f"{a.id}  {_mark(a)}")
    for o in overrides.values():
        print(f"{o.article}  metadata: {', '.join(o.values)}")
    for c in corrections:
        what = "not an entity" if c.wrong else " ".join(x for x in (c.type, c.canonical) if x)
        print(f"{c.article}  entity “{c.anchor.exact}”: {what}")
    for n in needs_look:
        print(f"NEEDS A LOOK {n.review_id} in {n.article}: {n.reason}\n    “{n.quote}”")
    print(
        f"{len(reviewed)} reviewed agreement(s), {len(overrides)} metadata override(s), "
        f"{len(corrections)} entity correction(s); {len(needs_look)} need a look"
    )
    return 0


# --- batch, export, import -------------------------------------------------------------------------

BATCH_ACTIONS = ("confirm", "reject", "edit", "add", "move", "clear", "metadata")


def _batch(args: argparse.Namespace) -> int:
    """Each item: {"action": ..., "agreement": id | "article": id, "values": {...}, "quote": ...,
    "reason"/"note": ...}. Every item is checked and applied in one transaction: all or nothing."""
    items = read_json_arg(args.file)
    if not isinstance(items, list):
        raise UserError("a batch is a JSON list of actions")
    ctx = open_context(args)
    results: list[dict[str, Any]] = []
    with ctx.curation.store.transaction():
        for number, item in enumerate(items, 1):
            try:
                results.append(_batch_item(ctx, item))
            except (UserError, FieldError) as exc:
                raise UserError(f"action {number}: {exc} (nothing was applied)") from None
    ledger = ctx.ledger()
    for result in results:
        agreement = ledger.get(result.get("agreement", ""))
        if agreement is not None:
            result["review"] = agreement.review.to_json()
    if args.json:
        print_json(results)
    else:
        print(f"{len(results)} action(s) applied")
    return 0


def _batch_item(ctx: ReviewContext, item: Any) -> dict[str, Any]:
    if not isinstance(item, dict) or item.get("action") not in BATCH_ACTIONS:
        raise UserError(f'each action needs "action": one of {", ".join(BATCH_ACTIONS)}')
    kind = item["action"]
    values = item.get("values") or {}
    if not isinstance(values, dict):
        raise UserError('"values" must be an object')
    curation = ctx.curation
    if kind == "add":
        article = ctx.article(str(item.get("article", "")))
        start, end = find_quote(article, str(item.get("quote", "")))
        review = curation.add(article.id, start, end, values, str(item.get("note", ""))).after
        assert review is not None  # adding always stores a review
        added = next(a for a in ctx.ledger().agreements if a.review.review_id == review.id)
        return {"action": kind, "agreement": added.id}
    if kind == "metadata":
        article = ctx.article(str(item.get("article", "")))
        curation.edit_metadata(article.id, values)
        return {"action": kind, "article": article.id}
    agreement = ctx.agreement(str(item.get("agreement", "")))
    if kind == "confirm":
        curation.confirm(agreement, item.get("note"))
    elif kind == "reject":
        curation.reject(agreement, str(item.get("reason", "")))
    elif kind == "edit":
        curation.edit(agreement, values)
    elif kind == "move":
        start, end = find_quote(ctx.article(agreement.article), str(item.get("quote", "")))
        curation.move_evidence(agreement, start, end)
    else:
        curation.forget(agreement)
    return {"action": kind, "agreement": agreement.id}


def _export(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    data = ctx.curation.store.export_json()
    data["user_gazetteer"] = [
        e.to_json() for e in _guarded(UserGazetteer(user_gazetteer_path(ctx.paths)).entries)
    ]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.file == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.file)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    count = len(data["agreement_reviews"])
    print(
        f"{count} review(s), {len(data['entity_corrections'])} entity correction(s), "
        f"{len(data['metadata_overrides'])} metadata override(s) written to {target}"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    data = read_json_arg(args.file)
    ctx = open_context(args)
    try:
        counts = ctx.curation.store.import_json(data)
    except CurationFormatError as exc:
        raise UserError(str(exc)) from None
    aliases = 0
    gazetteer = UserGazetteer(user_gazetteer_path(ctx.paths))
    for entry in data.get("user_gazetteer") or []:
        for alias in entry.get("aliases") or ():
            _guarded(partial(gazetteer.add_alias, alias, entry["canonical"], entry.get("type", "")))
            aliases += 1
    ctx.library.apply_corrections()
    print(f"imported: {counts}; {aliases} alias(es)")
    return 0
