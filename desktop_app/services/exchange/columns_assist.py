"""The exchange workbook's ledger sheets (format version 2, issue 16): pairings, plans, measures delivered,
funds, loans with repayments, posts, work months and visits.

Each sheet is one table of ``storage.models_assist`` (and ``help_measure``). Rows of a household's ledger
are linked to it by 户编号 (and the hidden 户记录编号); village records (allocations, posts) by 行政村代码.
A link to another record (a loan, a post, a fund, a member) is its hidden record id; the names beside it
(借款人, 资金来源 …) are ``derived``: written for people to read, never read back. ``LINKS`` says which table
each hidden id must name, so that the import refuses a row whose loan, post or fund is nowhere to be found.
"""

from __future__ import annotations

from desktop_app.services.exchange.columns import (
    BOOL,
    CODE,
    DATE,
    INT,
    JSONLIST,
    KEY_COLUMNS,
    KEYTEXT,
    MONEY,
    TEXT,
    Col,
    SheetSpec,
)

V2 = 2


def _c(header: str, field: str, kind: str = TEXT, codelist: str | None = None, **kw: object) -> Col:
    return Col(header, field, kind, codelist, since=V2, **kw)  # type: ignore[arg-type]  # the same keywords


def _hidden(header: str, field: str, *, required: bool = False, kind: str = KEYTEXT) -> Col:
    return _c(header, field, kind, width=38, hidden=True, required=required)


def _shown(header: str, field: str, width: float = 12) -> Col:
    """A name read out for people (a member, a fund…): derived from the hidden id beside it."""
    return _c(header, field, KEYTEXT, width=width, derived=True)


HOUSEHOLD_NUMBER = _c("户编号", "@household_number", KEYTEXT, width=18, required=True)
HEAD_NAME = _shown("户主姓名", "@head_name", 10)
HOUSEHOLD_ID = _hidden("户记录编号", "household_id")
VILLAGE_CODE = _c("行政村代码", "@village_code", KEYTEXT, width=14, required=True)
VILLAGE_NAME = _shown("行政村", "@village_name", 10)
NOTE = _c("备注", "note", TEXT, width=20)
MEMBER_NAME = _shown("姓名", "@member_name", 10)
FUND_NAME = _shown("资金来源", "@fund_name", 18)
PROJECT_NAME = _shown("项目", "@project_name", 18)


def _household_sheet(name: str, table: str, *cols: Col) -> SheetSpec:
    return SheetSpec(name, table, (HOUSEHOLD_NUMBER, HEAD_NAME, *cols, HOUSEHOLD_ID, *KEY_COLUMNS))


FUNDS = SheetSpec(
    "资金来源",
    "fund",
    (
        _c("资金名称", "name", KEYTEXT, width=24, required=True),
        _c("资金级次", "level", CODE, "fund_level", width=12),
        _c("年度", "year", INT, width=8, required=True),
        _c("文号", "document", TEXT, width=20),
        NOTE,
        *KEY_COLUMNS,
    ),
)

PROJECTS = SheetSpec(
    "资金项目",
    "fund_project",
    (
        _c("项目名称", "name", KEYTEXT, width=24, required=True),
        FUND_NAME,
        _c("年度", "year", INT, width=8, required=True),
        _c("帮扶类别", "category", CODE, "help_category", width=12),
        NOTE,
        _hidden("资金编号", "fund_id", required=True),
        *KEY_COLUMNS,
    ),
)

ALLOCATIONS = SheetSpec(
    "资金分配",
    "fund_allocation",
    (
        VILLAGE_CODE,
        VILLAGE_NAME,
        FUND_NAME,
        PROJECT_NAME,
        _c("年度", "year", INT, width=8, required=True),
        _c("分配金额（元）", "amount_fen", MONEY, width=14),
        _c("下达日期", "on_date", DATE, width=11),
        _c("文号", "document", TEXT, width=20),
        NOTE,
        _hidden("资金编号", "fund_id", required=True),
        _hidden("项目编号", "project_id"),
        *KEY_COLUMNS,
    ),
)

PLANS = _household_sheet(
    "帮扶计划",
    "help_plan",
    _c("年度", "year", INT, width=8, required=True),
    _shown("致贫原因", "@causes", 16),
    _shown("风险类型", "@risks", 16),
    _shown("计划措施", "@items", 40),
    _c("人均纯收入目标（元）", "income_target_fen", MONEY, width=14),
    _c("帮扶目标", "targets", TEXT, width=24),
    _c("制定日期", "made_on", DATE, width=11),
    _c("制定人", "made_by", KEYTEXT, width=10),
    NOTE,
    _hidden("致贫原因代码", "causes", kind=JSONLIST),
    _hidden("风险类型代码", "risks", kind=JSONLIST),
    _hidden("计划措施数据", "items", kind=JSONLIST),
)

