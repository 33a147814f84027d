#!/usr/bin/env bash
# Install what the tests need on a fresh Debian machine, then lint and run the whole suite headless.
# Extra arguments go to pytest (e.g. scripts/test.sh -k search).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_setup_common.sh
# One apt round for everything, libpython (which PyInstaller needs) included.
# shellcheck disable=SC2046  # the libpython package name is one word, or nothing
ensure_python "${QT_RUNTIME_PACKAGES[@]}" "${QT_X11_PACKAGES[@]}" "${PACKAGING_TEST_PACKAGES[@]}" \
  "${EXPORT_TEST_PACKAGES[@]}" $(libpython_package)
ensure_venv "[test]"
export QT_QPA_PLATFORM=offscreen
echo "test: ruff"
"$VENV/bin/ruff" check energybrowser tests packaging
echo "test: import boundaries (import-linter)"
"$VENV/bin/lint-imports" --no-cache
echo "test: types (mypy)"
"$VENV/bin/mypy" --cache-dir "$VENV/.mypy_cache"
echo "test: pytest"
exec "$VENV/bin/python" -m pytest "$@"
