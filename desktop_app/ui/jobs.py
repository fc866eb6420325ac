"""The one background-job helper: run a function off the GUI thread, get its result back on the GUI thread.

Anything that may take more than ~200 ms (demo data, imports, reports, big queries) goes through
``run_job``. The function receives a ``JobContext`` to report progress and to notice a cancel request; it
must open its own database session and return plain data or ids, never ORM objects or widgets. A progress
dialog appears only when the job outlives ``show_after_ms`` so that quick jobs do not flash a window.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

import shiboken6
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer
from PySide6.QtCore import Signal as _Signal
from PySide6.QtCore import Slot as _Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

T = TypeVar("T")
log = logging.getLogger(__name__)

# Jobs still running or waiting to deliver their result, by key; keeps the Python objects alive until then.
# Only the GUI thread touches this table and the Job objects: a worker knows its job by key alone.
_ACTIVE: dict[int, Job[Any]] = {}
_KEYS = itertools.count(1)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Job", text)


class JobCancelled(Exception):
    """Raised inside a job (by ``JobContext.check_cancelled``) when the user pressed Cancel."""


class _Relay(QObject):
    """The one long-lived object a worker emits through; queued to the GUI thread, dispatched there by key.

    Why not signals on the Job itself: a worker that holds a Job can drop the last reference to it (or the
    cyclic garbage collector can run in the worker while importing thousands of rows and free an old Job),
    which deletes a GUI-thread QObject, its timer and pending events from the wrong thread: a segfault in
    libQt6Core, rare and timing-dependent (issue 12, the import crash).
    """

    progress = _Signal(int, int, int, str)
    succeeded = _Signal(int, object)
    failed = _Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        queued = Qt.ConnectionType.QueuedConnection
        self.progress.connect(self._dispatch_progress, queued)
        self.succeeded.connect(self._dispatch_result, queued)
        self.failed.connect(self._dispatch_error, queued)

    # --- GUI thread: the job of that key, if it is still waiting ---------------------------------------
    @_Slot(int, int, int, str)
    def _dispatch_progress(self, key: int, done: int, total: int, text: str) -> None:
        job = _ACTIVE.get(key)
        if job is not None:
            job._show_progress(done, total, text)

    @_Slot(int, object)
    def _dispatch_result(self, key: int, result: object) -> None:
        job = _ACTIVE.get(key)
        if job is not None:
            job._deliver_result(result)

    @_Slot(int, object)
    def _dispatch_error(self, key: int, exc: object) -> None:
        job = _ACTIVE.get(key)
        if job is not None:
            job._deliver_error(cast(BaseException, exc))  # the relay's signal carries it as object


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        app = QCoreApplication.instance()
        if app is not None and _relay.thread() is not app.thread():
            raise RuntimeError("run_job must be called on the GUI thread")
    return _relay


class JobContext:
    """What a running job may use: report progress and look at the cancel request. Safe from any thread.

    It holds no reference to the Job (nor to any widget), so nothing a worker keeps can free a Qt object.
    """

    def __init__(self, key: int, relay: _Relay) -> None:
        self._key = key
        self._relay = relay
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        try:
            self._relay.progress.emit(self._key, int(done), int(total), str(text))
        except RuntimeError:  # the relay's Qt side is gone (application closing): stop quietly
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
    def __init__(self, key: int, context: JobContext, fn: Callable[[JobContext], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._key = key
        self._context = context
        self._fn: Callable[[JobContext], Any] | None = fn

    def run(self) -> None:
        fn, self._fn = self._fn, None
        if fn is None:  # a runnable runs once
            return
        context = self._context
        relay = context._relay
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
                    result = fn(context)
            except BaseException as exc:  # delivered to the GUI thread, never lost in the pool
                relay.failed.emit(self._key, exc)
            else:
                relay.succeeded.emit(self._key, result)
        except RuntimeError:  # the relay was deleted while we ran (application closing)
            log.debug("job finished after the application closed")


class Job(QObject, Generic[T]):
    """One background job. Lives on the GUI thread and is touched only there (its worker knows its key)."""

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
        self.key = next(_KEYS)
        self.context = JobContext(self.key, _the_relay())
        self.title = title
        self._parent = parent
        self._on_done: Callable[[T], None] | None = on_done
        self._on_error = on_error
        self._on_cancel = on_cancel
        self._cancellable = cancellable
        self._dialog: QProgressDialog | None = None
        self._last: tuple[int, int, str] = (0, 0, "")
        self.done = False
        self.parent_gone = False
        self.result: T | None = None
        self.error: BaseException | None = None
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

    def _check_parent(self) -> bool:
        """False once the parent widget was deleted under the running job (WA_DeleteOnClose, a replaced view).

        The job is then cancelled and delivers nothing to the callbacks of a widget that no longer exists.
        (Not done with the parent's ``destroyed`` signal: a Python slot run while the parent is being
        destroyed crashes PySide6 6.12.)
        """
        if self._parent is not None and not shiboken6.isValid(self._parent):
            self.parent_gone = True
            self._parent = None
            self._dialog = None  # deleted with its parent
            self.cancel()
        return not self.parent_gone

    def _open_dialog(self) -> None:
        if self.done or self._dialog is not None or not self._check_parent():
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
            dialog.setCancelButton(None)
        self._dialog = dialog
        self._show_progress(*self._last)
        dialog.show()

    def _cancel_from_dialog(self) -> None:
        self.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(_tr("Cancelling…"))

    def _show_progress(self, done: int, total: int, text: str) -> None:
        self._last = (done, total, text)
        if not self._check_parent():
            return
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
        self._check_parent()
        self._close()
        self.result = cast(T, result)  # the relay's signal carries it as object
        try:
            if self._on_done is not None and not self.parent_gone:
                self._on_done(self.result)
        finally:
            self._finish()

    def _deliver_error(self, exc: BaseException) -> None:
        self._check_parent()
        self._close()
        self.error = exc
        try:
            if self.parent_gone:
                log.debug("job %r ended after its window closed: %r", self.title, exc)
            elif isinstance(exc, JobCancelled):
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
        # Drop the callbacks: a dialog holding its job (self.job) and the job holding the dialog's bound
        # methods would otherwise be a cycle that only the garbage collector frees, on whatever thread.
        self._on_done = self._on_error = self._on_cancel = None
        _ACTIVE.pop(self.key, None)
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
    _ACTIVE[job.key] = job
    QThreadPool.globalInstance().start(_Runner(job.key, job.context, fn))
    return job


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Wait for every running job (before closing the database at exit)."""
    return all(job.wait(timeout_ms) for job in list(_ACTIVE.values()))
