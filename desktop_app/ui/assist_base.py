"""The two shapes every assistance ledger's screen takes (issue 16).

- :class:`VillagePage`: one page of the main window's 帮扶台账 tab, for the village chosen in the area tree
  (``set_village``), re-read by ``refresh()``;
- :class:`CardSection`: one page of the card's 帮扶台账 tab, for one saved household, read on first show
  (so the tab opens fast) and again by ``refresh()``; it emits ``changed`` after it wrote something.

The containers are ``ui/assist_view.py`` (village) and ``ui/card_assist.py`` (card).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from desktop_app.services import Database


class VillagePage(QWidget):
    """A ledger of one village; the container calls ``set_village`` when the tree's choice changes."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.village_id: str | None = None
        self._stale = True

    def set_village(self, village_id: str | None) -> None:
        self.village_id = village_id
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the ledger of ``village_id`` (subclasses fill the screen)."""
        self._stale = False


class CardSection(QWidget):
    """A ledger of one household on its card."""

    changed = Signal()

    def __init__(self, db: Database, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.household_id = household_id
        self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Re-read this household's ledger (subclasses fill the screen)."""
        self._stale = False
