"""Regenerate tests/fixtures/citeproc_js.json: what citeproc-js (the engine Zotero uses) prints for
the same CSL-JSON records our citations are made from, in each formatted style.

    npm install --prefix tests/citeproc_js     # once: citeproc-js for this helper only
    .venv/bin/python tests/citeproc_js/make_fixtures.py

The fixture keeps each record as it was rendered, so the test notices when our CSL-JSON changes
(then run this again). Node and npm are needed only here, never by the app or the tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from energybrowser.citations.csl_json import to_csl_json  # noqa: E402
from energybrowser.citations.engine import style_file  # noqa: E402
from energybrowser.citations.styles import STYLE_INFO  # noqa: E402
from energybrowser.corpus.markdown_io import parse_article  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "citeproc_js.json"
CASES = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))


def main() -> None:
    import citeproc

    items = [to_csl_json(parse_article(text, case_id)) for case_id, text in CASES.items()]
    styles = {
        info.id: {"csl": str(style_file(info.csl)), "locale": info.locale or "en-US"}
        for info in STYLE_INFO
        if info.kind == "csl" and not info.note
    }
    request = {
        "styles": styles,
        "locales_dir": str(Path(citeproc.__file__).parent / "data" / "locales"),
        "items": items,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(request, handle)
    rendered = subprocess.run(
        ["node", str(HERE / "render.js"), handle.name], check=True, capture_output=True, text=True
    ).stdout
    Path(handle.name).unlink()
    version = json.loads((HERE / "node_modules" / "citeproc" / "package.json").read_text())["version"]
    fixture = {"citeproc_js": version, "items": items, "entries": json.loads(rendered)}
    FIXTURE.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)} (citeproc-js {version}, {len(items)} records)")


if __name__ == "__main__":
    main()
