"""The one error path: every exception that reaches a person becomes one Chinese line and an exit code.

Both front ends use it: ``fupin``'s ``main()`` prints ``错误：<text>`` and returns ``exit_code``; the app's
error dialogs (``ui/jobs.py``) show the same text. The line names what to do (free disk space, pick a
writable folder, save the file again as .xlsx…), never a Python type name or a traceback, and every
resident ID or mobile number inside it is masked, because exception texts quote paths, values and SQL.

Exit codes (documented in README and docs/exchange.md): 0 success, 1 a check found problems (or the role
may not do the action), 2 bad input, an output that cannot be written (nothing changed), no login, a wrong
password or a locked account, 3 the database cannot be opened or written, 130 cancelled.
"""

from __future__ import annotations

import csv
import errno
import re
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.idnumber import mask as mask_id

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
EXIT_DATABASE = 3
EXIT_CANCELLED = 130

MAX_CHARS = 600  # one line a person reads; anything longer is an exception quoting a whole value or file

_ID_RE = re.compile(r"(?<!\d)(\d{17}[\dXx]|\d{15})(?!\d)")  # letters around it do not protect an ID
_PHONE_RE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


class CliError(Exception):
    """An error to show the user as one line (no traceback), with the exit code to return.

    Raised by the command modules (``desktop_app.commands``) and caught by ``fupin``'s ``main()``; it lives
    here, below both, so that the commands never import the CLI that loads them.
    """

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class UserError:
    """What to tell the person at the keyboard, and the exit code the CLI returns."""

    text: str
    exit_code: int


def mask_sensitive(text: str) -> str:
    """Mask every 18- or 15-digit ID-looking number and every mobile number in ``text``."""

    def id_sub(m: re.Match[str]) -> str:
        value = m.group(1)
        return mask_id(value) if len(value) == 18 else value[:6] + "*" * 6 + value[-3:]

    text = _ID_RE.sub(id_sub, text)
    return _PHONE_RE.sub(lambda m: m.group(1) + "****" + m.group(3), text)


def one_line(text: str) -> str:
    """Sensitive numbers masked, line breaks folded, length bounded."""
    flat = " ".join(part.strip() for part in str(text).splitlines() if part.strip())
    flat = mask_sensitive(flat)
    if len(flat) > MAX_CHARS:
        flat = flat[:MAX_CHARS].rstrip() + "…（其余已略去）"
    return flat


def describe(exc: BaseException) -> UserError:
    """The Chinese line and exit code for any exception (the last resort names the type, never a traceback)."""
    found = _classify(exc)
    return UserError(one_line(found.text), found.exit_code)


def file_error_text(exc: OSError, path: str | Path | None = None, *, writing: bool | None = None) -> str:
    """What went wrong with a file and what to do, e.g. "磁盘已满，无法写入 …；请腾出空间…"."""
    target = Path(path) if path is not None else Path(exc.filename) if exc.filename else None
    shown = str(target) if target is not None else "文件"
    folder = str(target.parent) if target is not None else "该文件夹"
    code = exc.errno or 0
    if writing is None and target is not None and code == errno.ENOENT:
        writing = not target.parent.exists()
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"磁盘已满，无法写入 {shown}；请腾出磁盘空间或换一个位置后重试。"
    if code == errno.EROFS:
        return f"文件夹 {folder} 是只读的（只读磁盘或共享），无法写入 {shown}；请换一个可写的文件夹。"
    if code in (errno.EACCES, errno.EPERM):
        if writing is False:
            return f"没有权限读取 {shown}；请复制到自己的文件夹，或请管理员授予读取权限。"
        return f"没有权限写入 {shown}（或文件正被其他程序打开）；请关闭该文件、换一个文件夹，或请管理员授予写入权限。"
    if code == errno.ENOENT:
        if writing is False:
            return f"找不到文件 {shown}；请检查文件名和路径。"
        return f"文件夹 {folder} 不存在；请先创建这个文件夹，或换一个已有的文件夹。"
    if code == errno.ENOTDIR:
        return f"路径 {shown} 中有一级不是文件夹；请检查路径。"
    if code == errno.EISDIR:
        return f"{shown} 是一个文件夹；请给出文件名。"
    if code == errno.ENAMETOOLONG:
        return f"文件名或路径太长：{shown}；请换一个短一些的名字或位置。"
    if code in (errno.EBUSY, errno.ETXTBSY):
        return f"{shown} 正被其他程序使用；请关闭它后重试。"
    if code == errno.EIO:
        return f"读写 {shown} 时磁盘出错（磁盘可能已损坏或被拔出）；请检查磁盘后重试。"
    if code == errno.EMFILE or code == errno.ENFILE:
        return "打开的文件太多；请关闭一些程序后重试。"
    reason = exc.strerror or str(exc) or type(exc).__name__
    action = "写入" if writing else "读取" if writing is False else "读写"
    return f"无法{action} {shown}：{reason}。"


