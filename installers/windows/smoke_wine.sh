#!/usr/bin/env bash
# Install-and-start check of the Windows installer under wine (headless), in a throw-away wine prefix:
#   installers/windows/smoke_wine.sh [INSTALLER.exe]     (default: the newest installers/dist/FupinDesk-*.exe)
# 1. silent per-user install (/S /INSTDIR=...; NSIS's /D= is not used), then the files, the Start-menu and
#    desktop shortcuts and the uninstall registry key are checked, and that no test shim is in the install;
# 2. test-only shims for Debian 12's wine, put into the PREFIX (C:\windows\system32), never into the
#    installer: an icuuc.dll stub (Qt >= 6.10 imports Windows' ICU), bcryptprimitives.dll with ProcessPrng
#    forwarded to RtlGenRandom (Rust-based wheels), and the installed _wmi.pyd renamed (Python 3.12's
#    platform module calls WMI through it, which aborts wine);
# 3. the installed Python runs: the self-test (imports, SQLite write/read of Chinese text, PDF with the
#    bundled font, xlsx, Qt offscreen with the bundled font), the `fupin` command (demo data into the
#    default data folder, stats, check, id-check, and print/export when this build has them) and the app
#    offscreen quitting by itself when this build has `fupin gui`;
# 4. silent uninstall: program files, shortcuts and registry key gone, the data folder still there.
# Output of python.exe is always piped (wine fails when it is redirected to a file). Exit 0 = all passed.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
INSTALLERS="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$INSTALLERS/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
INSTALLER="${1:-$(ls -t "$INSTALLERS"/dist/FupinDesk-*-win64-setup.exe 2>/dev/null | head -1)}"
[ -f "$INSTALLER" ] || { echo "no installer (run installers/windows/build.sh)"; exit 1; }
ART="${ARTIFACTS:-$ROOT/artifacts}/wine-smoke"
WORK="$(mktemp -d)"
rm -rf "$ART" && mkdir -p "$ART"

export HOME="$WORK/home" WINEPREFIX="$WORK/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko prompts, no menu entries on the host; the test shims over wine's own DLLs of the same name.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d;icuuc=n;bcryptprimitives=n,b"
mkdir -p "$HOME"
unset DISPLAY
XVFB=()
command -v xvfb-run >/dev/null && XVFB=(xvfb-run -a)
cleanup() { wineserver -k >/dev/null 2>&1; rm -rf "$WORK"; }
trap cleanup EXIT

