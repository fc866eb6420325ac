"""Checking every device's chain and the change log it covers: what ``fupin audit verify`` reports.

Per device, entries are walked in order of ``seq``: each must be the next number, carry the hash of its own
content and the previous entry's hash. Then the change log is read once, grouped by entry id in order of row
id, and each group's count and digest compared with its entry's ``log_count`` / ``log_digest``. The first
broken entry of each device is named with what is wrong; rows that name no entry (or one that does not exist)
are reported too. Why: an attacker with the sqlite3 shell can drop the append-only triggers; what they change
afterwards must show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from desktop_app.services.audit.chain import SEAL_ACTION, RowDigest, entry_hash, id_order, row_columns
from desktop_app.services.progress import Progress, tick
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import ChangeLog
from desktop_app.storage.models_accounts import AuditEntry
from desktop_app.storage.queries import table_of

ENTRY_CHANGED = "entry_changed"
ENTRY_REMOVED = "entry_removed"
ENTRY_INSERTED = "entry_inserted"
ENTRY_REORDERED = "entry_reordered"
LOG_CHANGED = "log_changed"
LOG_REMOVED = "log_removed"
LOG_INSERTED = "log_inserted"
LOG_UNKNOWN = "log_unknown"  # change-log rows naming no entry, or an entry that does not exist

NAMED_ROWS = 5  # row ids named in a message


@dataclass
class Problem:
    kind: str
    message: str  # Chinese, one line
    seq: int | None = None
    entry_id: str | None = None
    rows: list[str] = field(default_factory=list)  # change-log row ids concerned, when known

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "seq": self.seq, "entry": self.entry_id, "rows": self.rows}


@dataclass
class DeviceReport:
    device_id: str
    entries: int
    head_seq: int  # the last entry's seq and hash: what a county notes to detect a cut-off tail later
    head_hash: str
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def as_json(self) -> dict[str, Any]:
        return {
            "device": self.device_id,
            "entries": self.entries,
            "ok": self.ok,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "problem": self.problem.as_json() if self.problem else None,
        }


@dataclass
class VerifyReport:
    devices: list[DeviceReport] = field(default_factory=list)
    unknown_rows: Problem | None = None  # rows of no entry / an unknown entry
    log_rows: int = 0

    @property
    def ok(self) -> bool:
        return self.unknown_rows is None and all(d.ok for d in self.devices)

    @property
    def entries(self) -> int:
        return sum(d.entries for d in self.devices)

    def lines(self) -> list[str]:
        """The Chinese lines the CLI and the screen show: one summary, or one line per broken device."""
        if self.ok:
            return [f"审计链完好：{len(self.devices):,} 台设备，{self.entries:,} 条记录"]
        out = [f"设备 {d.device_id}：{d.problem.message}" for d in self.devices if d.problem is not None]
        if self.unknown_rows is not None:
            out.append(self.unknown_rows.message)
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "log_rows": self.log_rows,
            "devices": [d.as_json() for d in self.devices],
            "unknown_rows": self.unknown_rows.as_json() if self.unknown_rows else None,
            "lines": self.lines(),
        }


def _entry_name(e: dict[str, Any]) -> str:
    return f"第 {e['seq']} 条（{e['action']}，{str(e['id'])[:8]}）"


def _chain_problem(entries: list[dict[str, Any]]) -> Problem | None:
    """The first entry of one device's chain (sorted by seq) that does not hold, and what is wrong with it."""
    seqs = [int(e["seq"]) for e in entries]
    prev_hash = ""
    expected = 1
    for index, e in enumerate(entries):
        seq = int(e["seq"])
        name = _entry_name(e)
        if seq < expected:  # the same seq twice (the unique index was dropped too)
            return Problem(ENTRY_INSERTED, f"插入的条目：{name}序号重复", seq, e["id"])
        if seq > expected:
            missing = f"第 {expected} 条" if seq == expected + 1 else f"第 {expected}–{seq - 1} 条"
            return Problem(ENTRY_REMOVED, f"条目被删除：{missing}缺失（{name}之前）", seq, e["id"])
        if entry_hash(e) != e["hash"]:
            for other in seqs:
                if other != seq and entry_hash({**e, "seq": other}) == e["hash"]:
                    return Problem(ENTRY_REORDERED, f"条目顺序被调换：{name}原为第 {other} 条", seq, e["id"])
            following = entries[index + 1] if index + 1 < len(entries) else None
            if following is None:  # nothing after it vouches for its old hash: appended, or its content changed
                return Problem(ENTRY_INSERTED, f"插入或伪造的条目：{name}（哈希不符，或末条内容被改动）", seq, e["id"])
            if following["prev_hash"] != e["hash"]:
                return Problem(ENTRY_INSERTED, f"插入或伪造的条目：{name}（哈希与链不符）", seq, e["id"])
            return Problem(ENTRY_CHANGED, f"条目内容被改动：{name}", seq, e["id"])
        if e["prev_hash"] != prev_hash:
            return Problem(ENTRY_INSERTED, f"插入或伪造的条目：{name}（前一哈希不符）", seq, e["id"])
        prev_hash = e["hash"]
        expected = seq + 1
    return None


