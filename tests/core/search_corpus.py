"""A small, varied corpus for the search tests (written as Markdown files into a temp folder)."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "pipeline-talks": """---
title: Caspian pipeline talks resume
authors: [Jane Doe]
publisher: Caspian Wire
date: 2022-08-25
language: en
---

## Background

SOCAR and KazMunaiGas signed a memorandum on oil transportation across the Caspian Sea.

The agreements cover shipments of crude oil through the Baku-Tbilisi-Ceyhan pipeline.

Analysts said the <script>alert(1)</script> markup in press releases was odd, & noted "quotes".

Energy security remains the main theme of regional cooperation.
""",
    "qazaqgaz-exports": """---
title: QazaqGaz expands gas exports
authors: [Daniyar Abenov]
publisher: Astana Times
date: 2023-03-02
language: en
---

QazaqGaz signed an agreement with SOCAR on gas supplies to Europe.

Gas exports are expected to grow, according to the ministry.
""",
    "wind-azerbaijan": """---
title: Wind energy in Azerbaijan
authors: [Leyla Mammadova]
publisher: Baku Review
date: 2021
language: en
---

Azerbaijan is building offshore wind farms with foreign partners.

Renewable cooperation is seen as a complement to oil and gas.
""",
    "kmg-results": """---
title: Quarterly results
authors: [John Smith]
publisher: Energy Monitor
date: 2022-11
language: en
---

KMG reported higher refining margins in the third quarter.

The company plans new investments in petrochemicals.
""",
    "turkiye-route": """---
title: A southern gas route
authors: [Maria Petrova]
publisher: Caspian Wire
date: 2020-05-14
language: en
---

Türkiye wants more Caspian gas for its domestic market.

The route would pass through Georgia before reaching Türkiye.
""",
}


def write_corpus(folder: Path, articles: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (articles or ARTICLES).items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return folder
