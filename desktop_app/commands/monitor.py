"""``fupin monitor …``: monitoring since 2021 — cases and their steps, lines, help, warnings, alerts.

The group's subcommands live in three modules (cases and steps, monitoring lines, help and warnings); each
has ``register(actions)``. Heavy imports stay inside the command functions so that ``fupin --help`` is fast.
"""

from __future__ import annotations

from typing import Any

from desktop_app.commands import monitor_cases, monitor_help, monitor_lines


def register(sub: Any) -> None:
    p = sub.add_parser("monitor", help="防止返贫监测：监测对象、监测范围、帮扶措施、预警与部门推送")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for module in (monitor_cases, monitor_lines, monitor_help):
        module.register(actions)
