"""The entity legend: a colour swatch and a checkbox per entity type."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QPointF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QSizePolicy, QWidget

from energybrowser.render.palette import LegendEntry, palette_for

_PEN_STYLES = {
    "solid": Qt.PenStyle.SolidLine,
    "dotted": Qt.PenStyle.DotLine,
    "dashed": Qt.PenStyle.DashLine,
    "dot-dash": Qt.PenStyle.DashDotLine,
    "dot-dot-dash": Qt.PenStyle.DashDotDotLine,
}


def swatch(background: str, foreground: str, underline: str = "none", size: int = 14) -> QIcon:
    """The type's colour with its underline drawn along the bottom, as the reader shows a mention."""
    width = size * 2
    pixmap = QPixmap(width, size)
    pixmap.fill(QColor(background))
    painter = QPainter(pixmap)
    painter.setPen(QColor(foreground))
    painter.drawRect(0, 0, width - 1, size - 1)
    base = size - 4
    if underline == "wave":
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        points = [QPointF(x, base - (1.5 if (x // 3) % 2 else -0.5)) for x in range(2, width - 2, 3)]
        painter.drawPolyline(points)
    elif underline in _PEN_STYLES:
        pen = QPen(QColor(foreground), 1, _PEN_STYLES[underline])
        painter.setPen(pen)
        painter.drawLine(2, base, width - 3, base)
    painter.end()
    return QIcon(pixmap)


SWATCH_SIZE = QSize(28, 14)


class EntityLegend(QWidget):
    """Shows which colour marks which entity type and lets the user switch types on and off."""

    #: The set of checked (highlighted) entity types changed.
    types_changed = Signal(frozenset)

    def __init__(self, parent: QWidget | None = None, *, columns: int = 5, dark: bool = False) -> None:
        super().__init__(parent)
        self._max_columns = max(1, columns)
        self._columns = self._max_columns
        self._boxes: dict[str, QCheckBox] = {}
        self._entries: tuple[LegendEntry, ...] = ()
        self._counts: dict[str, int] = {}
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._layout.setHorizontalSpacing(12)
        self._layout.setVerticalSpacing(2)
        self._layout.setSizeConstraint(QGridLayout.SizeConstraint.SetNoConstraint)
        # The legend wraps to the width it gets rather than holding the reader at its full width.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.set_entries(palette_for(dark).legend())

    def columns(self) -> int:
        return self._columns

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow(event.size().width())

    def needed_height(self) -> int:
        """The height of its rows at the current number of columns."""
        rows = -(-len(self._boxes) // self._columns) if self._boxes else 0
        box_height = max((b.sizeHint().height() for b in self._boxes.values()), default=0)
        margins = self._layout.contentsMargins()
        return margins.top() + margins.bottom() + rows * box_height + max(0, rows - 1) * 2

    def _fitting_columns(self, width: int) -> int:
        """The most columns (up to the maximum) whose widest boxes fit side by side in `width`."""
        widths = [self._boxes[e.type].sizeHint().width() for e in self._entries if e.type in self._boxes]
        margins = self._layout.contentsMargins()
        room = width - margins.left() - margins.right()
        spacing = self._layout.horizontalSpacing()
        for columns in range(min(self._max_columns, max(1, len(widths))), 1, -1):
            needed = sum(max(widths[c::columns]) for c in range(columns)) + spacing * (columns - 1)
            if needed <= room:
                return columns
        return 1

    def _reflow(self, width: int, force: bool = False) -> None:
        columns = self._fitting_columns(width) if width > 0 else self._max_columns
        if force or columns != self._columns:
            self._columns = columns
            self._place()

    def set_entries(self, entries: Iterable[LegendEntry]) -> None:
        """Show these types; a type that stays keeps its checkbox and checked state."""
        self._entries = tuple(entries)
        wanted = {e.type for e in self._entries}
        for entity_type in [t for t in self._boxes if t not in wanted]:
            stale = self._boxes.pop(entity_type)
            self._layout.removeWidget(stale)
            stale.setParent(None)
            stale.deleteLater()
        for entry in self._entries:
            box = self._boxes.get(entry.type)
            if box is None:
                box = QCheckBox(self)
                box.setObjectName(f"legend-{entry.type}")
                box.setChecked(True)
                box.toggled.connect(self._on_toggled)
                self._boxes[entry.type] = box
        self._refresh_labels()
        self._place()

    def _place(self) -> None:
        for box in self._boxes.values():
            self._layout.removeWidget(box)
        for column in range(self._layout.columnCount()):
            self._layout.setColumnStretch(column, 0)
        for i, entry in enumerate(self._entries):
            box = self._boxes[entry.type]
            self._layout.addWidget(box, i // self._columns, i % self._columns, Qt.AlignmentFlag.AlignLeft)
        self.setFixedHeight(self.needed_height())

    def set_dark(self, dark: bool) -> None:
        self.set_entries(palette_for(dark).legend(tuple(e.type for e in self._entries)))

    def set_counts(self, counts: Mapping[str, int]) -> None:
        """Show how many mentions of each type the current article has ({} hides the counts)."""
        self._counts = dict(counts)
        self._refresh_labels()
        self._reflow(self.width(), force=True)  # the labels' widths changed

    def enabled_types(self) -> frozenset[str]:
        return frozenset(t for t, box in self._boxes.items() if box.isChecked())

    def set_enabled_types(self, types: frozenset[str]) -> None:
        """Check exactly `types` without emitting `types_changed` (the caller already knows)."""
        for t, box in self._boxes.items():
            box.blockSignals(True)
            box.setChecked(t in types)
            box.blockSignals(False)

    def _refresh_labels(self) -> None:
        for entry in self._entries:
            box = self._boxes[entry.type]
            if self._counts:
                box.setText(f"{entry.label} ({self._counts.get(entry.type, 0)})")
            else:
                box.setText(entry.label)
            box.setIcon(swatch(entry.background, entry.foreground, entry.underline))
            font = box.font()
            font.setItalic(entry.italic)  # as the reader sets these mentions
            box.setFont(font)
            box.setIconSize(SWATCH_SIZE)
            box.setToolTip(f"Highlight {entry.label.lower()} mentions")

    @Slot(bool)
    def _on_toggled(self, _checked: bool) -> None:
        self.types_changed.emit(self.enabled_types())