passed=0 failed=0
T0=$(date +%s.%N)
now() { awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $T0}"; }
ok() { passed=$((passed + 1)); echo "PASS [$(now) s] $*"; }
bad() { failed=$((failed + 1)); echo "FAIL [$(now) s] $*"; }
check() { local what="$1"; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
# Run a Windows program; its output comes back through a pipe (never a file redirect).
win() { timeout 300 wine "$@" 2>&1 | cat; return "${PIPESTATUS[0]}"; }
winpath() { winepath -u "$1" 2>/dev/null; }

echo "== installer $(basename "$INSTALLER") ($(du -h "$INSTALLER" | cut -f1))"
"${XVFB[@]}" wineboot -i >/dev/null 2>&1
wineserver -w
USERDIR="$WINEPREFIX/drive_c/users/$(id -un)"
# Keep the prefix's Desktop and Documents inside the prefix (wine links them to $HOME).
for link in "$USERDIR"/*; do [ -L "$link" ] && rm "$link" && mkdir "$link"; done
echo "   wine prefix ready ($(wine --version))"

INSTDIR_WIN='C:\扶贫建档立卡'   # Chinese characters in the path, as on a cadre's laptop (the default path has a space)
"${XVFB[@]}" wine "$INSTALLER" /S "/INSTDIR=$INSTDIR_WIN" 2>&1 | cat
wineserver -w
INSTDIR="$(winpath "$INSTDIR_WIN")"
PY_WIN="$INSTDIR_WIN\\Python\\python.exe"
[ -d "$INSTDIR" ] && ok "silent install into $INSTDIR_WIN" || { bad "silent install: $INSTDIR_WIN missing"; exit 1; }

missing=0
for f in Python/python.exe Python/pythonw.exe Python/python312._pth uninstall.exe fupin.ico bin/fupin.exe \
    Fupin_Desk.launch.pyw fupin_selftest.py pkgs/desktop_app/__init__.py \
    pkgs/desktop_app/resources/fonts/wqy-microhei.ttc pkgs/desktop_app/resources/codelists/vocabulary.json \
    pkgs/desktop_app/storage/migrations/env.py pkgs/desktop_app/storage/migrations/script.py.mako \
    pkgs/PySide6/Qt6Core.dll pkgs/PySide6/plugins/platforms/qoffscreen.dll pkgs/PySide6/plugins/platforms/qwindows.dll; do
    [ -e "$INSTDIR/$f" ] || { echo "   missing: $f"; missing=$((missing + 1)); }
done
ls "$INSTDIR"/pkgs/desktop_app/storage/migrations/versions/0001_*.py >/dev/null 2>&1 || { echo "   missing: migrations"; missing=$((missing + 1)); }
check "installed files present" test "$missing" -eq 0
shims="$(find "$INSTDIR" -iname icuuc.dll -o -iname bcryptprimitives.dll | head -1)"
check "no test shim inside the installed program" test -z "$shims"
START="$(find "$USERDIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs" -name '*.lnk' 2>/dev/null)"
echo "$START" | sed 's#.*/Programs/#   start menu: #'
check "Start-menu shortcut" grep -qE 'Fupin Desk/(Fupin Desk|扶贫建档立卡)\.lnk$' <<<"$START"
check "Start-menu uninstall shortcut" grep -qE '(Uninstall Fupin Desk|卸载扶贫建档立卡)\.lnk$' <<<"$START"
check "desktop shortcut" bash -c "ls '$USERDIR/Desktop/'*.lnk >/dev/null 2>&1"
lnk_targets_pythonw() {  # the shortcut starts the app's launcher script with the windowed pythonw.exe
    local lnk
    lnk="$(ls "$USERDIR/Desktop/"*.lnk 2>/dev/null | head -1)"
    [ -n "$lnk" ] && "$PYTHON" - "$lnk" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
text = data.decode("utf-16-le", "ignore") + data.decode("latin-1")
sys.exit(0 if "pythonw.exe" in text and "Fupin_Desk.launch.pyw" in text else 1)
PY
}
check "desktop shortcut runs pythonw.exe with the launcher" lnk_targets_pythonw
user_path() { wine reg query 'HKCU\Environment' /v PATH 2>&1 | cat; }
# A fresh prefix has no user PATH of its own: any "...\bin" entry is the installer's.
check "fupin command on the user's PATH" bash -c "$(declare -f user_path); user_path | grep -qiF '\\bin'"
check "uninstall entry (HKCU, per-user)" bash -c \
    "wine reg query 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\FupinDesk' 2>&1 | cat | grep -q DisplayVersion"
check "byte-compiled at install time" test -d "$INSTDIR/pkgs/desktop_app/__pycache__"

# Test-only shims (see the header): into the prefix, never into the installer.
SYS32="$WINEPREFIX/drive_c/windows/system32"
ICU_NAMES="$(find "$INSTDIR/pkgs" \( -iname '*.dll' -o -iname '*.pyd' \) -print0 |
    xargs -0 -n 50 "$PYTHON" -c '
import sys
sys.path.insert(0, sys.argv[1])
from make_stub_dll import imported_names
for path in sys.argv[2:]:
    try:
        print("\n".join(imported_names(open(path, "rb").read(), "icuuc.dll")))
    except Exception:
        pass
' "$HERE" | sort -u | grep -v '^$')"
"$PYTHON" "$HERE/make_stub_dll.py" "$SYS32/icuuc.dll" $ICU_NAMES >/dev/null
"$PYTHON" "$HERE/make_stub_dll.py" "$SYS32/bcryptprimitives.dll" ProcessPrng=advapi32.SystemFunction036 >/dev/null
mv "$INSTDIR/Python/_wmi.pyd" "$INSTDIR/Python/_wmi.pyd.test-disabled"
echo "   test shims: icuuc.dll ($(wc -w <<<"$ICU_NAMES") stub exports), bcryptprimitives.dll, _wmi.pyd renamed"

step() {  # step NAME windows-command...
    local name="$1"; shift
    local t0 out rc
    t0=$(date +%s.%N)
    out="$(win "$@")"; rc=$?
    sed 's/^/    /' <<<"$out" | tail -n 15
    echo "$out" >>"$ART/wine-output.txt"
    if [ $rc -eq 0 ]; then ok "$name ($(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $t0}") s)"; else bad "$name (exit $rc)"; fi
    return $rc
}

FUPIN="$INSTDIR_WIN\\bin\\fupin.exe"
step "self-test in the installed Python" "$PY_WIN" "$INSTDIR_WIN\\fupin_selftest.py" 'C:\selftest'
cp -r "$WINEPREFIX/drive_c/selftest" "$ART/selftest" 2>/dev/null
step "fupin --version" "$FUPIN" --version
step "fupin demo (default data folder)" "$FUPIN" demo --households 30 --villages 2
step "fupin stats" "$FUPIN" stats
step "fupin check" "$FUPIN" check
step "fupin id-check" "$FUPIN" id-check 11010519491231002X
HELP="$(win "$FUPIN" --help)"
has_command() { grep -qE "^\s+$1\s" <<<"$HELP"; }
if has_command print; then
    KINDS="$(win "$FUPIN" print __no_such_kind__ --out 'C:\x.pdf' | sed -nE 's/.*(choose from |可选：)(.*)(\)|）)\r?$/\2/p' | tr -d "',")"
    if grep -qw register <<<"$KINDS"; then KIND=register; else KIND="${KINDS%% *}"; fi
    EXTRA=()
    [ "$KIND" = register ] && EXTRA=(--village 532999001001)  # the first demo village
    step "fupin print $KIND" "$FUPIN" print "$KIND" "${EXTRA[@]}" --out 'C:\smoke-print.pdf' &&
        check "printed PDF" bash -c "head -c 4 '$WINEPREFIX/drive_c/smoke-print.pdf' | grep -q '%PDF'"
