"""The entity legend: a colour swatch and a checkbox per entity type, in one row."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QPointF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from energybrowser.render.palette import LegendEntry, palette_for

_PEN_STYLES = {
    "solid": Qt.PenStyle.SolidLine,
    "dotted": Qt.PenStyle.DotLine,
    "dashed": Qt.PenStyle.DashLine,
    "dot-dash": Qt.PenStyle.DashDotLine,
    "dot-dot-dash": Qt.PenStyle.DashDotDotLine,
}


def swatch(background: str, foreground: str, underline: str = "none", size: int = 12) -> QIcon:
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


SWATCH_SIZE = QSize(24, 12)
ROW_SPACING = 8


class EntityLegend(QWidget):
    """Shows which colour marks which entity type and lets the user switch types on and off.

    One row, whatever the width: the types that do not fit go into a "N more" menu at its end
    (a checkbox there too, so several can be switched without the menu closing), and the legend
    never takes reading height from the article. Row and menu checkboxes are two views of one
    state, kept in step."""

    #: The set of checked (highlighted) entity types changed.
    types_changed = Signal(frozenset)

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self._boxes: dict[str, QCheckBox] = {}
        self._actions: dict[str, QWidgetAction] = {}
        self._menu_boxes: dict[str, QCheckBox] = {}
        self._entries: tuple[LegendEntry, ...] = ()
        self._counts: dict[str, int] = {}
        self._shown = 0  # how many types, in order, have their checkbox in the row
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._layout.setSpacing(ROW_SPACING)
        self._menu = QMenu(self)
        self._more = QToolButton(self)
        self._more.setObjectName("legend_more")
        self._more.setMenu(self._menu)
        self._more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._more.setAutoRaise(True)
        self._more.setStyleSheet("QToolButton::menu-indicator { image: none; }")  # "▾" in the text
        # The legend fits the width it gets rather than holding the reader at its full width.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.set_entries(palette_for(dark).legend())

    def shown_types(self) -> tuple[str, ...]:
        """The types whose checkbox is in the row, in order."""
        return tuple(e.type for e in self._ordered()[: self._shown])

    def overflow_types(self) -> tuple[str, ...]:
        """The types in the "more" menu."""
        return tuple(e.type for e in self._ordered()[self._shown :])

    def _ordered(self) -> tuple[LegendEntry, ...]:
        """The palette's order, with the types the article does not mention moved to the end: the
        row shows first what there is to see, the menu what there is not."""
        if not self._counts:
            return self._entries
        return tuple(sorted(self._entries, key=lambda e: self._counts.get(e.type, 0) == 0))

    def more_button(self) -> QToolButton:
        return self._more

    def menu_box(self, entity_type: str) -> QCheckBox:
        """The checkbox of `entity_type` in the "more" menu."""
        return self._menu_boxes[entity_type]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow(event.size().width())

    def needed_height(self) -> int:
        """One row: the tallest of its checkboxes and the menu button."""
        heights = [b.sizeHint().height() for b in self._boxes.values()] + [self._more.sizeHint().height()]
        margins = self._layout.contentsMargins()
        return margins.top() + margins.bottom() + max(heights)

    def _fitting(self, width: int) -> int:
        """How many types, in order, fit in `width` (with the menu button when some do not)."""
        widths = [self._boxes[e.type].sizeHint().width() for e in self._ordered()]
        margins = self._layout.contentsMargins()
        room = width - margins.left() - margins.right()
        if sum(widths) + ROW_SPACING * max(0, len(widths) - 1) <= room:
            return len(widths)
        shown_text = self._more.text()
        self._more.setText(self._more_text(len(widths)))  # measured at its widest
        room -= self._more.sizeHint().width() + ROW_SPACING
        self._more.setText(shown_text)
        used, count = 0, 0
        for w in widths:
            used += w + (ROW_SPACING if count else 0)
            if used > room:
                break
            count += 1
        return count

    def _more_text(self, hidden: int) -> str:
        return f"{hidden} more ▾"

    def _reflow(self, width: int, force: bool = False) -> None:
        shown = self._fitting(width) if width > 0 else len(self._entries)
        if force or shown != self._shown:
            self._shown = shown
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
            self._menu.removeAction(self._actions.pop(entity_type))
            self._menu_boxes.pop(entity_type)
        for entry in self._entries:
            box = self._boxes.get(entry.type)
            if box is None:
                box = QCheckBox(self)
                box.setObjectName(f"legend-{entry.type}")
                box.setChecked(True)
                box.toggled.connect(self._on_toggled)
                self._boxes[entry.type] = box
                in_menu = QCheckBox()
                in_menu.setObjectName(f"legend-menu-{entry.type}")
                in_menu.setChecked(True)
                in_menu.setContentsMargins(6, 2, 6, 2)
                in_menu.toggled.connect(box.setChecked)  # the row's box emits `types_changed`
                action = QWidgetAction(self)  # not the menu's: its clear() deletes what it owns
                action.setDefaultWidget(in_menu)
                self._menu_boxes[entry.type] = in_menu
                self._actions[entry.type] = action
        self._refresh_labels()
        self._shown = len(self._entries) if self.width() <= 0 else self._fitting(self.width())
        self._place()

    def _place(self) -> None:
        """Boxes in order, then a stretch and the menu button; a hidden box takes no room."""
        for widget in (*self._boxes.values(), self._more):
            self._layout.removeWidget(widget)
        while (stretch := self._layout.itemAt(0)) is not None:
            self._layout.removeItem(stretch)
        self._menu.clear()
        ordered = self._ordered()
        for i, entry in enumerate(ordered):
            box = self._boxes[entry.type]
            self._layout.addWidget(box)
            box.setVisible(i < self._shown)
            if i >= self._shown:
                self._menu.addAction(self._actions[entry.type])
        self._layout.addStretch(1)
        self._layout.addWidget(self._more)
        hidden = len(self._entries) - self._shown
        if hidden:
            self._more.setText(self._more_text(hidden))
            names = ", ".join(e.label for e in ordered[self._shown :])
            self._more.setToolTip(f"More entity types to highlight: {names}")
        self._more.setVisible(bool(hidden))
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
            self._sync_action(t)

    def _sync_action(self, entity_type: str) -> None:
        in_menu = self._menu_boxes[entity_type]
        in_menu.blockSignals(True)
        in_menu.setChecked(self._boxes[entity_type].isChecked())
        in_menu.blockSignals(False)

    def _refresh_labels(self) -> None:
        for entry in self._entries:
            box = self._boxes[entry.type]
            text = f"{entry.label} ({self._counts.get(entry.type, 0)})" if self._counts else entry.label
            icon = swatch(entry.background, entry.foreground, entry.underline)
            box.setText(text)
            box.setIcon(icon)
            font = box.font()
            font.setItalic(entry.italic)  # as the reader sets these mentions
            box.setFont(font)
            box.setIconSize(SWATCH_SIZE)
            box.setToolTip(f"Highlight {entry.label.lower()} mentions")
            in_menu = self._menu_boxes[entry.type]
            in_menu.setText(text)
            in_menu.setIcon(icon)
            in_menu.setFont(font)
            in_menu.setIconSize(SWATCH_SIZE)
            in_menu.setToolTip(box.toolTip())

    @Slot(bool)
    def _on_toggled(self, _checked: bool) -> None:
        for entity_type in self._boxes:
            self._sync_action(entity_type)
        self.types_changed.emit(self.enabled_types())
