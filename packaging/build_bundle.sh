#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle: dist/energybrowser/ (run it as dist/energybrowser/energybrowser).
#
#   packaging/build_bundle.sh [--dist DIR] [--work DIR]
#
# Uses $PYTHON, else .venv/bin/python, else python3; that interpreter needs energybrowser's dependencies
# and PyInstaller (pip install -e '.[test]' has both). The bundle also gets install_desktop.sh and the
# launcher files, so whoever unpacks it can register it with their desktop.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dist="$repo/dist"
work="$repo/build/pyinstaller"
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) dist="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build_bundle: unknown option $1" >&2; exit 2 ;;
  esac
done
python="${PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x "$repo/.venv/bin/python" ]; then python="$repo/.venv/bin/python"; else python=python3; fi
fi
"$python" -c "import PyInstaller" 2>/dev/null || {
  echo "build_bundle: PyInstaller is missing for $python (pip install pyinstaller, or -e '.[test]')" >&2
  exit 1
}

start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work" "$repo/packaging/energybrowser.spec"
bundle="$dist/energybrowser"

# PyInstaller carries the X libraries Qt's xcb plugin needs only if the build machine has them; a
# library missing here would be missing on every target too (scripts/_setup_common.sh lists them).
xcb_plugin="$bundle/_internal/PySide6/Qt/plugins/platforms/libqxcb.so"
if [ -f "$xcb_plugin" ] && command -v ldd >/dev/null 2>&1; then
  missing=$(LD_LIBRARY_PATH="$bundle/_internal" ldd "$xcb_plugin" | awk '/not found/ {print $1}' | tr '\n' ' ')
  if [ -n "$missing" ]; then
    echo "build_bundle: this machine lacks $missing- the bundle could not open an X11 window." >&2
    echo "build_bundle: on Debian install QT_X11_PACKAGES from scripts/_setup_common.sh, then rebuild." >&2
    exit 1
  fi
fi
install -m 755 "$repo/packaging/install_desktop.sh" "$bundle/install_desktop.sh"
mkdir -p "$bundle/linux"
cp "$repo"/packaging/linux/*.desktop "$repo"/packaging/linux/*.metainfo.xml "$bundle/linux/"
seconds=$(( $(date +%s) - start ))
size=$(du -sh "$bundle" | cut -f1)
echo "build_bundle: $bundle/energybrowser built in ${seconds}s, bundle size $size"
