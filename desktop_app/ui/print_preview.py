"""Print preview: the document is rendered in the background, shown page by page, then printed or saved.

``open_print_dialog`` is the entry point the main window, the card editor and the batches view call. The
PDF is built by ``desktop_app.services.printing.render`` on a worker thread (``run_job``), so the window stays
responsive for a register of a hundred pages; a wrong selection (no village chosen, no batch yet) comes back
as a Chinese message instead of a window. Printing draws each PDF page onto the printer at its resolution.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QPointF,
    QRect,
    QSize,
    QStandardPaths,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import labels
from desktop_app.domain.errors import DomainError
from desktop_app.services import Cancelled, Database, Progress, printing
from desktop_app.services.printing import RenderedDocument
from desktop_app.ui.i18n import current_language
from desktop_app.ui.jobs import JobCancelled, JobContext, error_message, run_job
from desktop_app.ui.print_batch import BatchChoiceDialog

log = logging.getLogger(__name__)
MAX_PRINT_DPI = 300  # enough for text on paper; more only makes the spool file huge
SCREEN_SHARE = 0.9  # the preview takes this much of the screen's free height (and at most of its width)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintPreviewDialog", text)


def kind_title(kind: str) -> str:
    """The document's name in the UI language, from the one table of print kinds (domain.documents)."""
    return labels.label("print_kind", kind, "en" if current_language() == "en" else "zh")


def _page_progress(context: JobContext) -> Progress:
    """The job's progress window as the printing use case's progress: a page count, Cancel stops the layout."""

    def report(done: int, _total: int, _text: str) -> None:
        context.progress(done, 0, _tr("Laying out page %n…").replace("%n", str(done)))

    return Progress(report, lambda: context.cancelled)


def render_document(
    db: Database,
    kind: str,
    *,
    village_id: str | None = None,
    household_id: str | None = None,
    batch_id: str | None = None,
    context: JobContext | None = None,
    case_ids: tuple[str, ...] = (),
) -> RenderedDocument:
    """Resolve the selection and render the PDF (runs on a worker thread: plain data in, bytes out).

    ``case_ids`` names the monitoring cases a monitoring document prints (the monitoring tab's choice)."""
    selection = printing.resolve_selection(
        db, kind, village=village_id, batch=batch_id, household=household_id, case_ids=case_ids
    )
    try:
        return printing.render_document(db, selection, progress=_page_progress(context) if context else None)
    except Cancelled:
        raise JobCancelled() from None  # the job's own cancel: no preview opens, no error is shown


