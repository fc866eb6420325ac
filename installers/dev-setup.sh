#!/usr/bin/env bash
# Set up Fupin Desk from a source checkout on a fresh Debian/Ubuntu machine, then start it or test it.
#   bash installers/dev-setup.sh start   # system libraries, .venv, translations; starts the app (default database)
#   bash installers/dev-setup.sh test    # the same plus test tools (PostgreSQL, LibreOffice, poppler); runs all tests
set -euo pipefail
mode="${1:-start}"
cd "$(dirname "$0")/.."

APP_DEBS=(python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0
          libxcb-shape0 libxcb-xinerama0 libxcb-xkb1)
TEST_DEBS=(postgresql poppler-utils libreoffice-calc-nogui xvfb fonts-wqy-microhei)

debs=("${APP_DEBS[@]}")
[ "$mode" = test ] && debs+=("${TEST_DEBS[@]}")
missing=()
for pkg in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$mode" = test ]; then
  .venv/bin/python -m pip install -q -e ".[dev]"
else
  .venv/bin/python -m pip install -q -e .
fi
if .venv/bin/python -c "import desktop_app.ui.i18n" 2>/dev/null; then
  .venv/bin/python -m desktop_app.ui.i18n build
fi

case "$mode" in
  start)
    shift || true
    exec .venv/bin/fupin "$@"
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    .venv/bin/ruff check .
    .venv/bin/mypy
    exec .venv/bin/python -m pytest -q -p no:cacheprovider
    ;;
  *)
    echo "usage: $0 start|test" >&2
    exit 2
    ;;
esac