DELIVERIES = _household_sheet(
    "措施落实",
    "help_measure",
    _c("年度", "year", INT, width=8, required=True),
    _c("帮扶类别", "category", CODE, "help_category", width=12, required=True),
    _shown("具体措施", "@values", 20),
    _c("措施内容", "content", TEXT, width=24),
    _shown("受益成员", "@member_name", 10),
    _c("金额（元）", "amount_fen", MONEY, width=12),
    FUND_NAME,
    PROJECT_NAME,
    _c("开始日期", "started_on", DATE, width=11),
    _c("结束日期", "ended_on", DATE, width=11),
    _c("落实状态", "status", CODE, "measure_status", width=10),
    _c("帮扶成效", "result", TEXT, width=20),
    _shown("证明材料（份）", "@evidence_count", 8),
    NOTE,
    _hidden("措施值", "values", kind=JSONLIST),
    _hidden("成员记录编号", "member_id"),
    _hidden("资金编号", "fund_id"),
    _hidden("项目编号", "project_id"),
    _hidden("证明材料", "evidence", kind=JSONLIST),
)

DISBURSEMENTS = _household_sheet(
    "资金拨付",
    "disbursement",
    VILLAGE_CODE,
    FUND_NAME,
    PROJECT_NAME,
    _c("年度", "year", INT, width=8, required=True),
    _c("拨付金额（元）", "amount_fen", MONEY, width=14),
    _c("拨付日期", "paid_on", DATE, width=11),
    _shown("收款人", "@payee_name", 10),
    _shown("证明材料（份）", "@evidence_count", 8),
    NOTE,
    _hidden("措施记录编号", "measure_id"),
    _hidden("资金编号", "fund_id", required=True),
    _hidden("项目编号", "project_id"),
    _hidden("收款人记录编号", "payee_member_id"),
    _hidden("证明材料", "evidence", kind=JSONLIST),
)

LOANS = _household_sheet(
    "小额信贷",
    "loan",
    _shown("借款人", "@member_name", 10),
    _c("贷款产品", "product", KEYTEXT, width=14, required=True),
    _shown("产品名称", "@product_name", 16),
    _c("信用等级", "credit_rating", CODE, "credit_rating", width=8),
    _c("授信额度（元）", "credit_line_fen", MONEY, width=14),
    _c("合同编号", "contract_no", KEYTEXT, width=20),
    _c("贷款银行", "bank", TEXT, width=16),
    _c("贷款金额（元）", "amount_fen", MONEY, width=14),
    _c("期限（月）", "term_months", INT, width=8),
    _c("年利率（%）", "rate", KEYTEXT, width=8),
    _c("放款日期", "drawn_on", DATE, width=11),
    _c("到期日期", "due_on", DATE, width=11),
    _c("贷款用途", "purpose", TEXT, width=20),
    _c("产业", "industry", TEXT, width=12),
    _c("展期至", "extended_to", DATE, width=11),
    _c("展期原因", "extension_reason", TEXT, width=16),
    _c("结清日期", "settled_on", DATE, width=11),
    NOTE,
    _hidden("借款人记录编号", "member_id"),
    _hidden("续贷原贷款编号", "renewal_of"),
)

REPAYMENTS = _household_sheet(
    "贷款还款",
    "loan_repayment",
    _shown("合同编号", "@contract_no", 20),
    _c("还款日期", "paid_on", DATE, width=11, required=True),
    _c("还本金（元）", "principal_fen", MONEY, width=14),
    _c("付利息（元）", "interest_fen", MONEY, width=14),
    NOTE,
    _hidden("贷款记录编号", "loan_id", required=True),
    _hidden("还款来源", "source"),  # manual | statement (a bank statement's import)
)

POSTS = SheetSpec(
    "公益岗位",
    "post",
    (
        VILLAGE_CODE,
        VILLAGE_NAME,
        _c("岗位名称", "name", KEYTEXT, width=16),
        _c("岗位类型", "type", CODE, "post_type", width=12, required=True),
        _c("岗位层级", "tier", CODE, "post_tier", width=12, required=True),
        _c("资金渠道", "funding", CODE, "post_funding", width=10),
        _c("月补贴（元）", "monthly_subsidy_fen", MONEY, width=12),
        _c("岗位数", "places", INT, width=6),
        _c("开始日期", "started_on", DATE, width=11),
        _c("结束日期", "ended_on", DATE, width=11),
        _c("公告日期", "vacancy_on", DATE, width=11),
        _c("文号", "document", TEXT, width=20),
        NOTE,
        *KEY_COLUMNS,
    ),
)

