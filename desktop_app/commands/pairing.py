"""Command groups of the assistance ledgers (issue 16), filled in by their part.

Each group's subcommands are added by this module's ``register(sub)``; heavy imports stay inside the command
functions so that ``fupin --help`` is fast.
"""

from __future__ import annotations

from typing import Any

GROUPS = "pairing cadres visits".split()


def register(sub: Any) -> None:
    for group in GROUPS:
        p = sub.add_parser(group, help="结对帮扶：帮扶干部名册、结对与监测联系人、覆盖检查、走访记录")
        p.add_subparsers(dest="action", metavar="ACTION", required=True)
