"""A use case run as a background job: the job's progress dialog speaks the one progress contract.

Use cases take ``progress: Progress | None`` and raise ``Cancelled`` (services.progress); the job helper
(``ui.jobs``) reports through its ``JobContext`` and treats ``JobCancelled`` as a cancel. ``as_job`` joins
the two, so a dialog writes ``run_job(self, as_job(lambda progress: use_case(db, ..., progress=progress)), ...)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from desktop_app.services import Cancelled, Progress
from desktop_app.ui.jobs import JobCancelled, JobContext

T = TypeVar("T")


def progress_of(ctx: JobContext) -> Progress:
    """The job's progress bar and Cancel button as a :class:`Progress`."""
    return Progress(ctx.progress, lambda: ctx.cancelled)


def as_job(use_case: Callable[[Progress], T]) -> Callable[[JobContext], T]:
    """``use_case(progress)`` as a job function; its ``Cancelled`` becomes the job's cancel (no error box)."""

    def work(ctx: JobContext) -> T:
        try:
            return use_case(progress_of(ctx))
        except Cancelled as exc:
            raise JobCancelled() from exc

    return work