HOLDERS = _household_sheet(
    "岗位人员",
    "post_holder",
    _shown("岗位", "@post_name", 16),
    MEMBER_NAME,
    _c("环节", "stage", CODE, "post_stage", width=10),
    _c("报名日期", "applied_on", DATE, width=11),
    _c("审核日期", "checked_on", DATE, width=11),
    _c("公示开始", "notice_start", DATE, width=11),
    _c("公示结束", "notice_end", DATE, width=11),
    _c("签约日期", "contract_on", DATE, width=11),
    _c("离岗日期", "left_on", DATE, width=11),
    _c("离岗原因", "left_reason", TEXT, width=16),
    NOTE,
    _hidden("岗位编号", "post_id", required=True),
    _hidden("成员记录编号", "member_id", required=True),
    _hidden("审核意见", "findings", kind=JSONLIST),
)

POST_MONTHS = _household_sheet(
    "岗位月报",
    "post_month",
    _shown("岗位", "@post_name", 16),
    MEMBER_NAME,
    _c("月份", "month", INT, width=8, required=True),
    _c("出勤天数", "days_worked", INT, width=8),
    _c("考勤合格", "attendance_ok", BOOL, width=8),
    _c("考核结果", "assessment", CODE, "post_assessment", width=8),
    _c("补贴（元）", "subsidy_fen", MONEY, width=12),
    NOTE,
    _hidden("岗位人员编号", "holder_id", required=True),
)

WORK_MONTHS = _household_sheet(
    "务工监测",
    "work_month",
    MEMBER_NAME,
    _c("月份", "month", INT, width=8, required=True),
    _c("是否务工", "worked", BOOL, width=8),
    _c("开始日期", "started_on", DATE, width=11),
    _c("结束日期", "ended_on", DATE, width=11),
    _c("务工地点", "place", TEXT, width=16),
    _c("务工渠道", "channel", CODE, "work_channel", width=12),
    _c("行业", "industry", CODE, "work_industry", width=12),
    _c("用工单位", "employer", TEXT, width=20),
    _c("工资收入（元）", "wage_fen", MONEY, width=12),
    _c("交通补助（元）", "transport_subsidy_fen", MONEY, width=12),
    NOTE,
    _hidden("成员记录编号", "member_id", required=True),
)

PAIRINGS = _household_sheet(
    "帮扶结对",
    "pairing",
    _shown("帮扶干部", "@cadre_name", 10),
    _c("结对类型", "role", CODE, "pairing_role", width=12),
    _c("开始日期", "started_on", DATE, width=11),
    _c("结束日期", "ended_on", DATE, width=11),
    _c("结束原因", "end_reason", TEXT, width=16),
    NOTE,
    _hidden("帮扶干部编号", "cadre_id", required=True),
)

VISITS = _household_sheet(
    "走访记录",
    "visit",
    _c("走访日期", "visited_on", DATE, width=11, required=True),
    _shown("走访干部", "@cadre_name", 10),
    _c("发现问题", "found", TEXT, width=30),
    _c("商定事项", "agreed", TEXT, width=30),
    _shown("照片（张）", "@photo_count", 8),
    NOTE,
    _hidden("帮扶干部编号", "cadre_id"),
    _hidden("照片", "photos", kind=JSONLIST),
)

# Parents first (funds and projects before allocations and disbursements, posts before holders and months,
# loans before repayments): the order they are written, checked and merged in.
LEDGER_SHEETS = (
    FUNDS,
    PROJECTS,
    ALLOCATIONS,
    PAIRINGS,
    PLANS,
    DELIVERIES,
    DISBURSEMENTS,
    LOANS,
    REPAYMENTS,
    POSTS,
    HOLDERS,
    POST_MONTHS,
    WORK_MONTHS,
    VISITS,
)
LEDGER_TABLES = tuple(spec.table for spec in LEDGER_SHEETS)
VILLAGE_TABLES = frozenset({"fund_allocation", "post"})  # linked to a village, not a household
REFERENCE_TABLES = frozenset({"fund", "fund_project"})  # the county's: every export carries them all

# hidden id column -> the table whose record it names (checked on import: in the file or the database)
LINKS: dict[str, str] = {
    "fund_id": "fund",
    "project_id": "fund_project",
    "measure_id": "help_measure",
    "member_id": "member",
    "payee_member_id": "member",
    "loan_id": "loan",
    "post_id": "post",
    "holder_id": "post_holder",
    "cadre_id": "cadre",
}
