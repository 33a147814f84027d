#!/usr/bin/env bash
# Install what a fresh Debian machine lacks, then open energybrowser on the bundled corpus.
# Extra arguments go to the app (e.g. scripts/run.sh --corpus ~/articles).
set -euo pipefail
# shellcheck source=scripts/_setup_common.sh
source "$(dirname "$0")/_setup_common.sh"
headless=""
[ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && headless=1
packages=("${QT_RUNTIME_PACKAGES[@]}" "${QT_XCB_PACKAGES[@]}")
[ -n "$headless" ] && packages+=("${XVFB_PACKAGES[@]}")
ensure_python "${packages[@]}"
ensure_venv ""
if [ -n "$headless" ]; then
  echo "run: no display found; starting the app on a virtual X screen (xvfb-run)" >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$VENV/bin/energybrowser" "$@"
fi
exec "$VENV/bin/energybrowser" "$@"
