"""The built wheel carries its data: ontology, queries, sample corpus and lexicons.

In a checkout ``builder.resources`` finds the ontology at the top of the repository;
an installed package has no repository around it, so the wheel must carry a copy
under ``builder/_bundled`` and ``resource_dir`` must find that copy first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow  # builds a wheel (about a second) and starts an interpreter


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-cache-dir", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [built] = out.glob("riposte-*.whl")
    return built


def names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def under(entries: set[str], folder: str) -> set[str]:
    return {name[len(folder) :] for name in entries if name.startswith(folder)}


def test_wheel_carries_the_ontology_and_lexicons(wheel: Path) -> None:
    entries = names(wheel)
    for required in (
        "builder/_bundled/ontology/riposte.ttl",
        "builder/_bundled/ontology/shapes.ttl",
        "builder/data/gazetteer.jsonl",
        "builder/data/triggers.json",
        "builder/resources.py",
        "builder/cli.py",
    ):
        assert required in entries, required


def test_wheel_holds_only_the_package_and_its_metadata(wheel: Path) -> None:
    """No checkout clutter (.venv, tests, stores, bytecode) slips into the wheel."""
    entries = names(wheel)
    assert {name.split("/")[0] for name in entries} == {"builder", "riposte-0.1.0.dist-info"}
    assert not [name for name in entries if "__pycache__" in name or name.endswith(".pyc")]


def test_wheel_carries_every_query_and_the_sample_corpus(wheel: Path) -> None:
    entries = names(wheel)
    queries = {p.name for p in (ROOT / "queries").glob("*.rq")}
    corpus = {p.name for p in (ROOT / "corpus").glob("*.txt")}
    assert "groups_backed_by.rq" in queries and "_stats.rq" in queries
    assert len(corpus) == 5
    assert {n for n in under(entries, "builder/_bundled/queries/") if n.endswith(".rq")} == queries
    assert {n for n in under(entries, "builder/_bundled/corpus/") if n.endswith(".txt")} == corpus


def test_wheel_bundles_copies_identical_to_the_checkout(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        for folder in ("ontology", "queries"):
            for source in sorted((ROOT / folder).iterdir()):
                assert archive.read(f"builder/_bundled/{folder}/{source.name}") == source.read_bytes(), source.name


def test_wheel_declares_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        [entry_points] = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
        text = archive.read(entry_points).decode("utf-8")
    assert "[console_scripts]" in text
    assert "riposte = builder.cli:main" in text.splitlines()


def _run_unpacked(wheel: Path, tmp_path: Path, code: str) -> tuple[Path, subprocess.CompletedProcess]:
    """Unpack the wheel into a folder of its own and run ``code`` with only that on the path
    (not the editable checkout); returns the folder and the finished process."""
    unpacked = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    return unpacked, done


def test_unpacked_wheel_finds_its_bundled_resources(wheel: Path, tmp_path: Path) -> None:
    code = (
        "import builder, builder.resources as r\n"
        "print(builder.__file__)\n"
        "print(r.resource_dir('ontology'))\n"
        "print(r.resource_dir('queries'))\n"
        "print(r.data_file('gazetteer.jsonl'))\n"
    )

    unpacked, done = _run_unpacked(wheel, tmp_path, code)

    assert done.returncode == 0, done.stderr
    package, ontology, queries, gazetteer = (Path(line) for line in done.stdout.splitlines())
    assert package == unpacked / "builder" / "__init__.py"  # not the editable checkout
    assert ontology == unpacked / "builder" / "_bundled" / "ontology"
    assert queries == unpacked / "builder" / "_bundled" / "queries"
    assert gazetteer == unpacked / "builder" / "data" / "gazetteer.jsonl"
    assert (ontology / "riposte.ttl").is_file()


CYTOSCAPE = "node_modules/cytoscape/dist/cytoscape.min.js"


def test_wheel_carries_the_page_and_its_graph_library(wheel: Path) -> None:
    """builder/web (the page of `riposte serve`) and, from the npm packages, cytoscape's one file."""
    entries = names(wheel)
    page = {p.name for p in (ROOT / "builder" / "web").iterdir() if p.is_file()}
    assert {"index.html", "app.js", "style.css"} <= page
    assert under(entries, "builder/web/") == page
    # only the file the page loads, not the whole of node_modules
    assert under(entries, "builder/_bundled/web/") == {CYTOSCAPE}
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(page):
            assert archive.read(f"builder/web/{name}") == (ROOT / "builder" / "web" / name).read_bytes(), name
        assert archive.read(f"builder/_bundled/web/{CYTOSCAPE}") == (ROOT / "web" / CYTOSCAPE).read_bytes()


def test_unpacked_wheel_serves_its_page(wheel: Path, tmp_path: Path) -> None:
    """An installed package serves the page and cytoscape from its own files, with no checkout around it."""
    code = (
        "import httpx, builder.serve as s\n"
        "from builder.store import open_store\n"
        "print(s.WEB_DIR)\n"
        "print(s.node_modules())\n"
        "with s.serving(s.create_app(open_store(None))) as url:\n"
        "    for path in ('/', '/static/app.js', '/vendor/cytoscape.min.js'):\n"
        "        answer = httpx.get(url + path)\n"
        "        print(path, answer.status_code, len(answer.content))\n"
        "    network = httpx.get(url + '/api/network').json()\n"
        "    print(len(network['nodes']), len(network['edges']), network['types'][0])\n"
    )

    unpacked, done = _run_unpacked(wheel, tmp_path, code)

    assert done.returncode == 0, done.stderr
    web, modules, *served, network = done.stdout.splitlines()
    assert Path(web) == unpacked / "builder" / "web"
    assert Path(modules) == unpacked / "builder" / "_bundled" / "web" / "node_modules"
    assert served == [
        f"/ 200 {(ROOT / 'builder' / 'web' / 'index.html').stat().st_size}",
        f"/static/app.js 200 {(ROOT / 'builder' / 'web' / 'app.js').stat().st_size}",
        f"/vendor/cytoscape.min.js 200 {(ROOT / 'web' / CYTOSCAPE).stat().st_size}",
    ]
    assert network == "0 0 {'type': 'Strike', 'colour': '#a63603'}"  # an empty store, the legend still there
