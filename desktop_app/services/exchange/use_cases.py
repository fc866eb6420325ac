"""The exchange's use cases, the same for the app and the CLI: export a workbook, check a file, import files.

An import reads each file in the reader process (a hostile file cannot take the app down), checks it
against the data as it is now and applies it, all in one unit of work (``exchange.import``): a file with
errors (unless ``partial``), an unreadable file, a refusal of the merge or a cancel (``Cancelled`` raised by
the progress) leaves the database as it was. Checking alone (the import dialog's preview) writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.domain.errors import DomainError
from desktop_app.services import permissions
from desktop_app.services.backups import back_up_first
from desktop_app.services.exchange.export import ExportResult, export_workbook, find_area, list_areas
from desktop_app.services.exchange.importer import ImportOutcome, ImportPlan, apply_plan, read_file
from desktop_app.services.exchange.protect import check_password, opened, protect_file
from desktop_app.services.exchange.validation import Problem, save_report_workbook
from desktop_app.services.progress import Progress
from desktop_app.services.unit_of_work import reading, record, writing
from desktop_app.storage.database import Database


def exportable_areas(db: Database) -> list[tuple[str, str, str, str]]:
    """(id, code, name, level) of the county, its townships and villages, in code order."""
    with reading(db) as session:
        return list_areas(session)


def export_to_file(
    db: Database,
    out: str | Path,
    *,
    area_id: str | None = None,
    village: str | None = None,
    township: str | None = None,
    progress: Progress | None = None,
    password: str | None = None,
) -> ExportResult:
    """Write the exchange workbook of an area (by id, or a village / township by code or name; none: all).

    Written to a temporary file renamed when complete: a cancel or an error leaves no file. With
    ``password`` the workbook is encrypted (services.exchange.protect); the plain one is only ever a
    temporary file beside it. Needs ``exchange.export``; resident IDs are masked for a role without
    ``id.view_full``; the export is recorded (``exchange.export``: file name, area, row counts, whether IDs
    were masked and whether the workbook is protected — never the IDs)."""
    permissions.require(db, "exchange.export")
    masked = not permissions.allowed(db, "id.view_full")
    if password is not None:
        check_password(password)
    target = Path(out)
    plain = target.with_name(f".{target.stem}.plain.xlsx") if password is not None else target
    try:
        with reading(db) as session:
            if village:
                area_id = find_area(session, village, "village")[0]
            elif township:
                area_id = find_area(session, township, "township")[0]
            result = export_workbook(
                session,
                plain,
                area_id=area_id,
                device_id=db.device_id,
                operator=db.operator,
                progress=progress,
                mask_ids=masked,
            )
        if password is not None:
            protect_file(plain, target, password)
            result.path = target
    finally:
        if password is not None:
            plain.unlink(missing_ok=True)
    record(
        db,
        "exchange.export",
        area_id,
        kind="exchange",
        file=target.name,
        area=result.area,
        rows=dict(result.counts),
        masked=masked,
        protected=password is not None,
    )
    return result


def check_file(
    db: Database,
    path: str | Path,
    *,
    progress: Progress | None = None,
    password: str | None = None,
    create_areas: bool = False,
) -> ImportPlan:
    """Read and check ``path`` completely against the data as it is now; nothing is written.

    A password-protected workbook needs ``password`` (else one clear refusal). A roster's missing areas are
    in ``plan.areas_to_create()``; without ``create_areas`` they are also a problem of the report."""
    with reading(db) as session, opened(path, password) as readable:
        plan = read_file(session, readable, progress=progress, create_areas=create_areas)
    plan.path = Path(path)
    return plan


@dataclass
class ImportRun:
    """The outcome of each file of one import, and what was read (for the report workbook)."""

    outcomes: list[ImportOutcome] = field(default_factory=list)
    plans: list[ImportPlan] = field(default_factory=list)

    @property
    def applied(self) -> bool:
        """True when every file was imported (else nothing of any file was)."""
        return bool(self.outcomes) and all(o.applied for o in self.outcomes)

    @property
    def problems(self) -> list[Problem]:
        return [p for plan in self.plans for p in plan.report.problems]

    def save_report(self, path: str | Path) -> None:
        """The check report as a workbook: the files' rows with the problem cells marked red and commented."""
        save_report_workbook(self.problems, [plan.book for plan in self.plans], path)


class _Rejected(Exception):
    """A file was not applied: roll the whole import back."""


def import_files(
    db: Database,
    paths: Sequence[str | Path],
    *,
    partial: bool = False,
    progress: Progress | None = None,
    unreadable_as_outcome: bool = False,
    password: str | None = None,
    create_areas: bool = False,
) -> ImportRun:
    """Import ``paths`` in one unit of work: every file, or (any file rejected) none of them.

    ``partial`` leaves out the households with problems instead of refusing the file. An unreadable file
    raises its :class:`DomainError`, or with ``unreadable_as_outcome`` becomes a rejected outcome holding
    the message (scripts get every file's result). ``Cancelled`` from ``progress`` rolls everything back.
    ``password`` opens password-protected workbooks (the same one for every protected file).
    ``create_areas`` is the person's consent: the areas a roster names that the database lacks are created
    in the same unit of work (without it such a roster is refused, nothing written).
    """
    run = ImportRun()
    permissions.require(db, "exchange.import")  # a refused role takes no backup either
    backup = None
    if all(Path(p).is_file() for p in paths):  # no import without its backup (a failed backup: nothing imported)
        backup = back_up_first(db, "before-import", record_event=False)
    try:
        with writing(db, "exchange.import") as work:
            if backup is not None:  # named in the import's own entry: a refused file leaves the chain as it was
                work.details["backup"] = backup.file.path.name
            for path in paths:
                try:
                    with opened(path, password) as readable:
                        plan = read_file(work.session, readable, progress=progress, create_areas=create_areas)
                    plan.path = Path(path)
                except DomainError as exc:
                    if not unreadable_as_outcome:
                        raise
                    problem = Problem("", None, "", "", exc.message_zh)
                    run.outcomes.append(
                        ImportOutcome(file=str(path), format="unknown", applied=False, errors=[problem])
                    )
                    continue
                run.plans.append(plan)
                run.outcomes.append(apply_plan(work.session, plan, partial=partial, progress=progress))
            if not run.applied:
                raise _Rejected()
            if progress is not None:
                progress.check()  # a cancel pressed after the last report still undoes the import
            if any(_changed(o) for o in run.outcomes):
                work.touch(entities=("household", "member", "measure", "procedure_event", "area"), everything=True)
    except _Rejected:
        pass
    return run


def _changed(outcome: ImportOutcome) -> bool:
    counts = (outcome.households, outcome.members, *outcome.ledgers.values())
    return bool(outcome.conflicts) or any(c["added"] or c["updated"] for c in counts)
