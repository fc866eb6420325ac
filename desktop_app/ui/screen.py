"""Every window fits its screen: one application-wide filter instead of a size rule in each dialog.

On each Show of a top-level window the filter clamps its size and position into the available geometry of
the screen it opens on (a 1366×768 laptop with a taskbar leaves about 1366×728), so no dialog can forget.
The main window asks for :func:`fit_main_window`, which maximises it on screens below 1440×900.
Item views get the other half of the "nothing is cut off" rule: an elided cell shows its full text as a
tooltip, and columns sized Fixed or Stretch become Interactive so that the user can widen them.
"""

from __future__ import annotations

import atexit

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QHelpEvent, QScreen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

MAXIMISE_BELOW = QSize(1440, 900)
_KEEP_STRETCH = "fupin_keep_stretch"  # a view may keep its Stretch sections by setting this property
_ADOPTED = "fupin_screen_model"
_ASSUMED_FRAME = (8, 34)  # title bar and borders of a typical window manager, before they are known


def screen_of(widget: QWidget) -> QScreen | None:
    parent = widget.parentWidget()
    anchor = parent.window() if parent is not None else widget
    return anchor.screen() or QGuiApplication.primaryScreen()


def available(widget: QWidget) -> QRect:
    screen = screen_of(widget)
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fit_to_screen(window: QWidget) -> None:
    """Shrink the window (frame included) into its screen's available area and move it fully inside."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = available(window)
    frame = window.frameGeometry()
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    if not extra_h and not window.windowFlags() & Qt.WindowType.FramelessWindowHint and window.parentWidget():
        extra_w, extra_h = _ASSUMED_FRAME  # a dialog's first Show: the window manager adds its frame later
    max_w, max_h = area.width() - extra_w, area.height() - extra_h
    if window.minimumWidth() > max_w or window.minimumHeight() > max_h:
        window.setMinimumSize(min(window.minimumWidth(), max_w), min(window.minimumHeight(), max_h))
    if window.width() > max_w or window.height() > max_h:
        window.resize(min(window.width(), max_w), min(window.height(), max_h))
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def fit_main_window(window: QWidget, *, restored: bool) -> None:
    """The main window: maximised on small screens (after a restored geometry was clamped), else fitted."""
    area = available(window)
    if not restored:
        window.resize(min(1280, area.width()), min(860, area.height()))
    fit_to_screen(window)
    if area.width() < MAXIMISE_BELOW.width() or area.height() < MAXIMISE_BELOW.height():
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def widen_columns(view: QAbstractItemView) -> None:
    """Fixed or Stretch-only columns become Interactive: the user can drag any column wider."""
    if not shiboken6.isValid(view):
        return  # a deferred call or a model signal outlived the view
    headers = [getattr(view, "horizontalHeader", lambda: None)()]
    if getattr(view, "header", None) is not None and not hasattr(view, "horizontalHeader"):
        headers = [view.header()]  # type: ignore[attr-defined]  # a QTreeView: checked with getattr above
    for header in headers:
        if not isinstance(header, QHeaderView) or view.property(_KEEP_STRETCH):
            continue
        stretched = False
        for section in range(header.count()):
            mode = header.sectionResizeMode(section)
            if mode in (QHeaderView.ResizeMode.Fixed, QHeaderView.ResizeMode.Stretch):
                stretched = stretched or mode == QHeaderView.ResizeMode.Stretch
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.Interactive)  # keeps its width
        if stretched:
            header.setStretchLastSection(True)  # the table still fills its width


def elided_text(view: QAbstractItemView, index: QModelIndex) -> str | None:
    """The full text of the cell at ``index`` when the cell is too narrow to show it, else None."""
    if not index.isValid():
        return None
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if text is None or not str(text).strip():
        return None
    text = str(text)
    rect = view.visualRect(index)
    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    font = index.data(Qt.ItemDataRole.FontRole)
    if font is not None:
        option.font = font
    needed = view.itemDelegateForIndex(index).sizeHint(option, index).width()
    return text if needed > rect.width() else None


class ScreenFit(QObject):
    """Installed once on the application (``install``): fits windows on Show, explains elided cells."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QWidget):
            if isinstance(watched, QAbstractItemView):
                self._adopt(watched)
            if watched.isWindow() and not watched.inherits("QMenu") and not watched.inherits("QTipLabel"):
                fit_to_screen(watched)
        elif kind == QEvent.Type.ToolTip and isinstance(watched, QWidget):
            view = watched.parentWidget()
            if isinstance(view, QAbstractItemView) and view.viewport() is watched:
                return self._cell_tooltip(view, event)  # type: ignore[arg-type]  # Qt hands a QHelpEvent typed as QEvent
        return False

    def _adopt(self, view: QAbstractItemView) -> None:
        """Widen now, and again whenever the view's model resets (columns may be re-sized by the screen)."""
        widen_columns(view)
        QTimer.singleShot(0, lambda: widen_columns(view))  # again once the window's layout has settled
        model = view.model()
        if model is not None and view.property(_ADOPTED) is not model:
            view.setProperty(_ADOPTED, model)
            model.modelReset.connect(lambda v=view: widen_columns(v))
            model.layoutChanged.connect(lambda *_a, v=view: widen_columns(v))

    def _cell_tooltip(self, view: QAbstractItemView, event: QHelpEvent) -> bool:
        index = view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False  # the model's own tooltip wins
        full = elided_text(view, index)
        if full is None:
            QToolTip.hideText()
            return True
        QToolTip.showText(event.globalPos(), full, view.viewport(), view.visualRect(index))
        return True


_installed: ScreenFit | None = None


def install(app: QApplication) -> ScreenFit:
    """Once per application; later calls return the same filter."""
    global _installed
    if _installed is None:
        _installed = ScreenFit(app)
        app.installEventFilter(_installed)
        atexit.register(_uninstall, app)  # no Python filter may run while the interpreter shuts down
    return _installed


def _uninstall(app: QApplication) -> None:
    global _installed
    if _installed is not None and shiboken6.isValid(app) and shiboken6.isValid(_installed):
        app.removeEventFilter(_installed)
    _installed = None
