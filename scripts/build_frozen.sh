#!/usr/bin/env bash
# Builds the one-folder frozen app with build.spec and smoke-tests it (Linux here; the same steps
# run in Git Bash on Windows, see docs/windows.md).
#
#   scripts/build_frozen.sh            build, then smoke-test dist/motcua
#   scripts/build_frozen.sh --no-build smoke-test an existing dist/motcua
#
# Needs the build extra in the active environment: pip install -e ".[build]". The Python of that
# environment also says what a complete build must show (the pages of each role), so run it from
# the checkout the folder was built from.
# MOTCUA_BUILD_DIR (default: the checkout) is where build/ and dist/ go.
# Exit status 0 only if the build and every smoke step passed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUTDIR="${MOTCUA_BUILD_DIR:-$ROOT}"

if [ "${1:-}" != "--no-build" ]; then
    start=$(date +%s)
    python -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath "$OUTDIR/dist" --workpath "$OUTDIR/build" build.spec
    echo "build: $(( $(date +%s) - start )) s"
fi

DIST="$OUTDIR/dist/motcua"
EXT=""
case "$(uname -s)" in MINGW* | MSYS* | CYGWIN*) EXT=".exe" ;; esac
GUI="$DIST/motcua$EXT"
CLI="$DIST/motcua-cli$EXT"
[ -x "$GUI" ] && [ -x "$CLI" ] || { echo "smoke: $GUI or $CLI is missing" >&2; exit 1; }
echo "folder: $(du -sh "$DIST" | cut -f1) ($(find "$DIST" -type f | wc -l) files)"

DATA=$(mktemp -d)
OUT=$(mktemp -d)
trap 'rm -rf "$DATA" "$OUT"' EXIT
for name in $(env | grep -o '^MOTCUA_[A-Z_]*' || true); do unset "$name"; done
export QT_QPA_PLATFORM=offscreen MOTCUA_DATA_DIR="$DATA" PYTHONIOENCODING=utf-8
step() { echo "smoke: $*"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
# A hung window (a modal dialog nobody can click) must fail the run, not stall it.
limited() { if command -v timeout >/dev/null; then timeout 300 "$@"; else "$@"; fi; }

# The window as each role. On Windows motcua.exe has no console to print to: motcua-cli.exe is the
# same program with one.
step "window: every page of each role (--smoke)"
SMOKE_EXE="$GUI"
[ -n "$EXT" ] && SMOKE_EXE="$CLI"
rc=0
limited "$SMOKE_EXE" --smoke >"$OUT/smoke.txt" || rc=$?
cat "$OUT/smoke.txt"
[ "$rc" = 0 ] || fail "--smoke exited $rc"
grep -qx "SMOKE OK" "$OUT/smoke.txt" || fail "--smoke did not say SMOKE OK"
python -c "from motcua_desktop.ui.shell.smoke import expected_lines; print('\n'.join(expected_lines()))" \
    >"$OUT/expected.txt"
while IFS= read -r line; do
    grep -qxF "$line" "$OUT/smoke.txt" || fail "the build shows «${line}» differently: a page is missing"
done <"$OUT/expected.txt"
step "pages of every role match the source ($(wc -l <"$OUT/expected.txt") roles)"
grep -qx "SMOKE fonts Liberation Sans,Liberation Serif" "$OUT/smoke.txt" || fail "bundled fonts not loaded"
grep -qx "SMOKE translation vi" "$OUT/smoke.txt" || fail "the Vietnamese Qt translation was not loaded"

step "--version"
version=$(python -c "import motcua_desktop; print(motcua_desktop.__version__)")
"$CLI" --version | tee "$OUT/version.txt"
grep -q "$version" "$OUT/version.txt" || fail "--version does not say $version"

step "setup (migrations, starter catalogue)"
MOTCUA_PASSWORD="smoke-admin-2026" "$CLI" setup --superior "UBND phường Đông Tiến" \
    --unit "Trung tâm Phục vụ hành chính công phường Đông Tiến" --agency-id 000.00.12.H56 --province "Thanh Hóa" \
    --commune "Phường Đông Tiến" --counter 1 --admin-user admin --admin-name "Nguyễn Văn Quản" >/dev/null

step "office hub: the PostgreSQL driver ships with its own libpq"
"$CLI" hub status --json | python -c "import json, sys; print(json.load(sys.stdin)['driver'])" | tee "$OUT/hub.txt"
grep -q ", binary$" "$OUT/hub.txt" || fail "the build has no psycopg binary (libpq); counters could not reach a hub"

step "calendar due (shipped holiday data)"
MOTCUA_PASSWORD="smoke-admin-2026" "$CLI" calendar due --received "2026-11-16 09:00" --duration 5 --user admin \
    | tee "$OUT/due.txt"
grep -q "Hẹn trả" "$OUT/due.txt" || fail "calendar due"

step "register + print form 01 (fonts, templates, barcode, PDF)"
MOTCUA_PASSWORD="smoke-admin-2026" MOTCUA_NEW_PASSWORD="smoke-clerk-2026" \
    "$CLI" user add smoke.clerk --name "Cán Bộ Thử" --user admin >/dev/null
MOTCUA_PASSWORD="smoke-clerk-2026" MOTCUA_NEW_PASSWORD="smoke-clerk-2027" \
    "$CLI" user passwd --user smoke.clerk >/dev/null  # a new account changes its first password
export MOTCUA_PASSWORD="smoke-clerk-2027"
code=$("$CLI" register --user smoke.clerk --procedure 1.001193 --name "Nguyễn Văn An" --id-number 038087042028 \
    --phone 0912345678 --all-documents --json | python -c "import json, sys; print(json.load(sys.stdin)['code'])")
"$CLI" print "$code" --form 01 --out "$OUT/form01.pdf" --user smoke.clerk
head -c 5 "$OUT/form01.pdf" | grep -q "%PDF-" || fail "form 01 is not a PDF"
"$CLI" search "nguyen van an" --user smoke.clerk | grep -q "$code" || fail "search did not find $code"

echo "smoke: all passed"
