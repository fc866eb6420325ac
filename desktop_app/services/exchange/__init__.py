"""Excel exchange with county offices: export workbooks, import workbooks and county rosters.

Front ends call the use cases (``use_cases``): :func:`export_to_file`, :func:`check_file` (read and check,
nothing written), :func:`import_files` (one unit of work for all the files) and :func:`exportable_areas`.
Inside: ``export`` writes the workbook, ``importer.read_file`` reads and validates a file in the reader
process, ``importer.apply_plan`` hands the records to the merge (services.merge). See docs/exchange.md.
"""

from desktop_app.services.exchange.errors import ExchangeCancelled, ExchangeError
from desktop_app.services.exchange.export import ExportResult
from desktop_app.services.exchange.importer import ImportOutcome, ImportPlan
from desktop_app.services.exchange.layout_export import export_layout_to_file
from desktop_app.services.exchange.layouts import all_layouts
from desktop_app.services.exchange.protect import is_protected
from desktop_app.services.exchange.reader import decode_text
from desktop_app.services.exchange.reader_process import read_file_isolated
from desktop_app.services.exchange.use_cases import (
    ImportRun,
    check_file,
    export_to_file,
    exportable_areas,
    import_files,
)
from desktop_app.services.exchange.validation import Problem, Report, save_report_workbook

__all__ = [
    "ExchangeCancelled",
    "ExchangeError",
    "ExportResult",
    "ImportOutcome",
    "ImportPlan",
    "ImportRun",
    "all_layouts",
    "Problem",
    "Report",
    "check_file",
    "export_layout_to_file",
    "export_to_file",
    "exportable_areas",
    "import_files",
    "is_protected",
    "read_file_isolated",
    "save_report_workbook",
    "decode_text",
]
