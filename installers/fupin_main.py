"""Entry script of the packaged app (PyInstaller bundle and the Windows installer's launcher).

``fupin --self-test DIR`` runs the installation self-test (installers/fupin_selftest.py) instead of the app:
it writes only into DIR and exits non-zero when a check fails. Everything else goes to ``desktop_app.cli``.
"""

import sys


def run() -> int:
    if len(sys.argv) >= 2 and sys.argv[1] == "--self-test":
        import fupin_selftest

        return fupin_selftest.main(sys.argv[2:])
    from desktop_app.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