def _log_problem(e: dict[str, Any], count: int, digest: str, first_rows: list[str]) -> Problem | None:
    want = int(e["log_count"])
    if count == want and digest == e["log_digest"]:
        return None
    name = _entry_name(e)
    if count < want:
        return Problem(LOG_REMOVED, f"变更记录被删除：{name}应有 {want:,} 行，现有 {count:,} 行", e["seq"], e["id"])
    if count > want:
        rows = first_rows if want == 0 else []
        named = f"（{'、'.join(r[:8] for r in rows[:NAMED_ROWS])}）" if rows else ""
        return Problem(
            LOG_INSERTED,
            f"插入的变更记录：{name}应有 {want:,} 行，现有 {count:,} 行{named}",
            e["seq"],
            e["id"],
            rows[:NAMED_ROWS],
        )
    return Problem(LOG_CHANGED, f"变更记录被改动：{name}的 {count:,} 行中有内容与哈希不符", e["seq"], e["id"])


def _load_entries(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    a = table_of(AuditEntry).c
    by_device: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(select(table_of(AuditEntry)).order_by(a.device_id, a.seq)).mappings():
        by_device.setdefault(str(row["device_id"]), []).append(dict(row))
    return by_device


def _log_groups(
    conn: Connection, progress: Progress | None, entries: int
) -> tuple[dict[str | None, tuple[int, str, list[str]]], int]:
    """Per entry id (None: rows without one): row count, digest in order of id, the first row ids."""
    c = table_of(ChangeLog).c
    total = int(conn.execute(select(func.count()).select_from(table_of(ChangeLog))).scalar() or 0)
    groups: dict[str | None, tuple[int, str, list[str]]] = {}
    result = conn.execute(select(*row_columns()).order_by(c.audit_entry, id_order(conn)))
    current: str | None = None
    digest: RowDigest | None = None
    first: list[str] = []
    done = 0

    def close() -> None:
        if digest is not None:
            groups[current] = (digest.count, digest.hexdigest(), first)

    while batch := result.fetchmany(20_000):
        start = 0
        for i, row in enumerate(batch):
            key = row[-1]
            if digest is None or key != current:
                if digest is not None:
                    digest.add(batch[start:i])
                close()
                current, digest, first, start = key, RowDigest(), [], i
            if len(first) < NAMED_ROWS:
                first.append(str(row[0]))
        if digest is not None:
            digest.add(batch[start:])
        done += len(batch)
        tick(progress, done, max(total, done), f"核对变更记录：{done:,} / {total:,} 行（{entries:,} 条审计记录）")
    close()
    return groups, total


def verify(db: Database, *, progress: Progress | None = None) -> VerifyReport:
    """Check every device's chain in full and every change-log row against its entry (read-only)."""
    report = VerifyReport()
    with reading(db) as session:
        conn = session.connection()
        by_device = _load_entries(conn)
        count = sum(len(v) for v in by_device.values())
        groups, report.log_rows = _log_groups(conn, progress, count)
    known: set[str] = set()
    null_group = groups.get(None)
    null_sealed = False
    null_reported = False  # a seal of this device that no longer matches the rows already names them
    for device, entries in sorted(by_device.items()):
        problems: list[Problem] = []
        chain = _chain_problem(entries)
        if chain is not None:
            problems.append(chain)
        for e in entries:
            known.add(str(e["id"]))
            group = groups.get(str(e["id"]), (0, "", []))
            if e["action"] == SEAL_ACTION and group[0] == 0:
                # the rows written before the chain carry no entry id; another laptop's seal covers rows of its
                # own database (merges never copy them), so only a seal of this device must find its rows here
                unchained = null_group or (0, "", [])
                if unchained[:2] == (int(e["log_count"]), e["log_digest"]):
                    null_sealed = True
                    continue
                if device != db.device_id:
                    continue
                group = unchained
                null_reported = True
            found = _log_problem(e, *group)
            if found is not None:
                problems.append(found)
        problem = min(problems, key=lambda p: p.seq or 0) if problems else None
        last = entries[-1]
        report.devices.append(DeviceReport(device, len(entries), int(last["seq"]), str(last["hash"]), problem))
    unknown: list[tuple[str | None, tuple[int, str, list[str]]]] = [
        (k, v) for k, v in groups.items() if k is not None and k not in known
    ]
    if null_group is not None and not null_sealed and not null_reported:
        unknown.insert(0, (None, null_group))
    if unknown:
        rows = [r for _k, v in unknown for r in v[2]][:NAMED_ROWS]
        n = sum(v[0] for _k, v in unknown)
        report.unknown_rows = Problem(
            LOG_UNKNOWN, f"不属于任何审计条目的变更记录 {n:,} 行（{'、'.join(r[:8] for r in rows)}）", rows=rows
        )
    return report
