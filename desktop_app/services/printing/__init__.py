"""Printing: the documents of the work (公示, 公告, 扶贫手册, 花名册, 评议记录, 异议记录, 一图四表) as PDFs.

Front ends call the use cases here with the ``Database``: :func:`resolve_selection` checks what the user
named, :func:`render_document` lays the PDF out in memory for the preview, :func:`print_to_file` writes it for
``fupin print``; both take the one progress contract (``progress: Progress | None``, raising ``Cancelled``).
The data of each document is gathered in ``data`` and ``card``; the layout is ``desktop_app.reports``.
The monitoring documents (承诺授权书 … 风险消除公示) come from ``monitoring_docs``: a household, a village or the
monitoring cases a screen names (``resolve_selection(db, kind, case_ids=…)``); docs/monitoring-printing.md.
"""

from desktop_app.domain.documents import BATCH_KINDS
from desktop_app.services.printing.render import (
    KIND_LABELS,
    KINDS,
    BatchChoice,
    PrintError,
    RenderedDocument,
    Selection,
    print_to_file,
    printable_batches,
    render_document,
    resolve_selection,
    save_pdf,
    sole_village,
    write_atomically,
)

__all__ = [
    "BATCH_KINDS",
    "KINDS",
    "KIND_LABELS",
    "BatchChoice",
    "PrintError",
    "RenderedDocument",
    "Selection",
    "print_to_file",
    "printable_batches",
    "render_document",
    "resolve_selection",
    "save_pdf",
    "sole_village",
    "write_atomically",
]
