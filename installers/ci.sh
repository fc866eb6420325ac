#!/usr/bin/env bash
# CI for the installers (.ci/run calls it after the test suite, with .venv set up by dev-setup.sh):
#   1. Debian packages the installer builds need (nsis, osslsigncode, wine, wine64, xvfb) via apt-get;
#   2. the Linux one-folder bundle (PyInstaller) and its smoke test;
#   3. the 1366x768 field check (main window, card editor, bundled font with no system Chinese font);
#   4. the Windows installer (pynsist + makensis, hash-pinned downloads, Authenticode check) and its
#      install-and-start smoke test under wine.
# Prints sizes and times; runs every step it can, then exits non-zero if any failed.
#   bash installers/ci.sh
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
export ARTIFACTS="${ARTIFACTS:-$ROOT/artifacts}"
mkdir -p "$ARTIFACTS"
T0=$(date +%s)
passed=0 failed=0
summary=()

run() {  # run NAME COMMAND... : timed, output shown, result counted
    local name="$1"; shift
    local t0 rc
    t0=$(date +%s)
    echo
    echo "=============== $name"
    "$@"
    rc=$?
    local secs=$(($(date +%s) - t0))
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1)); summary+=("PASS  $(printf '%-34s %5d s' "$name" "$secs")")
    else
        failed=$((failed + 1)); summary+=("FAIL  $(printf '%-34s %5d s  (exit %d)' "$name" "$secs" "$rc")")
    fi
    return $rc
}

apt_packages() {
    local want=(nsis osslsigncode wine wine64 xvfb xauth openssl) missing=()
    for pkg in "${want[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && { echo "all present: ${want[*]}"; return 0; }
    echo "installing: ${missing[*]}"
    local sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
}

run "Debian packages" apt_packages
if run "build: Linux bundle (PyInstaller)" installers/build_bundle.sh; then
    run "smoke: Linux bundle" installers/smoke_bundle.sh
fi
run "field check 1366x768, no system CJK font" env QT_QPA_PLATFORM=offscreen \
    "$PYTHON" installers/field_check.py --out "$ARTIFACTS/field-check"
if run "build: Windows installer (pynsist)" installers/windows/build.sh; then
    run "smoke: Windows installer under wine" installers/windows/smoke_wine.sh
fi

echo
echo "=============== installers summary"
printf '%s\n' "${summary[@]}"
for f in installers/dist/fupin-*-linux-x86_64.tar.gz installers/dist/FupinDesk-*-win64-setup.exe; do
    [ -f "$f" ] && printf 'artefact  %-48s %6s\n' "$(basename "$f")" "$(du -h "$f" | cut -f1)"
done
[ -d installers/dist/fupin ] && printf 'artefact  %-48s %6s\n' "fupin/ (unpacked bundle)" "$(du -sh installers/dist/fupin | cut -f1)"
[ -f "$ARTIFACTS/bundle-smoke/startup.txt" ] && sed 's/^/startup   /' "$ARTIFACTS/bundle-smoke/startup.txt"
echo "installers CI time: $(($(date +%s) - T0)) s"
echo "installers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
