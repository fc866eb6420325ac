"""Parsed rows of a large sheet kept in a temporary file until they are merged.

A county workbook holds about 1.5 million data rows (households, members, measures, procedure events); held
as Python objects they would take several GB. Every row is written (pickled in batches) to an anonymous
temporary file as soon as it has been parsed and checked, and read back once, batch by batch, when the
import is applied. What the cross-sheet checks need is collected separately while parsing (see
``workbook_in.Facts``). The file disappears when it is closed or the process ends, even after a crash.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from desktop_app.services.exchange.errors import ExchangeError

BATCH = 5_000


def disk_error(exc: OSError) -> ExchangeError:
    return ExchangeError(
        f"导入时写临时文件失败（{exc.strerror or exc}）：请检查临时文件夹所在磁盘的剩余空间后重试。"
        "数据库未作任何修改。",
        f"cannot write the import's temporary file: {exc}",
        code="io",
    )


class RowSpill:
    """Append-then-read storage for one sheet's rows: ``(number, household, edited, new, data)``."""

    def __init__(self, index: dict[str, int]) -> None:
        self.index = index  # field name -> slot of each row's data list
        self._file: IO[bytes] | None = None
        self._buffer: list[tuple[Any, ...]] = []
        self._count = 0

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
                self._file = tempfile.TemporaryFile(prefix="fupin-import-")
            pickle.dump(self._buffer, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:
            raise disk_error(exc) from exc
        self._buffer = []

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
                handle.seek(end)
        if self._buffer:
            yield self._buffer

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._buffer = []
