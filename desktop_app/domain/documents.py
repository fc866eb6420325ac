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
    # monitoring since 2021 (services/printing/monitoring_docs.py)
    "consent": ("承诺授权书", "Consent and authorisation form"),
    "collection-form": ("信息采集表", "Information collection form"),
    "check-form": ("入户核查表", "Home check form"),
    "monitor-minutes": ("监测民主评议会议记录", "Monitoring evaluation minutes"),
    "monitor-notice": ("监测村内公示", "Monitoring village notice"),
    "monitor-announcement": ("监测公告", "Monitoring announcement"),
    "removal-notice": ("风险消除公示", "Risk-removal notice"),
    # assistance ledgers (services/printing/assist_docs.py)
    "help-manual": ("扶贫手册帮扶台账", "Household help ledgers"),
    "measures-register": ("村帮扶措施登记册", "Village measures register"),
    "funds-ledger": ("资金台账", "Funds ledger"),
    "loan-ledger": ("小额信贷台账", "Microcredit ledger"),
    "post-notice": ("公益岗位拟聘人员公示", "Public-welfare post notice"),
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

PUBLIC_KINDS = frozenset(
    {
        "announcement",
        "notice",
        "exit-announcement",
        "wallchart",
        "monitor-notice",
        "monitor-announcement",
        "removal-notice",
        "post-notice",
    }
)
# The monitoring documents: one household's forms, and the village's lists of monitoring cases.
MONITOR_HOUSEHOLD_KINDS = frozenset({"consent", "collection-form", "check-form"})
MONITOR_LIST_KINDS = frozenset({"monitor-minutes", "monitor-notice", "monitor-announcement", "removal-notice"})
# The assistance ledgers: one household's help pages, and the village's registers, ledgers and post notice.
ASSIST_HOUSEHOLD_KINDS = frozenset({"help-manual"})
ASSIST_VILLAGE_KINDS = frozenset({"measures-register", "funds-ledger", "loan-ledger", "post-notice"})
ASSIST_KINDS = ASSIST_HOUSEHOLD_KINDS | ASSIST_VILLAGE_KINDS


def print_kind_help() -> str:
    """The kinds as ``fupin print --help`` lists them: "announcement 公示名单, notice 公告, …"."""
    return ", ".join(f"{kind} {zh}" for kind, (zh, _en) in PRINT_KIND_LABELS.items())
