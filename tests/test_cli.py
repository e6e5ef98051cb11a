"""``riposte`` from the command line: build, query, stats, export, and the exit codes.

The CLI is called in-process through ``builder.cli.main`` (the spaCy model is cached
per process), except for one test that runs the installed console script.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from lxml import etree

from builder.cli import main

pytestmark = pytest.mark.slow  # builds need the spaCy model

ROOT = Path(__file__).resolve().parent.parent
GEXF_SCHEMA = Path(__file__).parent / "schemas" / "gexf" / "1.3" / "gexf.rng"

# the commands that read a store, each with what else it needs
READ_COMMANDS = pytest.mark.parametrize(
    "argv",
    [
        ["stats"],
        ["query", "groups_backed_by"],
        ["export", "--format", "nquads", "--out", "dump.nq"],
    ],
    ids=["stats", "query", "export"],
)

from texts import BACKING, STRIKE  # noqa: E402  (tests/ is on the import path)
LATIN1 = "Frappe à Bagdad\n\nUne frappe a visé un dépôt.\n".encode("latin-1")  # 'à' is byte 7
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
JSONL_GOOD = {"text": "Des drones ont visé la base d'Aïn al-Assad.", "url": "https://exemple.fr/drones"}
JSONL_BAD = '{"text": "sans fin"'  # unterminated object

MILITIAS = "https://w3id.org/riposte/id/iran-backed-militias"
IRAN = "https://w3id.org/riposte/id/iran"


def one_line(text: str) -> str:
    """Whitespace collapsed, for checking what a message says whatever the console width."""
    return " ".join(text.split())


def store_size(path: Path) -> int:
    store = ox.Store.read_only(str(path))
    try:
        return len(store)
    finally:
        del store


def article_sources(path: Path) -> set[str]:
    store = ox.Store.read_only(str(path))
    rows = store.query(
        "SELECT ?source WHERE { ?a a rip:Article ; dcterms:source ?source }",
        prefixes={"rip": "https://w3id.org/riposte/ontology#", "dcterms": "http://purl.org/dc/terms/"},
    )
    sources = {row["source"].value for row in rows}
    del rows, store
    return sources


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """Two good articles, a JSONL feed with one good and one bad line, and three bad files."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "milices.txt").write_bytes(BACKING.encode("utf-8"))
    (folder / "frappe.txt").write_bytes(STRIKE.encode("utf-8"))
    (folder / "vide.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes(LATIN1)
    (folder / "scan.txt").write_bytes(PDF)
    (folder / "fil.jsonl").write_text(json.dumps(JSONL_GOOD, ensure_ascii=False) + "\n" + JSONL_BAD + "\n", encoding="utf-8")
    return folder


def expected_skips(folder: Path) -> list[str]:
    """The reasons builder.readers gives, in the folder's sorted order."""
    return [
        f"skipped {folder}/fil.jsonl:2: invalid JSON (Expecting ',' delimiter at column 20)",
        f"skipped {folder}/latin1.txt: not UTF-8: invalid byte 0xe0 at offset 7; "
        "it looks like Latin-1/CP1252 — re-save it as UTF-8",
        f"skipped {folder}/scan.txt: binary file, not text",
        f"skipped {folder}/vide.txt: empty file",
    ]


@pytest.fixture(scope="module")
def backing_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by ``riposte build`` from the one backing article."""
    base = tmp_path_factory.mktemp("backing")
    (base / "milices.txt").write_bytes(BACKING.encode("utf-8"))
    store = base / "store"
    assert main(["build", str(base / "milices.txt"), "--store", str(store), "--quiet"]) == 0
    return store


# --- build -------------------------------------------------------------------------


def test_build_skips_bad_inputs_and_builds_the_rest(mixed_folder: Path, tmp_path: Path, capsys) -> None:
    store = tmp_path / "store"

    code, out, err = run(capsys, "build", str(mixed_folder), "--store", str(store), "--quiet")

    assert code == 0
    assert out == ""
    said = one_line(err)
    for line in expected_skips(mixed_folder):
        assert line in said
    assert said.startswith(" ".join(expected_skips(mixed_folder)) + f" built 3 article(s) into {store}: ")
    assert said.endswith("; 0 already stored; 4 skipped")
    assert "error" not in said
    assert article_sources(store) == {
        f"{mixed_folder}/milices.txt",
        f"{mixed_folder}/frappe.txt",
        "https://exemple.fr/drones",
    }


def test_build_reports_each_skipped_file_on_a_line_of_its_own(mixed_folder: Path, tmp_path: Path, capsys) -> None:
    """A user greps the log for "skipped": each skip must be one whole line, however long."""
    code, _, err = run(capsys, "build", str(mixed_folder), "--store", str(tmp_path / "store"), "--quiet")

    assert code == 0
    lines = err.splitlines()
    assert [line for line in lines if line.startswith("skipped ")] == expected_skips(mixed_folder)
    assert len(lines) == 5  # four skips and the summary


def test_build_names_a_skipped_file_whose_name_has_brackets(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "milices.txt").write_bytes(BACKING.encode("utf-8"))
    (folder / "rapport [brouillon].txt").write_bytes(b"")

    code, _, err = run(capsys, "build", str(folder), "--store", str(tmp_path / "store"), "--quiet")

    assert code == 0
    assert f"skipped {folder}/rapport [brouillon].txt: empty file" in one_line(err)


def test_build_with_only_bad_inputs_exits_1_and_keeps_the_store(backing_store: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "mauvais"
    folder.mkdir()
    (folder / "vide.txt").write_bytes(b"")
    (folder / "scan.txt").write_bytes(PDF)
    before = store_size(backing_store)
    sources = article_sources(backing_store)
    assert len(sources) == 1

    code, out, err = run(capsys, "build", str(folder), "--store", str(backing_store), "--quiet")

    assert code == 1
    assert out == ""
    said = one_line(err)
    assert f"skipped {folder}/scan.txt: binary file, not text" in said
    assert f"skipped {folder}/vide.txt: empty file" in said
    assert f"built 0 article(s) into {backing_store}: 0 event(s), 0 fact(s); 0 already stored; 2 skipped" in said
    assert said.endswith("error: nothing could be built from the inputs given")
    assert store_size(backing_store) == before
    assert article_sources(backing_store) == sources


def test_rebuilding_counts_the_article_as_already_stored(backing_store: Path, tmp_path: Path, capsys) -> None:
    before = store_size(backing_store)
    source = backing_store.parent / "milices.txt"

    code, _, err = run(capsys, "build", str(source), "--store", str(backing_store), "--quiet")

    assert code == 0
    assert one_line(err) == f"built 0 article(s) into {backing_store}: 0 event(s), 0 fact(s); 1 already stored; 0 skipped"
    assert store_size(backing_store) == before


# --- query -------------------------------------------------------------------------


def test_query_groups_backed_by_as_csv(backing_store: Path, capsys) -> None:
    code, out, err = run(
        capsys, "query", "groups_backed_by", "--param", "backer=ripid:iran", "--store", str(backing_store), "--format", "csv"
    )

    assert (code, err) == (0, "")
    assert out == (
        "group,groupLabel,backer,backerLabel,articles,confidence,minConfidence\n"
        f"{MILITIAS},Iran-backed militias,{IRAN},Iran,1,0.9,\n"
    )
    assert list(csv.reader(io.StringIO(out)))[1][0] == MILITIAS


def test_query_groups_backed_by_as_json(backing_store: Path, capsys) -> None:
    code, out, _ = run(
        capsys, "query", "groups_backed_by", "-p", "backer=ripid:iran", "--store", str(backing_store), "--format", "json"
    )

    assert code == 0
    assert json.loads(out) == [
        {"group": MILITIAS, "groupLabel": "Iran-backed militias", "backer": IRAN, "backerLabel": "Iran", "articles": 1,
         "confidence": 0.9, "minConfidence": None}
    ]


def test_query_min_confidence_filters_weaker_facts(backing_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "query", "groups_backed_by", "-p", "backer=ripid:iran", "-p", "minConfidence=0.95",
                       "--store", str(backing_store), "--format", "csv")
    assert code == 0
    assert out == "group,groupLabel,backer,backerLabel,articles,confidence,minConfidence\n"
    code, out, _ = run(capsys, "query", "groups_backed_by", "-p", "backer=ripid:iran", "-p", "minConfidence=0.9",
                       "--store", str(backing_store), "--format", "csv")
    assert out.splitlines()[1] == f"{MILITIAS},Iran-backed militias,{IRAN},Iran,1,0.9,0.9"


def test_query_for_another_backer_finds_nothing(backing_store: Path, capsys) -> None:
    code, out, _ = run(
        capsys, "query", "groups_backed_by", "-p", "backer=ripid:syria", "--store", str(backing_store), "--format", "csv"
    )

    assert code == 0
    assert out == "group,groupLabel,backer,backerLabel,articles,confidence,minConfidence\n"


@pytest.mark.parametrize("name", ["qui_soutient_qui", "brouillons [v2]/qui.rq"], ids=["name", "path-with-brackets"])
def test_unknown_query_exits_2_listing_the_bundled_names(backing_store: Path, capsys, name: str) -> None:
    bundled = sorted(p.stem for p in (ROOT / "queries").glob("*.rq") if not p.stem.startswith("_"))
    assert "groups_backed_by" in bundled

    code, out, err = run(capsys, "query", name, "--store", str(backing_store))

    assert code == 2
    assert out == ""
    assert one_line(err) == f"error: no query named '{name}': give a .rq file or one of {', '.join(bundled)}"


@READ_COMMANDS
def test_missing_store_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, argv: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "absent"

    code, out, err = run(capsys, *argv, "--store", str(missing))

    assert code == 2
    assert out == ""
    assert one_line(err) == f"error: no Riposte store at {missing} (build one with: riposte build PATH --store {missing})"
    assert not missing.exists()
    assert not (tmp_path / "dump.nq").exists()


@READ_COMMANDS
def test_a_folder_that_is_not_a_store_is_refused_and_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, argv: list[str]
) -> None:
    """A mistyped --store that names an existing folder (``--store ~/Documents``) must not
    turn that folder into a database: only ``riposte build`` creates stores."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "lisez-moi.txt").write_text("rien à voir\n", encoding="utf-8")

    code, out, err = run(capsys, *argv, "--store", str(folder))

    assert code == 2
    assert out == ""
    assert one_line(err) == f"error: no Riposte store at {folder} (build one with: riposte build PATH --store {folder})"
    assert sorted(p.name for p in folder.iterdir()) == ["lisez-moi.txt"]


# --- stats and export --------------------------------------------------------------


def test_stats_prints_the_counts(backing_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "stats", "--store", str(backing_store))

    assert code == 0
    assert out.splitlines() == [
        "articles: 1",
        "entities: 3",
        "  ArmedGroup: 1",
        "  MilitaryBase: 1",
        "  State: 1",
        "events: 1",
        "  Attack: 1",
        "facts: 6",
        "  backedBy: 1",
        "  perpetrator: 1",
        "  struck: 1",
        "  target: 1",
        "  weapon: 1",
        "  wounded: 1",
    ]


def test_export_gexf_validates_against_the_schema(backing_store: Path, tmp_path: Path, capsys) -> None:
    out_file = tmp_path / "gephi" / "reseau.gexf"

    code, _, _ = run(capsys, "export", "--store", str(backing_store), "--format", "gexf", "--out", str(out_file))

    assert code == 0
    schema = etree.RelaxNG(file=str(GEXF_SCHEMA))
    document = etree.parse(str(out_file))
    assert schema.validate(document), schema.error_log
    g = "{http://gexf.net/1.3}"
    edges = {(e.get("source"), e.get("label"), e.get("target")) for e in document.iter(f"{g}edge")}
    assert (MILITIAS, "backedBy", IRAN) in edges
    nodes = {n.get("id"): n.get("label") for n in document.iter(f"{g}node")}
    assert nodes[MILITIAS] == "Iran-backed militias"
    assert nodes[IRAN] == "Iran"


def test_export_nquads_round_trips_every_quad(backing_store: Path, tmp_path: Path, capsys) -> None:
    out_file = tmp_path / "dump.nq"

    code, _, _ = run(capsys, "export", "--store", str(backing_store), "--format", "nquads", "--out", str(out_file))

    assert code == 0
    parsed = list(ox.parse(path=str(out_file), format=ox.RdfFormat.N_QUADS))
    expected = store_size(backing_store)
    assert expected > 100
    assert len(parsed) == expected
    assert len(set(parsed)) == expected


# --- the installed console script --------------------------------------------------


def test_console_script_help_lists_the_subcommands() -> None:
    script = Path(sys.executable).with_name("riposte")
    assert script.is_file(), f"console script not installed next to {sys.executable}"

    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: riposte [-h] {build,query,export,evaluate,stats,explain,serve} ...\n")
    for command in ("build", "query", "export", "evaluate", "stats", "explain", "serve"):
        assert any(line.split()[:1] == [command] for line in done.stdout.splitlines()), command
