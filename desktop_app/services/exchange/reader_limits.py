"""The reader process's bounds: its address space and CPU time, its parent's death, and (Windows) the
first process's watch on its memory. Used by reader_process."""

from __future__ import annotations

import contextlib
import os
import sys


def working_set(pid: int) -> int:
    """Windows: the child's committed memory (the watchdog's measure); 0 elsewhere or when unknown."""
    if sys.platform != "win32":
        return 0
    try:
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [
                ("cb", wintypes.DWORD),
                ("PageFaultCount", wintypes.DWORD),
                ("PeakWorkingSetSize", ctypes.c_size_t),
                ("WorkingSetSize", ctypes.c_size_t),
                ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
                ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                ("PagefileUsage", ctypes.c_size_t),
                ("PeakPagefileUsage", ctypes.c_size_t),
            ]

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]  # windll: Windows only
        handle = kernel.OpenProcess(0x1000 | 0x0010, False, pid)
        if not handle:
            return 0
        counters = Counters()
        counters.cb = ctypes.sizeof(Counters)
        ok = ctypes.windll.psapi.GetProcessMemoryInfo(handle, ctypes.byref(counters), counters.cb)  # type: ignore[attr-defined,unused-ignore]  # Windows only
        kernel.CloseHandle(handle)
        return int(max(counters.WorkingSetSize, counters.PagefileUsage)) if ok else 0
    except Exception:  # noqa: BLE001 - no watchdog rather than no import
        return 0


def limit_self() -> bool:
    """The child's own bounds: address space, and dying with its parent (Linux). True when the limit is
    already below what this process uses (any file would then fail somewhere at random)."""
    limit = int(os.environ.get("FUPIN_READER_LIMIT", "0") or 0)
    if sys.platform == "win32":
        return False
    import resource

    starved = bool(limit) and limit < address_space()
    if limit:
        for name in ("RLIMIT_AS", "RLIMIT_DATA"):
            which = getattr(resource, name, None)
            if which is None:
                continue
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(which, (limit, limit))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes
            import signal

            ctypes.CDLL(None).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    return starved


def limit_cpu(seconds: float) -> None:
    """This job's CPU time (the time bound that holds even when the first process is gone)."""
    if sys.platform == "win32":
        return
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = used.ru_utime + used.ru_stime
    with contextlib.suppress(ValueError, OSError):
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        soft = int(spent + 2 * seconds) + 1
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def address_space() -> int:
    """This process's address space in bytes (Linux; 0 where unknown)."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    return 0
