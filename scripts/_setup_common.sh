# Shared by scripts/run.sh and scripts/test.sh: Debian libraries Qt needs, then a virtualenv.
# Sourced, not run. Installs only what is missing; needs root (or sudo) only when something is.

QT_RUNTIME_PACKAGES=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core)
QT_X11_PACKAGES=(xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1)
# Packaging tests: the desktop's validators, and binutils (objdump, objcopy) that PyInstaller needs.
PACKAGING_TEST_PACKAGES=(desktop-file-utils appstream binutils)

ensure_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { echo "setup: not a Debian system; install Qt's X11 libraries yourself" >&2; return 0; }
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: please install: ${missing[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {  # ensure_venv EXTRAS
  local root venv python
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  venv="${ENERGYBROWSER_VENV:-$root/.venv}"
  python="${PYTHON:-python3}"
  if [ ! -x "$venv/bin/python" ]; then
    echo "setup: creating virtualenv $venv"
    "$python" -m venv "$venv" || { echo "setup: python3 -m venv failed (on Debian: apt-get install python3-venv)" >&2; return 1; }
  fi
  echo "setup: installing energybrowser$1 into $venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -e "$root$1"
  VENV="$venv"
}
