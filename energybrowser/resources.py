"""One way to reach bundled data: the gazetteer, patterns, styles and the bundled corpus.

In an installed wheel the top-level `resources/` and `corpus/` folders live inside the package as
`energybrowser/_bundled/`; in a source checkout they sit beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


@cache
def _bundled_root() -> Path:
    # The package's own folder is what `importlib.resources.files` gives for a package on disk (a
    # wheel, a bundle); asking it directly skips importing its readers (~10 ms of every command).
    package = Path(__file__).resolve().parent
    if (package / "_bundled").is_dir():
        return package / "_bundled"
    checkout = package.parent
    if (checkout / "resources").is_dir():
        return checkout
    from importlib import resources  # a package not on disk (a zip)

    packaged = Path(str(resources.files("energybrowser"))) / "_bundled"
    if packaged.is_dir():
        return packaged
    raise FileNotFoundError("energybrowser's bundled resources are missing from this installation")


def resource_path(*parts: str) -> Path:
    """Path of a file under `resources/`."""
    return _bundled_root().joinpath("resources", *parts)


def read_yaml(path: Path) -> Any:
    """The data in a YAML file (safe loading: plain values only)."""
    # Imported here: a search or a listing reads no YAML (the gazetteer comes from its compiled
    # cache) and need not import the parser.
    import yaml

    # libyaml's loader is ~20x faster than the pure-Python one; the gazetteer is big enough to notice.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def resource_table(*parts: str) -> dict[str, Any]:
    """The mapping in the bundled YAML file `resources/<parts>` (an empty file: none); ValueError
    naming the file when it holds anything else."""
    data = read_yaml(resource_path(*parts)) or {}
    if not isinstance(data, dict):
        raise ValueError(f"resources/{'/'.join(parts)} must hold a mapping")
    return data


def bundled_corpus_dir() -> Path:
    """The folder of articles shipped with the app."""
    return _bundled_root() / "corpus"
