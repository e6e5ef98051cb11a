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


def test_unpacked_wheel_finds_its_bundled_resources(wheel: Path, tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    code = (
        "import builder, builder.resources as r\n"
        "print(builder.__file__)\n"
        "print(r.resource_dir('ontology'))\n"
        "print(r.resource_dir('queries'))\n"
        "print(r.data_file('gazetteer.jsonl'))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(unpacked)}

    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 0, done.stderr
    package, ontology, queries, gazetteer = (Path(line) for line in done.stdout.splitlines())
    assert package == unpacked / "builder" / "__init__.py"  # not the editable checkout
    assert ontology == unpacked / "builder" / "_bundled" / "ontology"
    assert queries == unpacked / "builder" / "_bundled" / "queries"
    assert gazetteer == unpacked / "builder" / "data" / "gazetteer.jsonl"
    assert (ontology / "riposte.ttl").is_file()
