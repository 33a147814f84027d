"""Entry point of the PyInstaller bundle: the same `energybrowser` command as the installed one."""

from __future__ import annotations

from energybrowser.cli import main

raise SystemExit(main())
