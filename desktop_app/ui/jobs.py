"""The one background-job helper: run a function off the GUI thread, get its result back on the GUI thread.

Anything that may take more than ~200 ms (demo data, imports, reports, big queries) goes through
``run_job``. The function receives a ``JobContext`` to report progress and to notice a cancel request; it
must open its own database session and return plain data or ids, never ORM objects or widgets. A progress
dialog appears only when the job outlives ``show_after_ms`` so that quick jobs do not flash a window.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer
from PySide6.QtCore import Signal as _Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

T = TypeVar("T")
log = logging.getLogger(__name__)

# Jobs still running or waiting to deliver their result; keeps the Python objects alive until then.
_ACTIVE: set[Job[Any]] = set()


def _tr(text: str) -> str:
    return QCoreApplication.translate("Job", text)


class JobCancelled(Exception):
    """Raised inside a job (by ``JobContext.check_cancelled``) when the user pressed Cancel."""


class JobContext:
    """What a running job may use: report progress and look at the cancel request. Safe from any thread."""

    def __init__(self, job: Job[Any]) -> None:
        self._job = job
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        try:
            self._job._progress.emit(int(done), int(total), str(text))
        except RuntimeError:  # the Job's Qt side is gone (application closing): stop quietly
            self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise JobCancelled()

    def cancel(self) -> None:
        self._cancel.set()


class _Runner(QRunnable):
    def __init__(self, job: Job[Any], fn: Callable[[JobContext], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job
        self._fn = fn

    def run(self) -> None:
        context = self._job.context
        # A write that queues behind another program says so in the progress dialog, and Cancel stops it (the
        # app has opened its database, so the module is loaded; a job without a database pays no import).
        database = sys.modules.get("desktop_app.storage.database")
        hooks = (
            database.write_wait_hooks(lambda text: context.progress(0, 0, text), lambda: context.cancelled)
            if database is not None
            else contextlib.nullcontext()
        )
        try:
            try:
                with hooks:
                    result = self._fn(context)
            except BaseException as exc:  # delivered to the GUI thread, never lost in the pool
                self._job._failed.emit(exc)
            else:
                self._job._succeeded.emit(result)
        except RuntimeError:  # the Job's Qt side was deleted while we ran (application closing)
            log.debug("job finished after its owner was deleted")


class Job(QObject, Generic[T]):
    """One background job. Lives on the GUI thread; its worker signals arrive there as queued calls."""

    _progress = _Signal(int, int, str)
    _succeeded = _Signal(object)
    _failed = _Signal(object)
    finished = _Signal()  # after on_done / on_error / cancel handling has run

    def __init__(
        self,
        parent: QWidget | None,
        fn: Callable[[JobContext], T],
        *,
        title: str,
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None,
        on_cancel: Callable[[], None] | None,
        cancellable: bool,
        show_after_ms: int,
    ) -> None:
        super().__init__()
        self.context = JobContext(self)
        self.title = title
        self._parent = parent
        self._fn = fn
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancel = on_cancel
        self._cancellable = cancellable
        self._dialog: QProgressDialog | None = None
        self._last: tuple[int, int, str] = (0, 0, "")
        self.done = False
        self.result: T | None = None
        self.error: BaseException | None = None
        self._progress.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self._succeeded.connect(self._deliver_result, Qt.ConnectionType.QueuedConnection)
        self._failed.connect(self._deliver_error, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._open_dialog)
        self._timer.start(max(0, show_after_ms))

    # --- GUI thread -------------------------------------------------------------------------------
    def cancel(self) -> None:
        """Ask the job to stop; it does so at its next ``check_cancelled``."""
        self.context.cancel()

    @property
    def dialog(self) -> QProgressDialog | None:
        return self._dialog

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Process events until the result has been delivered (for tests and shutdown); True when done."""
        deadline = QDeadlineTimer(timeout_ms)
        while not self.done and not deadline.hasExpired():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if not self.done:
                threading.Event().wait(0.002)
        return self.done

    def _open_dialog(self) -> None:
        if self.done or self._dialog is not None:
            return
        dialog = QProgressDialog(self._parent)
        dialog.setWindowTitle(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        if self._cancellable:
            dialog.setCancelButtonText(_tr("Cancel"))
            dialog.canceled.connect(self._cancel_from_dialog)
        else:
            dialog.setCancelButton(None)  # type: ignore[arg-type]
        self._dialog = dialog
        self._show_progress(*self._last)
        dialog.show()

    def _cancel_from_dialog(self) -> None:
        self.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(_tr("Cancelling…"))

    def _show_progress(self, done: int, total: int, text: str) -> None:
        self._last = (done, total, text)
        dialog = self._dialog
        if dialog is None or self.done:
            return
        if total > 0:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))
        else:
            dialog.setRange(0, 0)  # busy indicator
        if not self.context.cancelled:
            dialog.setLabelText(text or self.title)

    def _close(self) -> None:
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None

    def _deliver_result(self, result: object) -> None:
        self._close()
        self.result = result  # type: ignore[assignment]
        try:
            self._on_done(result)  # type: ignore[arg-type]
        finally:
            self._finish()

    def _deliver_error(self, exc: BaseException) -> None:
        self._close()
        self.error = exc
        try:
            if isinstance(exc, JobCancelled):
                if self._on_cancel is not None:
                    self._on_cancel()
            elif self._on_error is not None:
                self._on_error(exc)
            else:
                log.warning("job %r failed", self.title, exc_info=exc)
                show_error(self._parent, self.title, exc)
        finally:
            self._finish()

    def _finish(self) -> None:
        self.done = True
        _ACTIVE.discard(self)
        self.finished.emit()


def error_message(exc: BaseException) -> str:
    """The Chinese text a user should read for an exception (the CLI's mapper: what to do, IDs masked)."""
    from desktop_app.errors import describe

    return describe(exc).text


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> QMessageBox:
    """A non-blocking error box (``open()``, not ``exec()``) so a failing job never freezes the caller."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, error_message(exc), QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def run_job(
    parent: QWidget | None,
    fn: Callable[[JobContext], T],
    *,
    title: str,
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    cancellable: bool = True,
    show_after_ms: int = 200,
    on_cancel: Callable[[], None] | None = None,
) -> Job[T]:
    """Run ``fn(context)`` on the thread pool; ``on_done(result)`` or ``on_error(exc)`` runs on the GUI thread.

    A cancelled job (``JobCancelled`` raised inside it) calls ``on_cancel`` if given and shows no error.
    """
    job: Job[T] = Job(
        parent,
        fn,
        title=title,
        on_done=on_done,
        on_error=on_error,
        on_cancel=on_cancel,
        cancellable=cancellable,
        show_after_ms=show_after_ms,
    )
    _ACTIVE.add(job)
    QThreadPool.globalInstance().start(_Runner(job, fn))
    return job


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Wait for every running job (before closing the database at exit)."""
    return all(job.wait(timeout_ms) for job in list(_ACTIVE))
