"""The status bar: messages, and one progress bar shared by every background job."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QProgressBar, QStatusBar, QWidget

from energybrowser.ui.plain import plain_label, status_text
from energybrowser.ui.widgets import named

MESSAGE_MS = 6000


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_bar")
        self.job_label = plain_label(object_name="job_label")
        self.progress = named(QProgressBar(), "job_progress")
        self.progress.setMaximumWidth(180)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.info = plain_label(object_name="library_info")
        self.addPermanentWidget(self.job_label)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.info)
        self._jobs: dict[str, tuple[int, int, str]] = {}
        self._refresh()

    def say(self, message: str, ms: int = MESSAGE_MS) -> None:
        self.showMessage(status_text(message), ms)

    def job_started(self, job: str, label: str) -> None:
        self._jobs[job] = (0, 0, label)
        self._refresh()

    @Slot(str, int, int, str)
    def job_progress(self, job: str, done: int, total: int, label: str) -> None:
        self._jobs[job] = (done, total, label or self._jobs.get(job, (0, 0, ""))[2])
        self._refresh()

    def job_finished(self, job: str) -> None:
        self._jobs.pop(job, None)
        self._refresh()

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def _refresh(self) -> None:
        if not self._jobs:
            self.progress.hide()
            self.job_label.hide()
            return
        done, total, label = next(reversed(self._jobs.values()))
        self.progress.setRange(0, total if total > 0 else 0)  # 0..0: busy indicator
        if total > 0:
            self.progress.setValue(min(done, total))
        self.job_label.setText(status_text(f"{label}…" if label else "Working…"))
        self.progress.show()
        self.job_label.show()
