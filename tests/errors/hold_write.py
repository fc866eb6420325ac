"""Hold a real transaction of the app open until a file appears (run as a separate process by the tests).

Usage: python hold_write.py DB READY_FILE RELEASE_FILE [write|read]. ``write`` (as an import's write phase
does): writes one area inside ``Database.transaction()`` and flushes it, so the write lock is held and the
WAL has uncommitted pages; at the end it rolls back (nothing of it stays). ``read`` (as a running export
does): reads inside ``Database.read()`` and keeps the snapshot open.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from desktop_app.services import open_database
from desktop_app.storage.models import Area, Household


class _Release(Exception):
    pass


def _wait(ready: str, release: str) -> None:
    Path(ready).touch()
    deadline = time.monotonic() + 240
    while not Path(release).exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def main() -> None:
    db_path, ready, release = sys.argv[1:4]
    mode = sys.argv[4] if len(sys.argv) > 4 else "write"
    db = open_database(db_path)
    try:
        if mode == "read":
            with db.read() as session:
                session.execute(select(func.count()).select_from(Household)).scalar()
                _wait(ready, release)
            return
        with db.transaction() as session:
            session.add(Area(code="532999777001", name="占用测试村", level="village"))
            session.flush()
            _wait(ready, release)
            raise _Release()
    except _Release:
        pass
    finally:
        db.close()


if __name__ == "__main__":
    main()
