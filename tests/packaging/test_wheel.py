"""`python -m build` makes an sdist and a wheel that carry resources/ and corpus/; the wheel, installed
into a fresh virtualenv and run from an unrelated folder, finds its data through importlib.resources."""

from __future__ import annotations

import json
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from energybrowser import __version__
from tests.conftest import REPO
from tests.packaging.conftest import (
    CORPUS_DIR,
    check_search_output,
    expected_citations,
    has_command_module,
    outside_env,
    require_corpus,
    run,
    source_corpus_ids,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def tracked_data_files() -> list[str]:
    """Files under resources/ and corpus/ that a distribution must carry, relative to the repo."""
    files = [p for folder in ("resources", "corpus") for p in (REPO / folder).rglob("*") if p.is_file()]
    return sorted(p.relative_to(REPO).as_posix() for p in files if "__pycache__" not in p.parts)


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist, and the wheel `python -m build` makes from that sdist (so both must be complete)."""
    require_corpus()
    out = tmp_path_factory.mktemp("dist")
    run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        cwd=out,
        env=outside_env(out),
        timeout=600,
    )
    (sdist,) = out.glob("energybrowser-*.tar.gz")
    (wheel,) = out.glob("energybrowser-*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def installed(dists: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv (not editable, nothing from the checkout) with the wheel and its dependencies."""
    venv = tmp_path_factory.mktemp("venv")
    here = tmp_path_factory.mktemp("cwd")
    run([sys.executable, "-m", "venv", str(venv)], cwd=here, env=outside_env(here), timeout=300)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    run([*pip, str(dists[1])], cwd=here, env=outside_env(here), timeout=600)
    return venv


def test_sdist_carries_resources_corpus_and_packaging(dists: tuple[Path, Path]) -> None:
    sdist, _ = dists
    with tarfile.open(sdist) as archive:
        prefix = f"energybrowser-{__version__}/"
        names = {name.removeprefix(prefix) for name in archive.getnames()}
    missing = [name for name in tracked_data_files() if name not in names]
    assert not missing, f"sdist lacks {missing[:5]}"
    assert {"pyproject.toml", "packaging/energybrowser.spec", "packaging/install_desktop.sh"} <= names


def test_wheel_maps_resources_and_corpus_into_the_package(dists: tuple[Path, Path]) -> None:
    _, wheel = dists
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    expected = {f"energybrowser/_bundled/{name}" for name in tracked_data_files()}
    assert expected <= names, f"wheel lacks {sorted(expected - names)[:5]}"
    assert not any(name.startswith(("resources/", "corpus/", "tests/")) for name in names)


def test_installed_app_runs_from_elsewhere_on_its_bundled_data(installed: Path, tmp_path: Path) -> None:
    exe = str(installed / "bin" / "energybrowser")
    env = outside_env(tmp_path / "data")

    version = run([exe, "--version"], cwd=tmp_path, env=env)
    assert version.stdout.strip() == f"energybrowser {__version__}"

    listing = run([exe, "corpus", "list", "--json"], cwd=tmp_path, env=env)
    assert sorted(row["id"] for row in json.loads(listing.stdout)) == source_corpus_ids()

    as_module = run(
        [str(installed / "bin" / "python"), "-m", "energybrowser", "--version"], cwd=tmp_path, env=env
    )
    assert as_module.stdout.strip() == f"energybrowser {__version__}"


def test_installed_package_reads_data_from_site_packages_not_the_checkout(
    installed: Path, tmp_path: Path
) -> None:
    code = (
        "import json, energybrowser\n"
        "from energybrowser.resources import bundled_corpus_dir, resource_path\n"
        "from energybrowser.corpus.loader import resolve_corpus_dir\n"
        "print(json.dumps({'package': energybrowser.__file__,"
        " 'gazetteer': str(resource_path('gazetteer.yaml')), 'corpus': str(bundled_corpus_dir()),"
        " 'default_corpus': str(resolve_corpus_dir(None))}))\n"
    )
    result = run([str(installed / "bin" / "python"), "-c", code], cwd=tmp_path, env=outside_env(tmp_path))
    paths = {key: Path(value).resolve() for key, value in json.loads(result.stdout).items()}
    site = (installed / "lib").resolve()
    for key, path in paths.items():
        assert path.is_relative_to(site), f"{key} comes from {path}, not the installed package"
        assert not path.is_relative_to(REPO.resolve()), f"{key} leaks the checkout: {path}"
    assert paths["gazetteer"].is_file()
    assert paths["corpus"] == paths["default_corpus"]
    assert {p.name for p in paths["corpus"].iterdir()} == {
        p.name for p in CORPUS_DIR.iterdir() if p.is_file()
    }


def test_installed_app_searches_and_cites_the_bundled_corpus(installed: Path, tmp_path: Path) -> None:
    exe = str(installed / "bin" / "energybrowser")
    env = outside_env(tmp_path / "data")
    if has_command_module("search"):
        check_search_output(
            run([exe, "search", "SOCAR", "--json"], cwd=tmp_path, env=env, timeout=300).stdout
        )
    if has_command_module("cite"):
        article_id, text = expected_citations()["apa"]
        cited = run([exe, "cite", article_id, "--style", "apa"], cwd=tmp_path, env=env)
        assert cited.stdout.strip() == text
