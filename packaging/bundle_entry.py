"""Entry point of the PyInstaller bundle: the same `energybrowser` command as the installed one."""

from __future__ import annotations

import multiprocessing

from energybrowser.cli import main

if __name__ == "__main__":
    # A frozen app must let multiprocessing's child processes (the index build's spawned workers,
    # `search/index_store.py`) run their task instead of the CLI.
    multiprocessing.freeze_support()
    raise SystemExit(main())
