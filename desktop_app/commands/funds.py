"""Command groups of the assistance ledgers (issue 16), filled in by their part.

Each group's subcommands are added by this module's ``register(sub)``; heavy imports stay inside the command
functions so that ``fupin --help`` is fast.
"""

from __future__ import annotations

from typing import Any

GROUPS = "plans measures funds".split()


def register(sub: Any) -> None:
    for group in GROUPS:
        p = sub.add_parser(group, help="一户一策与资金：年度帮扶计划、落实的措施、资金来源、项目、拨付与资金台账")
        p.add_subparsers(dest="action", metavar="ACTION", required=True)
