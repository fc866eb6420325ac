"""Subcommands of ``fupin monitor`` (being built)."""

from __future__ import annotations

from typing import Any


def register(actions: Any) -> None:
    """Adds this module's subcommands to the ``monitor`` group."""
