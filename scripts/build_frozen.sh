#!/usr/bin/env bash
# Builds the one-folder frozen app with build.spec and smoke-tests it (Linux here; the same steps
# run in Git Bash on Windows, see docs/windows.md).
#
#   scripts/build_frozen.sh            build, then smoke-test dist/motcua
#   scripts/build_frozen.sh --no-build smoke-test an existing dist/motcua
#
# Needs the build extra in the active environment: pip install -e ".[build]".
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
export QT_QPA_PLATFORM=offscreen MOTCUA_DATA_DIR="$DATA"
export MOTCUA_ADMIN_PASSWORD="smoke-admin-2026" MOTCUA_NEW_PASSWORD="smoke-clerk-2026" MOTCUA_PASSWORD="smoke-admin-2026"
step() { echo "smoke: $*"; }

step "window (--smoke)"
"$GUI" --smoke | tee "$OUT/smoke.txt"
grep -q "SMOKE OK" "$OUT/smoke.txt"

step "--version"
version=$(python -c "import motcua_desktop; print(motcua_desktop.__version__)")
"$CLI" --version | tee "$OUT/version.txt"
grep -q "$version" "$OUT/version.txt"

step "setup (migrations, starter catalogue)"
"$CLI" setup --superior "UBND xã Đông Tiến" --unit "Trung tâm Phục vụ hành chính công xã Đông Tiến" \
    --agency-id 000.00.12.H56 --province "Thanh Hóa" --commune "Xã Đông Tiến" --counter 1 \
    --admin-user admin --admin-name "Nguyễn Văn Quản" >/dev/null

step "calendar due (shipped holiday data)"
"$CLI" calendar due --received "2026-11-16 09:00" --duration 5 --user admin | tee "$OUT/due.txt"
grep -q "Hẹn trả" "$OUT/due.txt"

step "register + print form 01 (fonts, templates, barcode, PDF)"
"$CLI" user add smoke.clerk --name "Cán Bộ Thử" --user admin >/dev/null
MOTCUA_PASSWORD="smoke-clerk-2026" MOTCUA_NEW_PASSWORD="smoke-clerk-2027" \
    "$CLI" user passwd --user smoke.clerk >/dev/null  # a new account changes its first password
export MOTCUA_PASSWORD="smoke-clerk-2027"
code=$("$CLI" register --user smoke.clerk --procedure 1.001193 --name "Nguyễn Văn An" --id-number 038087042028 \
    --phone 0912345678 --all-documents --json | python -c "import json, sys; print(json.load(sys.stdin)['code'])")
"$CLI" print "$code" --form 01 --out "$OUT/form01.pdf" --user smoke.clerk
head -c 5 "$OUT/form01.pdf" | grep -q "%PDF-"
"$CLI" search "nguyen van an" --user smoke.clerk | grep -q "$code"

echo "smoke: all passed"
