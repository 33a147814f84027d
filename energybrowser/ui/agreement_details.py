"""The selected agreement in full, as rich text: every field the ledger row merges from its reports
(`agreements.ledger`), each report's evidence sentence with its paragraph, and where reports
disagree. Values are escaped; no links."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from energybrowser.agreements.ledger import AgreementRow, short_date
from energybrowser.agreements.model import Agreement
from energybrowser.ui.models.agreements import CONFLICT_COLOR, CONFLICT_MARK, date_text, readable_conflicts

PARTIES_FROM = {
    "neighbour": "from a neighbouring sentence",
    "article": "the article's two main countries",
}


def _field(label: str, value: str) -> str:
    return f"<tr><td style='padding-right:8px'><b>{escape(label)}</b></td><td>{value}</td></tr>"


def _report(report: Agreement, title: str) -> str:
    where = f"para. {report.evidence.paragraph}" if report.evidence.paragraph else "no paragraph"
    quote = f"“{escape(report.evidence.text)}”"
    return f"<p style='margin:4px 0'>{quote}<br><i>{escape(title)}</i>, {where}</p>"


def details_html(row: AgreementRow, title_of: Callable[[str], str]) -> str:
    lead = row.lead
    what = escape(lead.document or lead.type)
    status = escape(lead.status) + (
        " <i>(vague: the text does not name the document)</i>" if lead.vague else ""
    )
    rows = [_field("Document", what), _field("Status", status)]
    parties = escape(", ".join(row.parties)) if row.parties else "<i>not named</i>"
    origin = PARTIES_FROM.get(lead.parties_source)
    rows.append(_field("Parties", parties + (f" <i>({origin})</i>" if origin and row.parties else "")))
    if row.signatories:
        rows.append(_field("Signed by", escape(", ".join(row.signatories))))
    date = row.date
    if date.reported:
        when = f"<i>not stated; {escape(date_text(date))}</i>" if date.known else "<i>not stated</i>"
    else:
        stated = row.stated_date
        when = escape(date_text(date)) + (f" <i>(“{escape(stated)}”)</i>" if stated else "")
    rows.append(_field("Date", when))
    if row.place:
        rows.append(_field("Place", escape(row.place)))
    if row.subject:
        rows.append(_field("Subject", escape(row.subject)))
    if row.quantities:
        rows.append(_field("Quantities", escape("; ".join(row.quantities))))
    reported = row.reported_dates
    if reported and not date.reported:
        rows.append(_field("Reported", escape(", ".join(short_date(r) for r in reported))))
    parts = [f"<table cellspacing='0'>{''.join(rows)}</table>"]
    if row.conflicts:
        conflicts = escape(readable_conflicts(row, title_of))
        parts.append(f"<p style='color:{CONFLICT_COLOR}'>{CONFLICT_MARK} Reports disagree: {conflicts}</p>")
    count = len(row.reports)
    parts.append(f"<p style='margin-top:6px'><b>Evidence</b> ({count} report{'s' if count != 1 else ''})</p>")
    parts.extend(_report(r, title_of(r.article)) for r in row.reports)
    return "".join(parts)
