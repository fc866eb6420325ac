"""Parsed rows of a large sheet kept in a temporary file until they are merged.

A county workbook holds about 1.5 million data rows (households, members, measures, procedure events); held
as Python objects they would take several GB. Every row is written (pickled in batches) to an anonymous
temporary file as soon as it has been parsed and checked, and read back once, batch by batch, when the
import is applied. What the cross-sheet checks need is collected separately while parsing (see
``workbook_in.Facts``). The file disappears when it is closed or the process ends, even after a crash.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from desktop_app.services.exchange.errors import ExchangeError

BATCH = 5_000
NAMED_FOLDER: str | None = None  # set in the reader process: every spill is a named file there, handed over


def disk_error(exc: OSError) -> ExchangeError:
    return ExchangeError(
        f"导入时写临时文件失败（{exc.strerror or exc}）：请检查临时文件夹所在磁盘的剩余空间后重试。"
        "数据库未作任何修改。",
        f"cannot write the import's temporary file: {exc}",
        code="io",
    )


class RowSpill:
    """Append-then-read storage for one sheet's rows: ``(number, household, edited, new, data)``."""

    def __init__(self, index: dict[str, int], path: str | None = None) -> None:
        self.index = index  # field name -> slot of each row's data list
        if path is None and NAMED_FOLDER is not None:
            fd, path = tempfile.mkstemp(prefix="fupin-import-", suffix=".spill", dir=NAMED_FOLDER)
            os.close(fd)
        self._path = path  # a named file instead of an anonymous one (a sheet parsed in another process)
        self._file: IO[bytes] | None = None
        self._buffer: list[tuple[Any, ...]] = []
        self._count = 0
        self._handed = False  # written by another process and handed on unread

    @property
    def path(self) -> str | None:
        return self._path

    def __len__(self) -> int:
        return self._count

    def append(self, item: tuple[Any, ...]) -> None:
        self._buffer.append(item)
        self._count += 1
        if len(self._buffer) >= BATCH:
            self._dump()

    def _dump(self) -> None:
        try:
            if self._file is None:
                self._file = open(self._path, "wb") if self._path else tempfile.TemporaryFile(prefix="fupin-import-")
            pickle.dump(self._buffer, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:
            raise disk_error(exc) from exc
        self._buffer = []

    def finish(self) -> None:
        """Write the last batch and close the named file, for the process that will ``adopt`` it."""
        if self._handed:
            return
        try:
            if self._file is None:
                self._file = open(self._path or os.devnull, "wb")
            if self._buffer:
                self._dump()
            self._file.close()
        except OSError as exc:
            raise disk_error(exc) from exc
        self._file = None

    @classmethod
    def adopt(cls, path: str, index: dict[str, int], count: int) -> RowSpill:
        """The spill another process wrote (``finish``) to ``path``, opened for reading. The name goes at once
        (on Windows when the file is closed): like an anonymous spill, nothing is left behind after a crash.
        In the reader process (``NAMED_FOLDER``) the name stays: the file is handed on to the first process."""
        if NAMED_FOLDER is not None:  # a new name: the sheet process's clean-up removes the old one
            handed = path + ".handed"
            os.replace(path, handed)
            spill = cls(index, handed)
            spill._count = count
            spill._handed = True
            return spill
        spill = cls(index)
        temporary = getattr(os, "O_TEMPORARY", 0)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | temporary)
        spill._file = os.fdopen(fd, "rb")
        try:
            if not temporary:
                os.unlink(path)
            spill._file.seek(0, os.SEEK_END)
        except OSError:
            spill.close()
            raise
        spill._count = count
        return spill

    def batches(self) -> Iterator[list[tuple[Any, ...]]]:
        """Every row in the order appended, a batch at a time."""
        if self._file is not None:
            handle = self._file
            end = handle.tell()
            handle.seek(0)
            try:
                while handle.tell() < end:
                    batch = pickle.load(handle)
                    position = handle.tell()
                    yield batch
                    handle.seek(position)
            except OSError as exc:
                raise disk_error(exc) from exc
            finally:
                if not handle.closed:  # closed when the import failed while this batch was being merged
                    handle.seek(end)
        if self._buffer:
            yield self._buffer

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._buffer = []
