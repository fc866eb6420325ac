#!/usr/bin/env bash
# Set up Fupin Desk from a source checkout on a fresh Debian/Ubuntu machine, then start it or test it.
#   bash installers/dev-setup.sh start   # system libraries, .venv, translations; starts the app (default database)
#   bash installers/dev-setup.sh test    # the same plus test tools (PostgreSQL, LibreOffice, poppler, Xvfb and a
#                                        # window manager); runs the checks and all tests
# Only what is missing is installed: Debian packages not yet installed; pip runs only when pyproject.toml or the
# mode changed since the last setup (a stamp in .venv); translations are compiled only when a .ts is newer than
# its .qm. A second start takes a few seconds.
set -euo pipefail
mode="${1:-start}"
cd "$(dirname "$0")/.."

APP_DEBS=(python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0
          libxcb-shape0 libxcb-xinerama0 libxcb-xkb1)
# xvfb + openbox + xdotool + x11-utils: the real-window GUI tests (tests/real_window) under a window manager.
TEST_DEBS=(postgresql poppler-utils libreoffice-calc-nogui xvfb openbox xdotool x11-utils fonts-wqy-microhei)

case "$mode" in
  start|test) ;;
  *) echo "usage: $0 start|test" >&2; exit 2 ;;
esac

debs=("${APP_DEBS[@]}")
[ "$mode" = test ] && debs+=("${TEST_DEBS[@]}")
missing=()
if command -v dpkg-query >/dev/null; then
  installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${debs[@]}" 2>/dev/null | awk '/install ok installed/ {print $1}')"
  for pkg in "${debs[@]}"; do
    grep -qx "$pkg" <<<"$installed" || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# The stamp says what the last successful install covered: the pyproject.toml it read and the mode ("test"
# installs the dev tools too, so it also covers "start"). pip runs only when that changed.
stamp=.venv/.fupin-setup
project_hash="$(sha256sum pyproject.toml | cut -d' ' -f1)"
have="$(cat "$stamp" 2>/dev/null || true)"
if [ "$have" != "test $project_hash" ] && [ "$have" != "$mode $project_hash" ] || [ ! -x .venv/bin/fupin ]; then
  echo "Installing Fupin Desk and its Python packages into .venv ($mode)…"
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "$mode" = test ]; then
    .venv/bin/python -m pip install -q -e ".[dev]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  echo "$mode $project_hash" >"$stamp"
fi

stale=0
for ts in resources/translations/*.ts; do
  [ -e "$ts" ] || continue
  [ "${ts%.ts}.qm" -nt "$ts" ] || stale=1
done
if [ "$stale" -eq 1 ]; then
  .venv/bin/python -m desktop_app.ui.i18n build
fi

start_display() {  # Xvfb at 1366x768 and openbox on a free display; sets DISPLAY, XVFB_PID, WM_PID
  # -displayfd: Xvfb picks a free display itself and writes its number when it is ready (no lock-file race
  # with another X server starting at the same moment, e.g. the installers' checks).
  local numfile n=""
  numfile="$(mktemp)"
  Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$numfile" >/tmp/fupin-xvfb.log 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 100); do n="$(tr -dc 0-9 <"$numfile")"; [ -n "$n" ] && break; sleep 0.1; done
  rm -f "$numfile"
  [ -n "$n" ] || { echo "Xvfb did not start (see /tmp/fupin-xvfb.log)" >&2; return 1; }
  export DISPLAY=":$n"
  for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
  xdpyinfo >/dev/null 2>&1 || { echo "Xvfb did not start on $DISPLAY" >&2; return 1; }
  for _attempt in 1 2 3; do
    openbox >/tmp/fupin-openbox-$n.log 2>&1 &
    WM_PID=$!
    for _ in $(seq 100); do
      xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break 2
      sleep 0.1
    done
    kill "$WM_PID" 2>/dev/null || true
  done
  xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" ||
    { echo "openbox did not start on $DISPLAY" >&2; return 1; }
  echo "real-window tests on $DISPLAY (Xvfb 1366x768, openbox)"
}

stop_display() {
  [ -n "${WM_PID:-}" ] && kill "$WM_PID" 2>/dev/null || true
  [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null || true
}

case "$mode" in
  start)
    shift || true
    exec .venv/bin/fupin "$@"
    ;;
  test)
    .venv/bin/ruff check .
    .venv/bin/mypy
    rc=0
    # The layer contracts of pyproject.toml ([tool.importlinter], docs/architecture.md): a violation fails the
    # run (after the tests, so that their results are shown too). Through the venv's python, so that it checks
    # this checkout.
    .venv/bin/python -c "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())" ||
      rc=$?
    # The Qt platform is fixed per process: the real-window tests run in their own pytest under Xvfb and a
    # window manager, the rest of the suite offscreen.
    trap stop_display EXIT
    if start_display; then
      FUPIN_REAL_WINDOW=1 QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -q -p no:cacheprovider tests/real_window ||
        rc=$?
    else
      rc=1
    fi
    stop_display
    # The rest offscreen, one worker per core (pytest-xdist; whole files per worker, so a module's shared
    # database is built once); FUPIN_TEST_WORKERS=0 runs it in this process.
    QT_QPA_PLATFORM=offscreen DISPLAY="" .venv/bin/python -m pytest -q -p no:cacheprovider \
      -n "${FUPIN_TEST_WORKERS:-auto}" --dist loadfile --ignore=tests/real_window || rc=$?
    exit "$rc"
    ;;
esac
