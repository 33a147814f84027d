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

# No display: the app runs on a virtual X screen (Xvfb) nobody can see, e.g. to check that it starts.
# xvfb-run runs in a session of its own, so the terminal's Ctrl+C reaches only this script, which
# passes it on to the app: the app closes its window the normal way (settings saved), then xvfb-run
# stops its X server (which would quit at once on a Ctrl+C of its own) and this script removes the
# folder of the screen's authority file (xvfb-run's own temporary folder outlives a kill).
XVFB_AUTH_DIR=""
run_on_virtual_screen() {
  local runner status=0
  XVFB_AUTH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/energybrowser-xvfb.XXXXXX")
  trap 'rm -rf "$XVFB_AUTH_DIR"' EXIT
  echo "run: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window opens on an" \
    "invisible virtual screen (xvfb-run): the app runs, but you will not see it." >&2
  echo "run: to see it, run this in a desktop session (or over ssh -X). Stop it with Ctrl+C," \
    "or kill $$." >&2
  setsid xvfb-run -a -f "$XVFB_AUTH_DIR/Xauthority" -s "-screen 0 1600x1000x24" \
    sh -c 'echo $$ >"$0/app.pid"; exec "$@"' "$XVFB_AUTH_DIR" "$VENV/bin/energybrowser" "$@" &
  runner=$!
  trap 'stop_app INT' INT
  trap 'stop_app TERM' TERM HUP
  while kill -0 "$runner" 2>/dev/null; do
    wait "$runner" && status=0 || status=$?
  done
  echo "run: the app has stopped." >&2
  return "$status"
}
stop_app() {  # stop_app SIGNAL: the app closes its window as if the user did
  kill -"$1" "$(cat "$XVFB_AUTH_DIR/app.pid" 2>/dev/null)" 2>/dev/null || true
}

# A command (`scripts/run.sh search gas`), --help or --version opens no window: it needs no screen.
opens_window() {
  local value_next=""
  for arg in "$@"; do
    if [ -n "$value_next" ]; then value_next=""; continue; fi
    case $arg in
      -h | --help | --version) return 1 ;;
      --corpus | --data-dir) value_next=1 ;;
      -*) ;;
      *) return 1 ;;
    esac
  done
  return 0
}

if [ -n "$headless" ] && opens_window "$@"; then
  run_on_virtual_screen "$@"
  exit $?
fi
exec "$VENV/bin/energybrowser" "$@"
