#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle: installers/dist/fupin/fupin (+ installers/dist/fupin-<ver>-linux.tar.gz).
#   installers/build_bundle.sh            (uses .venv/bin/python of the checkout; PYTHON=... to override)
# Needs pyinstaller in that venv (installed here if missing) and the project installed there.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
BUILD="$HERE/build/bundle"
DIST="$HERE/dist"
started=$(date +%s.%N)

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "== installing PyInstaller into $("$PYTHON" -c 'import sys; print(sys.prefix)')"
    "$PYTHON" -m pip install -q "pyinstaller>=6.22,<7"
fi

VERSION="$("$PYTHON" -c 'import re,sys; print(re.search(r"__version__ = \"(.+?)\"", open(sys.argv[1]).read())[1])' "$ROOT/desktop_app/__init__.py")"
echo "== Fupin Desk $VERSION: building the project wheel"
rm -rf "$BUILD" "$DIST/fupin"
mkdir -p "$BUILD/wheel" "$BUILD/stage" "$DIST"
"$HERE/build_wheel.sh" "$BUILD/wheel" >/dev/null
WHEEL="$(ls "$BUILD"/wheel/fupin_desk-*.whl)"
"$PYTHON" -m zipfile -e "$WHEEL" "$BUILD/stage"

echo "== PyInstaller"
FUPIN_STAGE="$BUILD/stage" FUPIN_VERSION="$VERSION" "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --workpath "$BUILD/work" --distpath "$DIST" "$HERE/fupin.spec"

tar -C "$DIST" -czf "$DIST/fupin-$VERSION-linux-x86_64.tar.gz" fupin
ended=$(date +%s.%N)
printf '== bundle: %s (%s, %s files); archive %s (%s); built in %.0f s\n' \
    "$DIST/fupin" "$(du -sh "$DIST/fupin" | cut -f1)" "$(find "$DIST/fupin" -type f | wc -l)" \
    "$DIST/fupin-$VERSION-linux-x86_64.tar.gz" "$(du -h "$DIST/fupin-$VERSION-linux-x86_64.tar.gz" | cut -f1)" \
    "$(awk "BEGIN{print $ended - $started}")"
