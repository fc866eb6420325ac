"""The documents Fupin Desk prints, by kind: the one table the CLI's choices, the print menu and the PDFs read.

``fupin print KIND`` takes these kinds, the print preview titles its window with the label, and the printing
service names its files and refusals with it. Only the standard library here, so that building the command
line's parser imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Mapping

# kind -> (Chinese name of the document, English name of it)
PRINT_KIND_LABELS: Mapping[str, tuple[str, str]] = {
    "announcement": ("公示名单", "Public announcement"),
    "notice": ("公告", "Final notice"),
    "exit-announcement": ("退出公示", "Exit announcement"),
    "card": ("扶贫手册", "Household card"),
    "register": ("花名册", "Village register"),
    "minutes": ("民主评议会议记录", "Evaluation minutes"),
    "objections": ("异议处理记录", "Objection record"),
    "wallchart": ("一图四表", "Wall chart tables"),
}
PRINT_KINDS: tuple[str, ...] = tuple(PRINT_KIND_LABELS)
# Documents pinned on the village notice board: they never carry an ID, an income or a health field.
# Which batch kinds each document prints; the first listed for a village is the latest of these.
BATCH_KINDS: Mapping[str, tuple[str, ...]] = {
    "announcement": ("village_announcement", "township_announcement"),
    "notice": ("county_notice", "exit_notice"),
    "exit-announcement": ("exit_announcement",),
    "minutes": ("evaluation", "exit_evaluation"),
    "objections": ("village_announcement", "township_announcement", "exit_announcement"),
}

PUBLIC_KINDS = frozenset({"announcement", "notice", "exit-announcement", "wallchart"})


def print_kind_help() -> str:
    """The kinds as ``fupin print --help`` lists them: "announcement 公示名单, notice 公告, …"."""
    return ", ".join(f"{kind} {zh}" for kind, (zh, _en) in PRINT_KIND_LABELS.items())
