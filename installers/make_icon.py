"""Draw the app icon (a red seal with 扶 in the bundled font) as installers/icons/fupin.png and fupin.ico.

Run once when the design changes; the output is committed. The .ico holds PNG images at 16–256 px,
which Windows Vista and later, NSIS 3 and PyInstaller accept.
"""

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPainterPath

from desktop_app.assets import MAIN_FONT_FILE, asset_path

SIZES = (16, 24, 32, 48, 64, 128, 256)
OUT = Path(__file__).resolve().parent / "icons"


def draw(size: int, family: str) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = size * 0.04
    rect = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    path = QPainterPath()
    path.addRoundedRect(rect, size * 0.18, size * 0.18)
    p.fillPath(path, QColor("#c8102e"))
    p.setPen(QColor("#ffffff"))
    font = QFont(family)
    font.setPixelSize(int(size * 0.68))
    font.setBold(True)
    p.setFont(font)
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, "扶")
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data)


def main() -> int:
    app = QGuiApplication(sys.argv[:1] + ["-platform", "offscreen"])
    font_id = QFontDatabase.addApplicationFont(str(asset_path(*MAIN_FONT_FILE)))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    OUT.mkdir(exist_ok=True)
    images = [png_bytes(draw(size, family)) for size in SIZES]
    (OUT / "fupin.png").write_bytes(images[-1])
    header = struct.pack("<HHH", 0, 1, len(SIZES))
    offset = 6 + 16 * len(SIZES)
    entries = b""
    for size, data in zip(SIZES, images, strict=True):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    (OUT / "fupin.ico").write_bytes(header + entries + b"".join(images))
    del app
    print(f"wrote {OUT / 'fupin.png'} and {OUT / 'fupin.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