class PrintPreviewDialog(QDialog):
    """Shows a rendered document; Print sends it to a printer, Save as PDF writes the file."""

    def __init__(self, document: RenderedDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rendered = document
        self.setWindowTitle(self.tr("Print preview: %1").replace("%1", kind_title(document.kind)))
        self.saved_path: Path | None = None
        self.saved_box: QMessageBox | None = None
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(document.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf = QPdfDocument(self)
        self.pdf.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = QPushButton(self.tr("Save as PDF…"), self)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.fit_button = QPushButton(self.tr("Fit width"), self)
        self.whole_button = QPushButton(self.tr("Whole page"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.pages_label = QLabel(self.tr("%n page(s)").replace("%n", str(self.pdf.pageCount())), self)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.fit_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.whole_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self.close_button.clicked.connect(self.close)

        bar = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.fit_button, self.whole_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.pages_label)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.fit_to_screen()

    def fit_to_screen(self, room: QRect | None = None) -> None:
        """Take 90% of the free screen height, as wide as a page needs then (never wider than the screen).

        A fixed 900×1000 window put 整页 (fit page) off the bottom of a 1366×768 laptop: the page was fitted to
        a viewport the user could not see. ``room`` is the screen's available geometry (the parent's screen).
        """
        if room is None:
            parent = self.parentWidget()
            screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
            room = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)
        height = int(room.height() * SCREEN_SHARE)
        page = self.pdf.pagePointSize(0)
        ratio = page.width() / page.height() if page.height() > 0 else 0.707
        chrome = 80  # the button bar, margins and the title bar around the page
        width = int((height - chrome) * ratio) + 60
        width = max(min(width, int(room.width() * SCREEN_SHARE)), min(640, room.width()))
        self.resize(width, height)
        self.move(room.x() + (room.width() - width) // 2, room.y() + (room.height() - height) // 2)

    # -- choices the user makes (separate so that tests can answer them) ---------------------------------
    def ask_save_path(self) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / self.rendered.filename) if folder else self.rendered.filename
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), suggested, self.tr("PDF files (*.pdf)"))
        return path

    def ask_printer(self) -> QPrinter | None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.pdf.pageCount()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.rendered.filename)
        size = self.pdf.pagePointSize(0)
        orientation = (
            QPageLayout.Orientation.Landscape if size.width() > size.height() else QPageLayout.Orientation.Portrait
        )
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(orientation)
        printer.setFullPage(True)  # the PDF carries its own margins
        return printer

    # -- actions -------------------------------------------------------------------------------------------
    def save_pdf(self, path: str | None = None) -> bool:
        """Write the PDF (to ``path``, else where the user chooses), then say where it went."""
        path = path or self.ask_save_path()
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            printing.save_pdf(path, self.rendered.pdf)
        except Exception as exc:  # noqa: BLE001 - a full disk or a locked file: say so and keep the preview
            log.warning("cannot save %s", path, exc_info=True)
            QMessageBox.warning(
                self, self.tr("Save as PDF"), self.tr("Cannot save the file:\n%1").replace("%1", str(exc))
            )
            return False
        self.saved_path = Path(path)
        self._say_saved(self.saved_path)
        return True

    def _say_saved(self, path: Path) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Save as PDF"),
            self.tr("The PDF was saved to:\n%1").replace("%1", str(path)),
            QMessageBox.StandardButton.Ok,
            self,
        )
        self.open_folder_button = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        self.open_folder_button.clicked.connect(self.open_folder)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.saved_box = box

    def open_folder(self) -> bool:
        """Show the folder the PDF was saved in, in the system's file manager."""
        if self.saved_path is None:
            return False
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved_path.parent))))

    def print_document(self) -> bool:
        printer = self.ask_printer()
        if printer is None:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Draw the pages the printer asks for, each scaled to the paper; a progress dialog can cancel."""
        count = self.pdf.pageCount()
        first, last = 1, count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), min(count, printer.toPage() or count)
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        progress = QProgressDialog(self.tr("Printing…"), self.tr("Cancel"), 0, last - first + 1, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        painter = QPainter()
        cancelled = False
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Print"), self.tr("The printer could not be opened."))
            return False
        try:
            for number in range(first, last + 1):
                if progress.wasCanceled():
                    cancelled = True
                    break
                if number > first:
                    printer.newPage()
                points = self.pdf.pagePointSize(number - 1)
                image = self.pdf.render(
                    number - 1, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                )
                target = painter.viewport()
                scale = min(target.width() / image.width(), target.height() / image.height())
                width, height = image.width() * scale, image.height() * scale
                painter.save()
                painter.translate(QPointF((target.width() - width) / 2, (target.height() - height) / 2))
                painter.scale(scale, scale)
                painter.drawImage(0, 0, image)
                painter.restore()
                progress.setValue(number - first + 1)
                QCoreApplication.processEvents()
        finally:
            painter.end()
            progress.reset()
            progress.hide()
        return not cancelled


def _open_print_dialog(
    parent: QWidget | None,
    db: Database,
    *,
    kind: str,
    village_id: str | None = None,
    household_id: str | None = None,
    batch_id: str | None = None,
    choose_batch: bool = False,
    case_ids: tuple[str, ...] = (),
) -> None:
    """Render the document in the background, then open its preview (or say why there is nothing to print).

    With ``choose_batch`` (the main window's 打印 menu) a document printed from a batch asks which of the
    village's batches when there is more than one, the latest chosen; the batches tab names its batch itself.
    """
    problem = ""
    if kind == "card" and not household_id:
        problem = _tr("Choose a household in the list first.")
    elif not (village_id or household_id or batch_id or case_ids):
        village_id = printing.sole_village(db)  # a work team's laptop usually holds one village
        if village_id is None:
            problem = _tr("Choose a village on the left first.")
    if problem:
        box = QMessageBox(
            QMessageBox.Icon.Information, kind_title(kind), problem, QMessageBox.StandardButton.Ok, parent
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        open_print_dialog.last_error_box = box
        open_print_dialog.last_job = None
        return

    open_print_dialog.last_choice = None
    if choose_batch and batch_id is None and village_id:
        batches = printing.printable_batches(db, kind, village_id)
        if len(batches) > 1:
            chooser = BatchChoiceDialog(kind_title(kind), batches, parent)
            chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            chooser.chosen.connect(
                lambda chosen: open_print_dialog(
                    parent, db, kind=kind, village_id=village_id, household_id=household_id, batch_id=chosen
                )
            )
            chooser.open()
            open_print_dialog.last_choice = chooser
            open_print_dialog.last_job = None
            return
        if batches:
            batch_id = batches[0].id

    def work(context: JobContext) -> RenderedDocument:
        return render_document(
            db,
            kind,
            village_id=village_id,
            household_id=household_id,
            batch_id=batch_id,
            context=context,
            case_ids=case_ids,
        )

    def show(document: RenderedDocument) -> None:
        dialog = PrintPreviewDialog(document, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        open_print_dialog.last_dialog = dialog

    def explain(exc: BaseException) -> None:
        if not isinstance(exc, DomainError):
            log.warning("printing %s failed", kind, exc_info=exc)
        icon = QMessageBox.Icon.Information if isinstance(exc, DomainError) else QMessageBox.Icon.Critical
        box = QMessageBox(icon, kind_title(kind), error_message(exc), QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        open_print_dialog.last_error_box = box  # kept alive while shown

    open_print_dialog.last_job = run_job(
        parent, work, title=_tr("Preparing %1…").replace("%1", kind_title(kind)), on_done=show, on_error=explain
    )


class _PrintDialogOpener:
    """``open_print_dialog(parent, db, kind=…, …)``; remembers what it opened last, so that the window and the
    tests can wait for the preview, the batch chooser or the message box that a call leads to."""

    def __init__(self) -> None:
        self.last_dialog: PrintPreviewDialog | None = None
        self.last_job: Any = None
        self.last_choice: BatchChoiceDialog | None = None
        self.last_error_box: QMessageBox | None = None

    def __call__(
        self,
        parent: QWidget | None,
        db: Database,
        *,
        kind: str,
        village_id: str | None = None,
        household_id: str | None = None,
        batch_id: str | None = None,
        choose_batch: bool = False,
        case_ids: tuple[str, ...] = (),
    ) -> None:
        _open_print_dialog(
            parent,
            db,
            kind=kind,
            village_id=village_id,
            household_id=household_id,
            batch_id=batch_id,
            choose_batch=choose_batch,
            case_ids=case_ids,
        )


open_print_dialog = _PrintDialogOpener()
