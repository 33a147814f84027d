"""The article reader widget and its entity legend."""

from __future__ import annotations

from energybrowser.ui.reader.legend import EntityLegend
from energybrowser.ui.reader.view import ReaderView

__all__ = ["EntityLegend", "ReaderView"]
