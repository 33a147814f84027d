"""Read-only index storage over memory maps.

A published generation is never modified, so its files can be mapped: every posting block, term
lookup and column read Whoosh makes (`StructFile.get`) becomes a slice of the map instead of a seek
and a read system call; those were a third of a query's time on a busy machine.
"""

from __future__ import annotations

import mmap

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile


class _MappedFile(StructFile):
    """A Whoosh file over a read-only memory map (`read`, `seek` and `tell` work on it too)."""

    def get(self, position: int, length: int) -> bytes:
        return self.file[position : position + length]


class MappedStorage(FileStorage):
    """Read-only storage of a generation (never modified once published): files memory-mapped."""

    def open_file(self, name, **kwargs):  # type: ignore[no-untyped-def]
        with open(self._fpath(name), "rb") as fh:
            try:
                mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            except (ValueError, OSError):  # an empty file (or no mmap here): read it as usual
                return super().open_file(name, **kwargs)
        return _MappedFile(mapped, name=name, **kwargs)
