"""The card's 帮扶台账 tab: the household's assistance ledgers (issue 16), one sub-tab per ledger.

结对帮扶 (pairing), 一户一策 (plan, measures delivered, disbursements), 小额信贷 (loans), 公益岗位 (posts),
务工监测 (monthly migrant work) and 走访记录 (visits). The card opens fast even at county size: a sub-tab's
section is built the first time it is shown (``LazyTabs``), and a section reads the database on its first show
(``assist_base.CardSection``), so opening the card reads nothing of these ledgers and opening this tab reads
only the section in front.

When a section wrote something (its ``changed``), the sections already built re-read on their next show, and
the panel tells the card which ledger moved (``ledger_changed``): the card shows the new pairing cadre or the
income the wages rolled into.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop_app.services import Database
from desktop_app.ui.assist_base import CardSection
from desktop_app.ui.assist_loans import CardLoansSection
from desktop_app.ui.assist_pairing import CardPairingSection
from desktop_app.ui.assist_plans import CardPlanSection
from desktop_app.ui.assist_posts import CardPostsSection
from desktop_app.ui.assist_visits import CardVisitsSection
from desktop_app.ui.assist_work import CardWorkSection

# key, English source title (Chinese in assist_ui_zh_CN.ts), section class; the order of the sub-tabs
CARD_SECTIONS: tuple[tuple[str, str, type], ...] = (
    ("pairing", "Pairing", CardPairingSection),
    ("plan", "One household, one policy", CardPlanSection),
    ("loans", "Microcredit", CardLoansSection),
    ("posts", "Public-welfare posts", CardPostsSection),
    ("work", "Migrant work", CardWorkSection),
    ("visits", "Visits", CardVisitsSection),
)
# what a change of each ledger moves elsewhere on the card
MOVES_CADRE = frozenset({"pairing"})  # Household.cadre_id follows the current role-1 pairing
MOVES_INCOME = frozenset({"posts", "work"})  # post subsidies and wages roll into the year's income record


class LazyTabs(QTabWidget):
    """A tab widget whose pages are made by a factory the first time they are shown (or asked for)."""

    built = Signal(str, QWidget)  # key, the page just made

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._holders: dict[str, QWidget] = {}
        self._layouts: dict[str, QVBoxLayout] = {}
        self._pages: dict[str, QWidget] = {}
        self.currentChanged.connect(lambda _index: self._build_current())

    def add_lazy(self, key: str, title: str, factory: Callable[[], QWidget]) -> None:
        holder = QWidget(self)
        holder.setObjectName(f"holder_{key}")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        self._factories[key] = factory
        self._holders[key] = holder
        self._layouts[key] = layout
        self.addTab(holder, title)

    def keys(self) -> list[str]:
        return list(self._holders)

    def built_pages(self) -> dict[str, QWidget]:
        """The pages made so far, by key (the others have never been shown)."""
        return dict(self._pages)

    def page(self, key: str) -> QWidget:
        """The page of ``key``, made now if it was not yet."""
        if key not in self._pages:
            page = self._factories[key]()
            page.setObjectName(f"page_{key}")
            self._layouts[key].addWidget(page)
            self._pages[key] = page
            page.show()  # shown (and so read) only when its holder is on screen
            self.built.emit(key, page)
        return self._pages[key]

    def current_key(self) -> str | None:
        current = self.currentWidget()
        return next((key for key, holder in self._holders.items() if holder is current), None)

    def show_key(self, key: str) -> QWidget:
        self.setCurrentWidget(self._holders[key])
        return self.page(key)

    def _build_current(self) -> None:
        key = self.current_key()
        if key is not None and self.isVisible():
            self.page(key)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._build_current()


class CardAssistPanel(QWidget):
    """The assistance ledgers of one saved household (the card's 帮扶台账 tab)."""

    ledger_changed = Signal(str)  # the key of the ledger a section wrote to (CARD_SECTIONS)

    def __init__(self, db: Database, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.household_id = household_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = LazyTabs(self)
        self.tabs.setObjectName("assist_sections")
        self.tabs.setDocumentMode(True)
        for key, title, section in CARD_SECTIONS:
            self.tabs.add_lazy(key, self._title(title), self._factory(section))
        self.tabs.built.connect(self._section_built)
        layout.addWidget(self.tabs)

    @staticmethod
    def _title(text: str) -> str:
        return QCoreApplication.translate("CardAssistPanel", text)

    def _factory(self, section: type) -> Callable[[], QWidget]:
        return lambda: section(self.db, self.household_id, self)

    def section(self, key: str) -> QWidget:
        """The section of ``key`` (made now if it was never shown)."""
        return self.tabs.page(key)

    def show_section(self, key: str) -> QWidget:
        return self.tabs.show_key(key)

    def built_sections(self) -> dict[str, QWidget]:
        return self.tabs.built_pages()

    def _section_built(self, key: str, section: QWidget) -> None:
        if isinstance(section, CardSection):
            section.changed.connect(lambda key=key: self._section_changed(key))

    def _section_changed(self, key: str) -> None:
        """One ledger moved: the others re-read (the one in front at once, the hidden ones when shown)."""
        for other_key, section in self.tabs.built_pages().items():
            if other_key == key or not isinstance(section, CardSection):
                continue
            if section.isVisible():
                section.refresh()
            else:
                section._stale = True  # CardSection re-reads on its next show
        self.ledger_changed.emit(key)


__all__ = ["CARD_SECTIONS", "MOVES_CADRE", "MOVES_INCOME", "CardAssistPanel", "LazyTabs"]
