"""Command groups of the assistance ledgers (issue 16), filled in by their part.

Each group's subcommands are added by this module's ``register(sub)``; heavy imports stay inside the command
functions so that ``fupin --help`` is fast.
"""

from __future__ import annotations

from typing import Any

GROUPS = "posts work".split()


def register(sub: Any) -> None:
    for group in GROUPS:
        p = sub.add_parser(group, help="公益岗位与务工月监测：岗位、选聘、在岗月份、务工月度记录")
        p.add_subparsers(dest="action", metavar="ACTION", required=True)
