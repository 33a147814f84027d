"""The selected agreement in full, as rich text: every field the ledger row merges from its reports
(`agreements.ledger`), each report's evidence sentence with its paragraph, and where reports
disagree. Values are escaped; no links."""

from __future__ import annotations

from collections.abc import Callable

from energybrowser.agreements.ledger import AgreementRow, short_date
from energybrowser.agreements.model import Agreement
from energybrowser.ui.models.agreements import (
    CONFLICT_COLOR,
    CONFLICT_MARK,
    date_text,
    readable_conflicts,
    review_tooltip,
)
from energybrowser.ui.plain import html_text

QUOTE_LIMIT = 2000  # an evidence sentence; a longer one is shortened with an ellipsis

PARTIES_FROM = {
    "neighbour": "from a neighbouring sentence",
    "article": "the article's two main countries",
}


def _field(label: str, value: str) -> str:
    return f"<tr><td style='padding-right:8px'><b>{html_text(label)}</b></td><td>{value}</td></tr>"


def _report(report: Agreement, title: str) -> str:
    where = f"para. {report.evidence.paragraph}" if report.evidence.paragraph else "no paragraph"
    quote = f"“{html_text(report.evidence.text, QUOTE_LIMIT)}”"
    return f"<p style='margin:4px 0'>{quote}<br><i>{html_text(title)}</i>, {where}</p>"


def details_html(row: AgreementRow, title_of: Callable[[str], str]) -> str:
    lead = row.lead
    what = html_text(lead.document or lead.type)
    status = html_text(lead.status) + (
        " <i>(vague: the text does not name the document)</i>" if lead.vague else ""
    )
    rows = [_field("Document", what), _field("Status", status)]
    parties = html_text(", ".join(row.parties)) if row.parties else "<i>not named</i>"
    origin = PARTIES_FROM.get(lead.parties_source)
    rows.append(_field("Parties", parties + (f" <i>({origin})</i>" if origin and row.parties else "")))
    if row.signatories:
        rows.append(_field("Signed by", html_text(", ".join(row.signatories))))
    date = row.date
    if date.reported:
        when = f"<i>not stated; {html_text(date_text(date))}</i>" if date.known else "<i>not stated</i>"
    else:
        stated = row.stated_date
        when = html_text(date_text(date)) + (f" <i>(“{html_text(stated)}”)</i>" if stated else "")
    rows.append(_field("Date", when))
    if row.place:
        rows.append(_field("Place", html_text(row.place)))
    if row.subject:
        rows.append(_field("Subject", html_text(row.subject)))
    if row.quantities:
        rows.append(_field("Quantities", html_text("; ".join(row.quantities))))
    reported = row.reported_dates
    if reported and not date.reported:
        rows.append(_field("Reported", html_text(", ".join(short_date(r) for r in reported))))
    if row.review_state != "unreviewed":
        rows.append(_field("Review", html_text(review_tooltip(row))))
    parts = [f"<table cellspacing='0'>{''.join(rows)}</table>"]
    if row.conflicts:
        conflicts = html_text(readable_conflicts(row, title_of))
        parts.append(f"<p style='color:{CONFLICT_COLOR}'>{CONFLICT_MARK} Reports disagree: {conflicts}</p>")
    count = len(row.reports)
    parts.append(f"<p style='margin-top:6px'><b>Evidence</b> ({count} report{'s' if count != 1 else ''})</p>")
    parts.extend(_report(r, title_of(r.article)) for r in row.reports)
    return "".join(parts)
