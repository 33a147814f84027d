#!/usr/bin/env bash
# Register energybrowser with the Linux desktop for the current user: launcher (.desktop), AppStream
# metainfo and the icon in every size, under $XDG_DATA_HOME (default ~/.local/share). No root needed.
#
#   packaging/install_desktop.sh                      # from a checkout: uses `energybrowser` on PATH
#   packaging/install_desktop.sh --exec ~/.venv/bin/energybrowser
#   dist/energybrowser/install_desktop.sh             # from a PyInstaller bundle: launches that bundle
#   packaging/install_desktop.sh --uninstall
#
# The launcher gets an absolute Exec= path, because desktop sessions rarely have a virtualenv's or
# ~/.local/bin on their PATH.
set -euo pipefail

APP_ID="io.github.energybrowser.EnergyBrowser"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
exec_path=""
uninstall=0

usage() { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --exec) [ $# -ge 2 ] || { echo "install_desktop: --exec needs a path" >&2; exit 2; }; exec_path="$2"; shift 2 ;;
    --exec=*) exec_path="${1#--exec=}"; shift ;;
    --data-home) [ $# -ge 2 ] || { echo "install_desktop: --data-home needs a folder" >&2; exit 2; }; data_home="$2"; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install_desktop: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# Source checkout: packaging/linux + resources/icons. Bundle: linux/ beside this script and the icons
# inside PyInstaller's _internal/ folder (where energybrowser.resources finds them too).
linux_dir="$here/linux"
icons_dir=""
for candidate in "$here/../resources/icons/hicolor" "$here/_internal/energybrowser/_bundled/resources/icons/hicolor"; do
  if [ -d "$candidate" ]; then icons_dir=$(cd "$candidate" && pwd); break; fi
done

apps="$data_home/applications"
metainfo="$data_home/metainfo"
hicolor="$data_home/icons/hicolor"
desktop_file="$apps/$APP_ID.desktop"
metainfo_file="$metainfo/$APP_ID.metainfo.xml"

refresh_caches() {
  # Both are optional helpers; desktops also notice new files without them, just later.
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$apps" 2>/dev/null || true; fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$hicolor" 2>/dev/null || true
  fi
}

if [ "$uninstall" -eq 1 ]; then
  rm -f "$desktop_file" "$metainfo_file"
  if [ -d "$hicolor" ]; then
    find "$hicolor" -path "*/apps/$APP_ID.*" -type f -delete
  fi
  refresh_caches
  echo "install_desktop: removed $APP_ID from $data_home"
  exit 0
fi

[ -f "$linux_dir/$APP_ID.desktop" ] || { echo "install_desktop: $linux_dir/$APP_ID.desktop is missing" >&2; exit 1; }
[ -n "$icons_dir" ] || { echo "install_desktop: cannot find the icons (resources/icons/hicolor)" >&2; exit 1; }

if [ -z "$exec_path" ]; then
  if [ -x "$here/energybrowser" ] && [ -f "$here/energybrowser" ]; then
    exec_path="$here/energybrowser"
  elif command -v energybrowser >/dev/null 2>&1; then
    exec_path=$(command -v energybrowser)
  else
    echo "install_desktop: no 'energybrowser' on PATH; pass --exec /path/to/energybrowser" >&2
    exit 1
  fi
fi
[ -x "$exec_path" ] || { echo "install_desktop: $exec_path is not an executable file" >&2; exit 1; }
exec_path=$(cd "$(dirname "$exec_path")" && pwd)/$(basename "$exec_path")

# Desktop Entry spec: an Exec argument with reserved characters is double-quoted, and inside the
# quotes ", `, $ and \ are backslash-escaped; % is doubled anywhere. Then the string-value rule
# doubles every backslash (Exec and TryExec). sed finally needs \, & and | escaped.
quoted="$exec_path"
if [[ "$quoted" =~ [[:space:]\"\'\\\`\$\<\>\~\|\&\;\*\?\#\(\)] ]]; then
  quoted=$(printf '%s' "$quoted" | sed -e 's/[\\"`$]/\\&/g')
  quoted="\"$quoted\""
fi
quoted=${quoted//%/%%}
quoted=${quoted//\\/\\\\}
try_exec=${exec_path//\\/\\\\}
sed_exec=$(printf '%s' "$quoted" | sed -e 's/[\\&|]/\\&/g')
sed_try=$(printf '%s' "$try_exec" | sed -e 's/[\\&|]/\\&/g')

mkdir -p "$apps" "$metainfo" "$hicolor"
sed -e "s|^Exec=.*|Exec=$sed_exec|" -e "s|^TryExec=.*|TryExec=$sed_try|" \
  "$linux_dir/$APP_ID.desktop" >"$desktop_file.tmp"
mv "$desktop_file.tmp" "$desktop_file"
cp "$linux_dir/$APP_ID.metainfo.xml" "$metainfo_file"
(cd "$icons_dir" && find . -path "*/apps/$APP_ID.*" -type f) | while read -r icon; do
  mkdir -p "$hicolor/$(dirname "$icon")"
  cp "$icons_dir/$icon" "$hicolor/$icon"
done
refresh_caches
echo "install_desktop: installed $APP_ID into $data_home (Exec=$quoted)"