else
    echo "SKIP print: this build has no 'print' command (the self-test rendered a PDF)"
fi
if has_command export; then
    step "fupin export" "$FUPIN" export --out 'C:\smoke-export.xlsx' &&
        check "exported xlsx" bash -c "head -c 2 '$WINEPREFIX/drive_c/smoke-export.xlsx' | grep -q PK"
    # the import's second process (sheet_process: the installed python.exe), forced on for this small file
    FUPIN_IMPORT_PROCESSES=always step "fupin import (event sheet read by a second process)" \
        "$FUPIN" --db 'C:\smoke-import.sqlite' import --json 'C:\smoke-export.xlsx' &&
        check "second process read the sheet" bash -c \
            "tail -n 40 '$ART/wine-output.txt' | grep -q '\"added\": 30' && ! tail -n 40 '$ART/wine-output.txt' | grep -q 'sheet worker'"
else
    echo "SKIP export: this build has no 'export' command (the self-test wrote an xlsx)"
fi
if has_command gui; then
    # The script the Start-menu shortcut runs (with pythonw.exe; python.exe here so the output is seen).
    step "app (Start-menu launcher) starts offscreen and quits by itself" \
        "$PY_WIN" "$INSTDIR_WIN\\Fupin_Desk.launch.pyw" gui -platform offscreen --quit-after-ms 2000
    if tail -n 20 "$ART/wine-output.txt" | grep -q "could not load .*wqy-microhei"; then
        echo "WARN the app could not load its bundled font by path (wine, Chinese characters in the install path);"
        echo "     the self-test loads it from its bytes (QFontDatabase.addApplicationFontFromData), which works"
    fi
else
    echo "SKIP gui: this build has no 'gui' command (the self-test ran Qt offscreen with the bundled font)"
fi

cp "$WINEPREFIX"/drive_c/smoke-* "$ART/" 2>/dev/null
DATA="$USERDIR/AppData/Local/fupin-desk"
check "data folder written by the app" test -f "$DATA/fupin.sqlite"
"${XVFB[@]}" wine "$INSTDIR_WIN\\uninstall.exe" /S 2>&1 | cat
wineserver -w
sleep 2
check "uninstall removed the program" bash -c "! test -e '$INSTDIR/Python' && ! test -e '$INSTDIR/pkgs' && ! test -e '$INSTDIR/uninstall.exe'"
check "uninstall removed the shortcuts" bash -c \
    "! ls '$USERDIR/Desktop/'*.lnk >/dev/null 2>&1 && ! test -e '$USERDIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Fupin Desk'"
check "uninstall removed the registry entry" bash -c \
    "! wine reg query 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\FupinDesk' 2>&1 | cat | grep -q DisplayVersion"
check "uninstall kept the data folder" test -f "$DATA/fupin.sqlite"
check "uninstall removed the fupin command from PATH" bash -c "$(declare -f user_path); ! user_path | grep -qiF '\\bin'"

# What a cadre sees first: the installer's welcome page in Chinese (a plain Win32 window, which this wine
# does draw), under Xvfb, grabbed with Qt's xcb platform. Skipped where Xvfb or Qt's xcb libraries are absent.
welcome_screenshot() {
    local shot="$ART/installer-welcome-zh.png" xpid
    rm -f "$WORK/display"
    Xvfb -displayfd 3 -screen 0 1024x768x24 3>"$WORK/display" >/dev/null 2>&1 &
    xpid=$!
    for _ in $(seq 50); do [ -s "$WORK/display" ] && break; sleep 0.1; done
    local display=":$(cat "$WORK/display")"
    (DISPLAY="$display" LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 timeout 60 wine "$INSTALLER" >/dev/null 2>&1 &)
    sleep 12
    DISPLAY="$display" "$PYTHON" - "$shot" <<'PY'
import sys
from PySide6.QtGui import QColor, QGuiApplication
app = QGuiApplication([sys.argv[0], "-platform", "xcb"])
image = app.primaryScreen().grabWindow(0).toImage()
image.save(sys.argv[1])
lit = sum(1 for y in range(0, image.height(), 8) for x in range(0, image.width(), 8)
          if QColor(image.pixel(x, y)).lightness() > 200)
print(f"   welcome page screenshot {sys.argv[1]} ({lit} light samples)")
sys.exit(0 if lit > 500 else 1)
PY
    local rc=$?
    wineserver -k >/dev/null 2>&1
    kill "$xpid" 2>/dev/null
    return $rc
}
if command -v Xvfb >/dev/null && DISPLAY= "$PYTHON" -c "import PySide6.QtGui" 2>/dev/null; then
    check "installer window shown (Chinese welcome page screenshot)" welcome_screenshot
else
    echo "SKIP installer screenshot: no Xvfb or no PySide6 here"
fi

echo "wine smoke: $passed passed, $failed failed ($(now) s)"
[ "$failed" -eq 0 ]
