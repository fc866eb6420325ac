"""The main window's 帮扶台账 tab: the assistance ledgers of the village chosen in the area tree (issue 16).

Sub-tabs 结对覆盖 (PairingPage), 资金台账 (FundsPage), 小额信贷 (LoansPage), 公益岗位 (PostsPage) and 务工月监测
(WorkMonthsPage). A page is made the first time it is shown and reads its village only while it is in front
(``assist_base.VillagePage``): choosing another village re-reads the page in front, the others when shown. Above
them a heading line gives the village's counts (households to cover, uncovered, cadres over their limit, overdue
loans); it follows committed changes (a card paired a household, a loan was repaid) while the tab is on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.domain.money import format_yuan
from desktop_app.services import Changes, Database, subscribe
from desktop_app.services.areas import area_tree
from desktop_app.services.assistance import coverage_check, ledger_flags, loan_list, posts_check
from desktop_app.ui.assist_base import VillagePage
from desktop_app.ui.assist_funds import FundsPage
from desktop_app.ui.assist_loans import LoansPage
from desktop_app.ui.assist_pairing import PairingPage
from desktop_app.ui.assist_posts import PostsPage
from desktop_app.ui.assist_work import WorkMonthsPage
from desktop_app.ui.card_assist import LazyTabs
from desktop_app.ui.i18n import current_language

# key, English source title (Chinese in assist_ui_zh_CN.ts), page class; the order of the sub-tabs
VILLAGE_PAGES: tuple[tuple[str, str, type], ...] = (
    ("pairing", "Pairing coverage", PairingPage),
    ("funds", "Funds ledger", FundsPage),
    ("loans", "Microcredit", LoansPage),
    ("posts", "Public-welfare posts", PostsPage),
    ("work", "Monthly migrant work", WorkMonthsPage),
)


@dataclass(frozen=True)
class VillageCounts:
    """The heading line's figures for one village."""

    to_cover: int  # households the pairing rules say must have a cadre
    uncovered: int  # of them, without a cadre (or a monitored one without a contact)
    over_limit: int  # cadres with more households than their rank allows
    overdue_loans: int
    overdue_fen: int
    post_findings: int  # holders who break a post rule
    flagged: int  # disbursements to households outside the register or the monitoring list


def village_counts(db: Database, village_id: str) -> VillageCounts:
    coverage = coverage_check(db, village_id)
    overdue = loan_list(db, village_id, overdue_only=True)
    return VillageCounts(
        to_cover=coverage.must_cover,
        uncovered=len({row.household_id for row in coverage.uncovered}),
        over_limit=len(coverage.over_limit),
        overdue_loans=len(overdue),
        overdue_fen=sum(row.overdue_fen for row in overdue),
        post_findings=len(posts_check(db, village_id)),
        flagged=len(ledger_flags(db, village_id)),
    )


def _marked(count: int) -> str:
    """A count that asks for work is red (and says its number: the colour is never the only marker)."""
    return f"<span style='color:#b00020'>{count}</span>" if count else "0"


def _lang() -> str:
    return "en" if current_language() == "en" else "zh"


def village_name(db: Database, village_id: str | None) -> str:
    """The village's name as the area tree shows it ("" when none is chosen or it is gone)."""
    if village_id is None:
        return ""
    for root in area_tree(db):
        node = next((n for n in root.walk() if n.id == village_id), None)
        if node is not None:
            return node.name
    return ""


