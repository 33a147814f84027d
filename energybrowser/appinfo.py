"""Who the app is to the desktop: one reverse-DNS id shared by the window, the `.desktop` file,
the AppStream metainfo and the icon files, so a desktop can match a running window to its launcher."""

from __future__ import annotations

APP_ID = "io.github.energybrowser.EnergyBrowser"
"""Reverse-DNS id: names `<APP_ID>.desktop`, `<APP_ID>.metainfo.xml` and the icon `<APP_ID>.png/.svg`."""

APP_DISPLAY_NAME = "Energy Browser"
"""Name launchers show (`Name=` in the `.desktop` file, `<name>` in the metainfo)."""

EXECUTABLE = "energybrowser"
"""The command, and the X11 WM_CLASS Qt derives from the application name (`StartupWMClass=`)."""

ICON_NAME = APP_ID
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
"""PNG sizes rendered into `resources/icons/hicolor/<n>x<n>/apps/`, beside `scalable/apps/<APP_ID>.svg`."""


def icon_parts(size: int | None = None) -> tuple[str, ...]:
    """Path parts under `resources/` of the icon at `size` pixels, or of the scalable SVG when None."""
    if size is None:
        return ("icons", "hicolor", "scalable", "apps", f"{ICON_NAME}.svg")
    return ("icons", "hicolor", f"{size}x{size}", "apps", f"{ICON_NAME}.png")
