"""First-steps hints over empty lists: what to do next, instead of a blank table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


def _tr(text: str) -> str:
    return QCoreApplication.translate("EmptyHint", text)


def household_list_hint(*, query: str, other_filters: bool, has_areas: bool, area_name: str) -> str:
    """The hint of an empty household list, from the reason it is empty."""
    if query.strip():
        return (
            _tr("Not found: no household matches “%1”.").replace("%1", query.strip())
            + "\n"
            + _tr(
                "Search by the name of the head or of any member, a resident ID (whole or part), "
                "the household number or pinyin initials (zsf finds 张三丰)."
            )
        )
    if other_filters:
        return _tr("No household matches these filters. Choose “all” in the filters above to see every household.")
    if not has_areas:
        return _tr(
            "No county, township or village has been set up yet: use File → New database… or restart "
            "the program to set up your work area."
        )
    return (
        _tr("No households in %1 yet.").replace("%1", area_name or _tr("this area"))
        + "\n"
        + _tr(
            "Select a village (or a village group) on the left and press Ctrl+N to create a household card, "
            "or import a workbook from the Exchange menu."
        )
    )


class EmptyHint(QLabel):
    """A grey, centred text over a view's viewport, shown while the view has no rows."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view.viewport())
        self.setObjectName("empty_hint")
        self._view = view
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("color: #5f6368; font-size: 14px; padding: 24px;")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.viewport().installEventFilter(self)
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(text)
        self._place()
        self.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        self.setGeometry(self._view.viewport().rect())
