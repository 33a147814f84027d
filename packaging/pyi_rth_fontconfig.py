"""PyInstaller runtime hook: give fontconfig a configuration when the machine has none.

The bundle carries libfontconfig but not the system's /etc/fonts (configuration belongs to the
machine); on a bare system Qt then finds no font and draws boxes. Only in that case, and only when
the user has not pointed fontconfig somewhere, use the bundled fonts.conf and DejaVu fonts.
"""

from __future__ import annotations

import os
import sys

_SYSTEM_CONFIG = "/etc/fonts/fonts.conf"
_bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "fontconfig", "fonts.conf")
if (
    not os.path.exists(_SYSTEM_CONFIG)
    and "FONTCONFIG_FILE" not in os.environ
    and "FONTCONFIG_PATH" not in os.environ
    and os.path.exists(_bundled)
):
    os.environ["FONTCONFIG_FILE"] = _bundled
