"""Command groups of the assistance ledgers (issue 16), filled in by their part.

Each group's subcommands are added by this module's ``register(sub)``; heavy imports stay inside the command
functions so that ``fupin --help`` is fast.
"""

from __future__ import annotations

from typing import Any

GROUPS = "loans".split()


def register(sub: Any) -> None:
    for group in GROUPS:
        p = sub.add_parser(group, help="小额信贷：贷款台账、还款、贴息、逾期、续贷展期、导入银行还款流水")
        p.add_subparsers(dest="action", metavar="ACTION", required=True)
