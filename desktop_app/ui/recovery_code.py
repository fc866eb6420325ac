"""The administrator's recovery code, shown once: large, printable as a one-page PDF, and acknowledged.

Only the code's hash is stored, so this panel is the one moment anybody sees it. The PDF is drawn with
Qt's own ``QPdfWriter`` (no reportlab: a page with the code, the database, the date and "keep it safe"),
saved where the administrator chooses and opened in the system viewer to print.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.config import data_dir
from desktop_app.ui.i18n import current_language


def write_recovery_pdf(path: Path, *, code: str, database: str, name: str, when: date | None = None) -> Path:
    """One A4 page: title, the code in large letters, the account, the database, the date, "keep it safe"."""
    when = when or date.today()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle("恢复码")
    painter = QPainter(writer)
    try:
        width = float(painter.viewport().width())
        lines: list[tuple[str, int, bool]] = [
            ("扶贫台账 · 管理员恢复码", 20, True),
            ("", 12, False),
            (code, 28, True),
            ("", 12, False),
            (f"管理员：{name}", 12, False),
            (f"数据库：{database}", 11, False),
            (f"日期：{when.isoformat()}", 12, False),
            ("", 12, False),
            ("请妥善保管：忘记密码时，凭此恢复码重新设置管理员密码。", 12, True),
            ("恢复码只显示这一次；丢失后请用新的恢复码替换这一页。", 11, False),
        ]
        y = 0.0
        for text, size, bold in lines:
            font = QFont()
            font.setPointSize(size)
            font.setBold(bold)
            if text == code:
                font.setFamily("DejaVu Sans Mono")
                font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
            painter.setFont(font)
            height = painter.fontMetrics().height() * 1.6
            rect = QRectF(0, y, width, height * 3)
            bounds = painter.boundingRect(rect, int(Qt.TextFlag.TextWordWrap), text or " ")
            painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), text)
            y += max(height, bounds.height() + height * 0.4)
    finally:
        painter.end()
    return path


class RecoveryCodePanel(QWidget):
    """The code in large type, "Print recovery code", and the tick "I have copied or printed it" that
    ``acknowledged`` follows (the dialog's Continue waits for it)."""

    acknowledged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = ""
        self.database = ""
        self.name = ""
        self.saved_pdf: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "This is the recovery code of the administrator. With it, a forgotten administrator password can "
                "be replaced. It is shown only now: copy it or print it, and keep it in a safe place."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code_label = QLabel(self)
        self.code_label.setObjectName("recovery_code")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("DejaVu Sans Mono")
        font.setPointSize(20)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setStyleSheet("border: 1px solid #888; padding: 12px; background: #fffbe6;")
        layout.addWidget(self.code_label)
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Print recovery code…"), self)
        self.print_button.setObjectName("print_recovery_code")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_code)
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.tick = QCheckBox(self.tr("I have copied or printed the recovery code"), self)
        self.tick.setObjectName("recovery_copied")
        self.tick.toggled.connect(self.acknowledged)
        layout.addWidget(self.tick)

    def show_code(self, code: str, *, database: str, name: str) -> None:
        self.code, self.database, self.name = code, database, name
        self.code_label.setText(code)
        self.tick.setChecked(False)

    def save_pdf(self, path: str | Path) -> Path:
        self.saved_pdf = write_recovery_pdf(Path(path), code=self.code, database=self.database, name=self.name)
        return self.saved_pdf

    def print_code(self) -> None:
        """Save the page as a PDF where the administrator chooses, then open it in the viewer to print."""
        suggested = str(data_dir() / ("recovery-code.pdf" if current_language() == "en" else "恢复码.pdf"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the recovery code"), suggested, "PDF (*.pdf)")
        if not path:
            return
        try:
            saved = self.save_pdf(path)
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Save the recovery code"), str(exc))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(saved)))
