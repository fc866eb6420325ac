"""Commands of issue 14 (users); filled by its work."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    del sub
