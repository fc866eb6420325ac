#!/usr/bin/env bash
# Smoke test of the built one-folder bundle (installers/dist/fupin): runs it offscreen in a throw-away data
# folder. Steps: start-up time, self-test (imports, database with Chinese text, PDF, xlsx, Qt font), bundled
# font with no Chinese font on the system, CLI (demo, stats, check, id-check), and - when this build has
# them - `print`, `export` and `gui --quit-after-ms`. Exit 0 only when every step passed.
#   installers/smoke_bundle.sh [BUNDLE_DIR]
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BUNDLE="${1:-$HERE/dist/fupin}"
EXE="$BUNDLE/fupin"
ART="${ARTIFACTS:-$ROOT/artifacts}/bundle-smoke"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
rm -rf "$ART" && mkdir -p "$ART"
export QT_QPA_PLATFORM=offscreen FUPIN_DATA_DIR="$WORK/data" LC_ALL=C.UTF-8
unset DISPLAY WAYLAND_DISPLAY
DB="$WORK/smoke.sqlite"
failed=0 passed=0

step() {  # step NAME COMMAND... : run, show the output, count
    local name="$1"; shift
    local t0 t1 rc
    t0=$(date +%s.%N)
    timeout 120 "$@" >"$WORK/out.txt" 2>&1
    rc=$?
    t1=$(date +%s.%N)
    sed 's/^/    /' "$WORK/out.txt" | tail -n 25
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1)); printf 'PASS %-28s %6.2f s\n' "$name" "$(awk "BEGIN{print $t1 - $t0}")"
    else
        failed=$((failed + 1)); printf 'FAIL %-28s %6.2f s (exit %s)\n' "$name" "$(awk "BEGIN{print $t1 - $t0}")" "$rc"
    fi
    return $rc
}

median3() {  # median wall time of 3 runs of a command, in seconds
    local times=() t0 t1
    for _ in 1 2 3; do
        t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
        times+=("$(awk "BEGIN{print $t1 - $t0}")")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}

[ -x "$EXE" ] || { echo "no bundle at $EXE (run installers/build_bundle.sh)"; exit 1; }
echo "== bundle $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"
step "version" "$EXE" --version
step "self-test" "$EXE" --self-test "$ART/selftest"

# No Chinese font on the system: a fontconfig that knows only an empty folder.
mkdir -p "$WORK/nofonts/fonts"
cat >"$WORK/nofonts/fonts.conf" <<XML
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$WORK/nofonts/fonts</dir><cachedir>$WORK/nofonts/cache</cachedir></fontconfig>
XML
step "bundled font, no system CJK" env FONTCONFIG_FILE="$WORK/nofonts/fonts.conf" \
    "$EXE" --self-test "$ART/selftest-nofonts" --only qt --expect-no-system-cjk

step "demo" "$EXE" --db "$DB" demo --households 40 --villages 2
step "stats" "$EXE" --db "$DB" stats
step "check" "$EXE" --db "$DB" check
step "id-check" "$EXE" id-check 11010519491231002X

HELP="$("$EXE" --help 2>&1)"
has_command() { grep -qE "^\s+$1\s" <<<"$HELP"; }
pick_kind() {  # the print kinds come from argparse's error for an unknown kind; prefer the register
    local kinds
    kinds="$("$@" print __no_such_kind__ --out "$WORK/x.pdf" 2>&1 | sed -nE 's/.*(choose from |可选：)(.*)(\)|）)$/\2/p' | tr -d "',")"
    if grep -qw register <<<"$kinds"; then echo register; else echo "${kinds%% *}"; fi
}
if has_command print; then
    KIND="$(pick_kind "$EXE" --db "$DB")"
    if [ -n "$KIND" ]; then
        EXTRA=()
        [ "$KIND" = register ] && EXTRA=(--village 532999001001)  # the first demo village
        step "print $KIND" "$EXE" --db "$DB" print "$KIND" "${EXTRA[@]}" --out "$ART/print-$KIND.pdf" &&
            { head -c 4 "$ART/print-$KIND.pdf" | grep -q '%PDF' || { echo "FAIL not a PDF"; failed=$((failed + 1)); }; }
    else
        echo "SKIP print: could not read the kinds from 'fupin print'"
    fi
else
    echo "SKIP print: this build has no 'print' command (PDF checked by the self-test)"
fi
if has_command export; then
    step "export" "$EXE" --db "$DB" export --out "$ART/export.xlsx" &&
        { head -c 2 "$ART/export.xlsx" | grep -q 'PK' || { echo "FAIL not an xlsx"; failed=$((failed + 1)); }; }
    # the export's second process (export_part: the packaged program run with --export-worker), forced on
    step "export, procedure sheet written by a second process" env FUPIN_EXPORT_PROCESSES=always \
        "$EXE" --db "$DB" export --out "$ART/export-two.xlsx" &&
        if grep -q "export worker" "$WORK/out.txt" || ! head -c 2 "$ART/export-two.xlsx" | grep -q 'PK'; then
            echo "FAIL the second process did not write the sheet"; failed=$((failed + 1)); passed=$((passed - 1))
        fi
    # the import's second process (sheet_process: the packaged program run with --sheet-worker), forced on
    step "import, event sheet read by a second process" env FUPIN_IMPORT_PROCESSES=always \
        "$EXE" --db "$WORK/imported.sqlite" import --json "$ART/export.xlsx" &&
        if grep -q "sheet worker" "$WORK/out.txt" || ! grep -q '"added": 40' "$WORK/out.txt"; then
            echo "FAIL the second process did not read the sheet"; failed=$((failed + 1)); passed=$((passed - 1))
        fi
else
    echo "SKIP export: this build has no 'export' command (xlsx checked by the self-test)"
fi
if has_command gui; then
    step "gui (main window, quits)" "$EXE" --db "$DB" gui --quit-after-ms 1500
    # The app itself with no Chinese font on the system: it must load its bundled font without a warning.
    step "gui with no system fonts" env FONTCONFIG_FILE="$WORK/nofonts/fonts.conf" \
        "$EXE" --db "$DB" gui --quit-after-ms 300 &&
        if grep -qiE "could not load|font missing" "$WORK/out.txt"; then
            echo "FAIL the app did not load its bundled font"; failed=$((failed + 1)); passed=$((passed - 1))
        fi
    GUI_START="$(median3 "$EXE" --db "$DB" gui --quit-after-ms 1)"
    # Time until the main window shows the household list (the app's own trace), median of 3.
    USABLE_MS="$(for _ in 1 2 3; do FUPIN_STARTUP_TRACE=1 "$EXE" --db "$DB" gui --quit-after-ms 1 2>/dev/null |
        sed -n 's/.*usable_ms=\([0-9]*\).*/\1/p'; done | sort -n | sed -n 2p)"
else
    echo "SKIP gui: this build has no 'gui' command (Qt checked by the self-test)"
    GUI_START=""
fi

VERSION_START="$(median3 "$EXE" --version)"
{
    echo "bundle_size=$(du -sm "$BUNDLE" | cut -f1)MB"
    echo "startup_version_s=$VERSION_START"
    [ -n "$GUI_START" ] && echo "startup_gui_quit_s=$GUI_START"
    [ -n "${USABLE_MS:-}" ] && echo "startup_window_usable_ms=$USABLE_MS"
} | tee "$ART/startup.txt"
echo "bundle smoke: $passed passed, $failed failed"
[ $failed -eq 0 ]
