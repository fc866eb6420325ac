"""Entry script of the packaged app (PyInstaller bundle and the Windows installer's launcher).

``fupin --self-test DIR`` runs the installation self-test (installers/fupin_selftest.py) instead of the app:
it writes only into DIR and exits non-zero when a check fails. ``fupin --sheet-worker`` is the second process
that reads the largest sheet of a county workbook during an import (desktop_app/services/exchange/
sheet_process.py starts it; it talks over its standard input and output); ``fupin --reader-worker`` is the
reader process that reads every imported file (reader_process.py); ``fupin --export-worker`` writes the
procedure-event sheet of a large export beside the other sheets (export_part.py). Everything else goes to
``desktop_app.cli``.
"""

import sys


def run() -> int:
    if len(sys.argv) >= 2 and sys.argv[1] == "--self-test":
        import fupin_selftest

        return fupin_selftest.main(sys.argv[2:])
    if len(sys.argv) == 2 and sys.argv[1] == "--sheet-worker":
        from desktop_app.services.exchange.sheet_worker import worker_main

        worker_main()
        return 0
    if len(sys.argv) == 2 and sys.argv[1] == "--reader-worker":
        from desktop_app.services.exchange.reader_process import worker_main as reader_main

        reader_main()
        return 0
    if len(sys.argv) == 2 and sys.argv[1] == "--export-worker":
        from desktop_app.services.exchange.export_part import worker_main as export_main

        export_main()
        return 0
    from desktop_app.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