def database_error_text(exc: BaseException) -> UserError | None:
    """A SQLite or server error in words, or None when ``exc`` is not a database error."""
    orig = getattr(exc, "orig", None)
    driver_error = orig if isinstance(orig, BaseException) else exc
    if not _is_db_error(exc) and not _is_db_error(driver_error):
        return None
    text = str(driver_error).lower()
    if "disk is full" in text or "no space" in text or "database or disk is full" in text:
        return UserError("磁盘已满，数据库无法写入；这次操作没有改动数据库。请腾出磁盘空间后重试。", EXIT_DATABASE)
    if "locked" in text or "busy" in text:
        return UserError(
            "数据库正被另一个程序写入（例如正在导入）；这次操作没有改动数据库，请等它完成后重试。", EXIT_DATABASE
        )
    if "readonly database" in text or "read-only" in text:
        return UserError(
            "数据库文件或它所在的文件夹是只读的，无法写入；请把数据库放在可写的位置（或用 --db 指定）。", EXIT_DATABASE
        )
    if "unable to open database" in text:
        return UserError("无法打开数据库文件：文件夹不存在、只读或没有权限；请检查 --db 给出的路径。", EXIT_DATABASE)
    if "malformed" in text or "not a database" in text or "file is encrypted" in text:
        return UserError(
            "数据库文件已损坏或不是 Fupin Desk 的数据库；请从备份恢复（或用 --db 指定另一个文件）。", EXIT_DATABASE
        )
    if "disk i/o error" in text:
        return UserError("读写数据库时磁盘出错（磁盘可能已满、损坏或被拔出）；请检查磁盘后重试。", EXIT_DATABASE)
    if getattr(exc, "connection_invalidated", False) or any(
        word in text
        for word in (
            "server closed the connection",
            "terminating connection",
            "connection refused",
            "could not connect",
            "connection is closed",
            "connection timed out",
            "ssl syscall",
            "consuming input failed",
            "connection to server",
        )
    ):
        return UserError(
            "与数据库服务器的连接已断开；这次操作没有改动数据库。请检查网络或服务器后重试。", EXIT_DATABASE
        )
    if type(exc).__name__ == "IntegrityError" or type(driver_error).__name__ == "IntegrityError":
        return UserError("数据与数据库中已有的记录冲突，已全部撤销；请运行 fupin check 检查数据库。", EXIT_BAD_INPUT)
    return UserError("数据库操作失败，已全部撤销；请运行 fupin check 检查数据库，必要时从备份恢复。", EXIT_DATABASE)


def _is_db_error(exc: object) -> bool:
    if isinstance(exc, sqlite3.Error):
        return True
    module = type(exc).__module__ or ""
    return module.startswith(("sqlalchemy.exc", "psycopg", "psycopg2")) and isinstance(exc, Exception)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, what it wraps (``orig``, an exception in ``args``), its causes and contexts."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        wrapped = [orig] + [a for a in current.args if isinstance(a, BaseException)]
        wrapped += [current.__cause__, current.__context__]
        todo.extend(e for e in wrapped if isinstance(e, BaseException))


def _classify(exc: BaseException) -> UserError:
    from desktop_app.domain.errors import DomainError
    from desktop_app.storage.database import DatabaseError  # below services: services.exchange uses this module

    if isinstance(exc, KeyboardInterrupt) or type(exc).__name__.endswith("Cancelled"):
        return UserError("已取消；没有任何改动。", EXIT_CANCELLED)
    code = getattr(exc, "exit_code", None)
    if isinstance(code, int) and str(exc):  # the CLI's own one-line errors
        return UserError(str(exc), code)
    if isinstance(exc, DatabaseError):
        return UserError(str(exc), EXIT_DATABASE)
    if isinstance(exc, DomainError):
        if exc.code == "permission_denied":  # services.permissions.PermissionDenied: a role that may not
            return UserError(exc.message_zh, EXIT_PROBLEMS)
        if any(kind.__name__ == "SignInError" for kind in type(exc).__mro__):  # services.accounts (above us)
            return UserError(exc.message_zh, EXIT_BAD_INPUT)  # no login, a wrong password, a locked account
        return UserError(exc.message_zh, EXIT_BAD_INPUT)
    for item in _chain(exc):
        if isinstance(item, DatabaseError):
            return UserError(str(item), EXIT_DATABASE)
        db = database_error_text(item)
        if db is not None:
            return db
        if isinstance(item, OSError) and item.errno:
            return UserError(file_error_text(item), EXIT_BAD_INPUT)
        if isinstance(item, UnicodeError):
            return UserError(
                "文件的文字编码混杂或无法识别（例如开头是 UTF-8、后面却是 GBK）：请用 Excel 或记事本把文件另存为"
                " UTF-8 编码的 CSV 或 .xlsx 工作簿后重试；没有任何改动。",
                EXIT_BAD_INPUT,
            )
        if isinstance(item, csv.Error):
            if "field larger than field limit" in str(item):
                return UserError(
                    'CSV 文件中有一格内容过长（多半是一个多余的英文引号 " 把后面的内容并成了一格）：请检查引号后重试；'
                    "没有任何改动。",
                    EXIT_BAD_INPUT,
                )
            return UserError(
                "CSV 文件格式有误（引号或分隔符不配对）：请在 Excel 中打开并另存后重试；没有任何改动。", EXIT_BAD_INPUT
            )
        if (
            isinstance(item, zipfile.BadZipFile | zipfile.LargeZipFile | EOFError)
            or (isinstance(item, NotImplementedError) and "zip" in str(item).lower())
            or (type(item).__module__ or "").startswith("python_calamine")
        ):
            return UserError(
                "文件不是 Excel 工作簿或已损坏：请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试；没有任何改动。",
                EXIT_BAD_INPUT,
            )
        if isinstance(item, MemoryError):
            return UserError(
                "内存不足：文件太大或已损坏；请拆分文件或关闭其他程序后重试；没有任何改动。", EXIT_BAD_INPUT
            )
    detail = str(exc).strip()
    return UserError(
        f"程序遇到意外错误（{type(exc).__name__}{'：' + detail if detail else ''}）；没有保存不完整的结果。"
        "请把这条信息报告给维护人员（命令行加 -v 可看详情）。",
        EXIT_BAD_INPUT,
    )