class AssistView(QWidget):
    """The selected village's assistance ledgers; ``set_village`` chooses it (the main window's area tree)."""

    changed = Signal()  # a page wrote something (the household list may show other cadres)
    changesArrived = Signal(object)  # a committed change, handed to the GUI thread

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.village_id: str | None = None
        self.village_name = ""
        self._heading_stale = True
        self.counts: VillageCounts | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.heading = QLabel(self)
        self.heading.setObjectName("assist_heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.pages = LazyTabs(self)
        self.pages.setObjectName("assist_pages")
        for key, title, page in VILLAGE_PAGES:
            self.pages.add_lazy(key, QCoreApplication.translate("AssistView", title), self._factory(page))
        self.pages.built.connect(self._page_built)
        layout.addWidget(self.pages, 1)
        self._heading_timer = QTimer(self)  # several commits in a row (an import) → one re-count
        self._heading_timer.setSingleShot(True)
        self._heading_timer.setInterval(150)
        self._heading_timer.timeout.connect(self.refresh_heading)
        self._unsubscribe: Callable[[], None] = subscribe(db, self.changesArrived.emit)
        self.changesArrived.connect(self.apply_changes)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self._show_heading()

    def _factory(self, page: type) -> Callable[[], QWidget]:
        def make() -> QWidget:
            made: VillagePage = page(self.db, self)
            made.set_village(self.village_id)
            return made

        return make

    def _page_built(self, _key: str, page: QWidget) -> None:
        if isinstance(page, VillagePage):
            page.changed.connect(self._page_changed)

    def _village_pages(self) -> list[VillagePage]:
        return [page for page in self.pages.built_pages().values() if isinstance(page, VillagePage)]

    # --- the village ---------------------------------------------------------------------------------------
    def set_village(self, village_id: str | None) -> None:
        """Show ``village_id``'s ledgers: the page in front re-reads now, the others when they are shown."""
        if village_id == self.village_id and not self._heading_stale:
            return
        self.village_id = village_id
        self.village_name = village_name(self.db, village_id)
        for page in self._village_pages():
            page.set_village(village_id)
        self._heading_stale = True
        if self.isVisible():
            self.refresh_heading()
        else:
            self._show_heading()

    def page(self, key: str) -> QWidget:
        """The page of ``key`` (made now if it was never shown)."""
        return self.pages.page(key)

    def show_page(self, key: str) -> QWidget:
        return self.pages.show_key(key)

    # --- the heading ---------------------------------------------------------------------------------------
    def refresh_heading(self) -> None:
        """Count the village's open work again (coverage, overdue loans, post findings, flagged payments)."""
        self._heading_timer.stop()
        self._heading_stale = False
        self.counts = village_counts(self.db, self.village_id) if self.village_id else None
        self._show_heading(self.counts)

    def _show_heading(self, counts: VillageCounts | None = None) -> None:
        if self.village_id is None:
            self.heading.setText(self.tr("Choose a village in the tree to see its assistance ledgers."))
            return
        if counts is None:
            self.heading.setText(f"<b>{self.village_name}</b>")
            return
        parts = [
            self.tr("%1 households to cover, %2 uncovered")
            .replace("%1", str(counts.to_cover))
            .replace("%2", _marked(counts.uncovered)),
            self.tr("%1 cadres over their limit").replace("%1", _marked(counts.over_limit)),
            self.tr("%1 overdue loans (%2 yuan overdue)")
            .replace("%1", _marked(counts.overdue_loans))
            .replace("%2", format_yuan(counts.overdue_fen)),
            self.tr("%1 post findings").replace("%1", _marked(counts.post_findings)),
            self.tr("%1 flagged disbursements").replace("%1", _marked(counts.flagged)),
        ]
        sep = "; " if _lang() == "en" else "；"
        colon = ": " if _lang() == "en" else "："
        self.heading.setText(f"<b>{self.village_name}</b>{colon}" + sep.join(parts))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._heading_stale:
            self.refresh_heading()

    # --- changes -------------------------------------------------------------------------------------------
    def _page_changed(self) -> None:
        sender = self.sender()
        for page in self._village_pages():
            if page is not sender and not page.isVisible():
                page.set_village(self.village_id)  # stale: re-read when shown
        self.refresh_heading()
        self.changed.emit()

    @Slot(object)
    def apply_changes(self, changes: Changes) -> None:
        """Someone else (a card, an import, a merge) changed data: the counts and hidden pages follow."""
        if self.village_id is None or not changes:
            return
        for page in self._village_pages():
            if not page.isVisible():
                page.set_village(self.village_id)
        self._heading_stale = True
        if self.isVisible():
            self._heading_timer.start()


__all__ = ["VILLAGE_PAGES", "AssistView", "VillageCounts", "village_counts", "village_name"]
