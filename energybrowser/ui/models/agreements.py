"""The agreements ledger as a table. Reports of the same agreement (same `group`) can show as one row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from energybrowser.agreements.model import Agreement

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[str, ...] = (
    "Date",
    "Parties",
    "Type",
    "Status",
    "Reports",
    "Subject",
    "Quantities",
    "Article",
)
CONFLICT_MARK = "⚠"
CONFLICT_COLOR = "#c0392b"  # readable on light and dark bases


@dataclass(frozen=True)
class AgreementRow:
    """One row: an agreement, or a group of reports of one agreement (the first report leads)."""

    reports: tuple[Agreement, ...]

    @property
    def lead(self) -> Agreement:
        return self.reports[0]

    @property
    def conflicts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for a in self.reports for c in a.conflicts))

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for a in self.reports for p in a.parties))

    @property
    def quantities(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q for a in self.reports for q in a.quantities))

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.article for a in self.reports))


def group_rows(agreements: Sequence[Agreement], grouped: bool) -> list[AgreementRow]:
    if not grouped:
        return [AgreementRow((a,)) for a in agreements]
    groups: dict[str, list[Agreement]] = {}
    for agreement in agreements:
        groups.setdefault(agreement.group or agreement.id, []).append(agreement)
    return [AgreementRow(tuple(reports)) for reports in groups.values()]


def _first(*values: str) -> str:
    return next((v for v in values if v), "")


class AgreementsModel(QAbstractTableModel):
    AgreementRole = Qt.ItemDataRole.UserRole + 1  # the AgreementRow
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, title_of: Callable[[str], str] | None = None, parent: object | None = None) -> None:
        super().__init__(parent)
        self._title_of = title_of or (lambda article_id: article_id)
        self._agreements: tuple[Agreement, ...] = ()
        self._grouped = True
        self._rows: list[AgreementRow] = []

    # --- content -------------------------------------------------------------------------------
    def set_agreements(self, agreements: Sequence[Agreement]) -> None:
        self.beginResetModel()
        self._agreements = tuple(agreements)
        self._rows = group_rows(self._agreements, self._grouped)
        self.endResetModel()

    def set_grouped(self, grouped: bool) -> None:
        if grouped != self._grouped:
            self._grouped = grouped
            self.set_agreements(self._agreements)

    @property
    def grouped(self) -> bool:
        return self._grouped

    def row_at(self, row: int) -> AgreementRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[AgreementRow]:
        return list(self._rows)

    def cell_text(self, row: AgreementRow, column: int) -> str:
        lead = row.lead
        match COLUMNS[column]:
            case "Parties":
                return ", ".join(row.parties)
            case "Type":
                return lead.type
            case "Status":
                return lead.status + (" (vague)" if lead.vague else "")
            case "Date":
                return _first(*(a.date_iso or a.date for a in row.reports))
            case "Subject":
                return _first(*(a.subject for a in row.reports))
            case "Quantities":
                return "; ".join(row.quantities)
            case "Reports":
                count = len(row.reports)
                text = f"{count} report{'s' if count != 1 else ''}"
                return f"{CONFLICT_MARK} {text}" if row.conflicts else text
            case "Article":
                return "; ".join(self._title_of(a) for a in row.articles)
        return ""

    # --- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section] == "Reports":
                return f"Articles reporting the agreement; {CONFLICT_MARK} when they disagree"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, column)
        if role == self.SortRole:
            if COLUMNS[column] == "Reports":
                return len(row.reports)
            return self.cell_text(row, column).casefold()
        if role == self.AgreementRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and row.conflicts and COLUMNS[column] == "Reports":
            return QColor(CONFLICT_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"“{row.lead.evidence.text}”"]
            if len(row.reports) > 1:
                lines.append("Reported by: " + "; ".join(self._title_of(a) for a in row.articles))
            if row.conflicts:
                lines.append("Reports disagree: " + "; ".join(row.conflicts))
            return "\n".join(lines)
        return None
