#!/usr/bin/env bash
# Build the project's own wheel into DIR (default installers/build/wheel) and warn about files in forms/,
# reports/ or resources/ that the wheel does not ship (pyproject package-data decides; the bundle and the
# Windows installer both ship exactly the wheel).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
OUT="${1:-$HERE/build/wheel}"
mkdir -p "$OUT"
rm -f "$OUT"/fupin_desk-*.whl
# A scratch copy of the tree: the build never writes build/ or *.egg-info into the shared checkout.
SRC="$(mktemp -d)"
trap 'rm -rf "$SRC"' EXIT
tar -C "$ROOT" --exclude=.venv --exclude=.git --exclude=installers --exclude=tests --exclude=bench \
    --exclude='__pycache__' --exclude='*.egg-info' --exclude=build --exclude=dist --exclude=artifacts -cf - . | tar -C "$SRC" -xf -
# Translations ship compiled (.qm files are not in git; the packaged app has no lrelease).
find "$SRC/resources/translations" -name '*.qm' -delete 2>/dev/null || true
if ls "$SRC"/resources/translations/*.ts >/dev/null 2>&1; then
    QT_QPA_PLATFORM=offscreen "$PYTHON" -c 'import sys; from pathlib import Path; from desktop_app.ui.i18n import build_all; print(len(build_all(Path(sys.argv[1]))), "translations compiled", file=sys.stderr)' "$SRC/resources/translations"
fi
"$PYTHON" -m pip wheel --no-deps -q -w "$OUT" "$SRC" 2>&1 | grep -v -E "is ignored|BuildBackendWarning|^\s*(!!|\*+|corresp|return|check.warn)" | grep -E "^(ERROR|error)" || true
WHEEL="$(ls "$OUT"/fupin_desk-*.whl)"
"$PYTHON" - "$WHEEL" "$ROOT" <<'PY'
import sys, zipfile
from pathlib import Path
wheel, root = sys.argv[1], Path(sys.argv[2])
names = set(zipfile.ZipFile(wheel).namelist())
missing = []
for top in ("forms", "reports", "resources"):
    for f in (root / top).rglob("*"):
        if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc":
            if f"desktop_app/{f.relative_to(root).as_posix()}" not in names:
                missing.append(f.relative_to(root).as_posix())
for m in missing:
    print(f"WARNING: {m} is not in the wheel (add its pattern to [tool.setuptools.package-data] in pyproject.toml)", file=sys.stderr)
print(wheel)
PY
