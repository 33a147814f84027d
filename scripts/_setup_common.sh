# shellcheck shell=bash disable=SC2034  # sourced: the lists and VENV are used by the scripts
# Shared by scripts/run.sh and scripts/test.sh: Python, the Debian libraries Qt needs, then a virtualenv.
# Sourced, not run. Installs only what is missing and says nothing when nothing is; needs root (or sudo)
# only when a Debian package is missing. Measured on a fresh minimal Debian 12: docs/setup.md.

# python3-venv brings ensurepip (Debian splits it out of python3), without which `python3 -m venv` fails.
PYTHON_PACKAGES=(python3 python3-venv)
# What PySide6 needs to import at all (offscreen); fonts-dejavu-core so glyphs are not boxes.
QT_RUNTIME_PACKAGES=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core)
# Qt's xcb platform plugin (a real X window) and a virtual X server for machines without a display.
QT_XCB_PACKAGES=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1)
XVFB_PACKAGES=(xvfb xauth)
QT_X11_PACKAGES=("${QT_XCB_PACKAGES[@]}" "${XVFB_PACKAGES[@]}")
# Packaging tests: the desktop's validators, and binutils (objdump, objcopy) that PyInstaller needs.
PACKAGING_TEST_PACKAGES=(desktop-file-utils appstream binutils)
# Export tests: real `bibtex` reads the .bib files we write (tests/robustness/test_bibtex_faults.py).
EXPORT_TEST_PACKAGES=(texlive-binaries)

_SETUP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
_SETUP_APT_UPDATED=""

_setup_say() { echo "setup: $*" >&2; }

ensure_debian_packages() {  # ensure_debian_packages PKG...
  if ! command -v dpkg-query >/dev/null 2>&1; then
    _setup_say "not a Debian system: make sure these (or your system's equivalents) are installed: $*"
    return 0
  fi
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  _setup_say "installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      _setup_say "that needs root, and there is no sudo here. As root, run:"
      _setup_say "  apt-get install ${missing[*]}"
      return 1
    fi
    if ! sudo -v; then  # asks for the password here, before apt's output is hidden in the log
      _setup_say "sudo refused. Ask an administrator to run:"
      _setup_say "  apt-get install ${missing[*]}"
      return 1
    fi
    sudo=(sudo)
  fi
  local log
  log=$(mktemp)
  # Output goes to a log shown only on failure, so a normal run stays short.
  if { [ -n "$_SETUP_APT_UPDATED" ] || "${sudo[@]}" apt-get update -q; } >"$log" 2>&1 &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
    _SETUP_APT_UPDATED=1
    rm -f "$log"
    return 0
  fi
  cat "$log" >&2
  rm -f "$log"
  _setup_say "apt-get failed (output above). Install them yourself, then run this again:"
  _setup_say "  sudo apt-get install ${missing[*]}"
  return 1
}

# A Python >= 3.11 with venv and ensurepip, in $PYTHON (default python3), and the Debian packages
# PKG... in the same apt round.
# shellcheck disable=SC2120  # the scripts pass PKG...; ensure_venv only checks
ensure_python() {  # ensure_python [PKG...]
  PYTHON="${PYTHON:-python3}"
  local check='import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))'
  if "$PYTHON" -c "$check" 2>/dev/null; then
    ensure_debian_packages "$@"
    return
  fi
  if [ "$PYTHON" = python3 ]; then
    ensure_debian_packages "${PYTHON_PACKAGES[@]}" "$@" || return 1
    "$PYTHON" -c "$check" 2>/dev/null && return 0
  fi
  if ! command -v "$PYTHON" >/dev/null 2>&1; then
    _setup_say "no $PYTHON found: install Python 3.11 or newer (with venv), or set PYTHON=/path/to/python3"
  elif ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    _setup_say "energybrowser needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -V 2>&1)." \
      "Set PYTHON=/path/to/python3.11 (or newer)"
  else
    _setup_say "$PYTHON has no venv/ensurepip (on Debian/Ubuntu: sudo apt-get install python3-venv)"
  fi
  return 1
}

# The Debian package of $PYTHON's shared library (libpython3.11 for Debian 12's python3), which
# PyInstaller needs to build the bundle; nothing when $PYTHON is not Debian's. Call after ensure_python.
debian_libpython_package() {
  "$PYTHON" -c 'import sys, sysconfig
if sys.base_prefix == "/usr" and sysconfig.get_config_var("LDVERSION"):
    print("libpython" + sysconfig.get_config_var("LDVERSION"))'
}

# The libpython package for $PYTHON, or, when there is no Python yet, for the python3 that apt would
# install: so that it goes into the same apt-get line as everything else (an administrator asked to
# run that line by hand is asked once, not twice).
libpython_package() {
  PYTHON="${PYTHON:-python3}"
  if "$PYTHON" -c 'import sys' 2>/dev/null; then
    debian_libpython_package
  elif [ "$PYTHON" = python3 ] && command -v apt-cache >/dev/null 2>&1; then
    apt-cache depends python3 2>/dev/null | sed -n 's/^ *Depends: \(python3\.[0-9][0-9]*\)$/lib\1/p' | head -n 1
  fi
}

# The virtualenv ($ENERGYBROWSER_VENV, default .venv) with energybrowser installed (editable) with EXTRAS.
# Sets VENV. pip runs only when the venv is new or pyproject.toml changed since the last install
# (the install is editable, so code changes need none).
ensure_venv() {  # ensure_venv EXTRAS   e.g. "" or "[test]"
  local venv="${ENERGYBROWSER_VENV:-$_SETUP_ROOT/.venv}"
  # shellcheck disable=SC2119  # only the check here; the scripts name the packages
  ensure_python || return 1
  if ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    # Also repairs a venv left half-made (no pip) by an earlier `python3 -m venv` without ensurepip.
    _setup_say "creating virtualenv $venv"
    "$PYTHON" -m venv --clear "$venv" || { _setup_say "$PYTHON -m venv $venv failed"; return 1; }
  fi
  local stamp="$venv/.energybrowser-installed" sum want
  sum=$(cksum <"$_SETUP_ROOT/pyproject.toml")
  want="extras=$1 $sum"
  # Installed with these extras, or (for none) with any extras, from this pyproject.toml: nothing to do.
  if ! { grep -qxF -- "$want" "$stamp" || { [ -z "$1" ] && grep -qF -- " $sum" "$stamp"; }; } 2>/dev/null ||
    [ ! -x "$venv/bin/energybrowser" ]; then
    _setup_say "installing energybrowser$1 and its Python packages into $venv"
    if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check -e "$_SETUP_ROOT$1"; then
      _setup_say "pip could not install energybrowser$1 (output above; it needs to reach PyPI)"
      return 1
    fi
    { grep -vF -- "extras=$1 " "$stamp" 2>/dev/null || true; echo "$want"; } >"$stamp.new" && mv "$stamp.new" "$stamp"
  fi
  VENV="$venv"
}
