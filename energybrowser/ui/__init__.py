"""The Qt front end. It only shows what the core computes."""

from energybrowser.ui.refcount_guard import pin_singletons

pin_singletons()  # before any PySide6 call: see refcount_guard
