"""Reading .txt, .html and .jsonl inputs: exact articles, and exact reasons for what is skipped."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest

from builder.readers import find_input_files, parse_iso_date, read_file, read_inputs
from builder.records import Article, SkippedInput

TITLE = "Une attaque de drone vise la base d\u2019Aïn al-Assad"
BODY = "Un drone a visé mercredi la base aérienne, a indiqué un responsable.\n«\u00a0Aucune victime\u00a0», a-t-il précisé."
BODY_NORMALISED = "Un drone a visé mercredi la base aérienne, a indiqué un responsable.\n« Aucune victime », a-t-il précisé."
TITLE_NORMALISED = "Une attaque de drone vise la base d'Aïn al-Assad"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_one(path: Path | str) -> Article | SkippedInput:
    [record] = read_inputs([path])
    return record


def reason(path: Path | str) -> str:
    record = read_one(path)
    assert isinstance(record, SkippedInput), record
    return record.reason


# --- .txt --------------------------------------------------------------------


def test_txt_article(tmp_path: Path) -> None:
    data = f"{TITLE}\r\n{BODY}\r\n{BODY}\r\n".encode()
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert read_one(path) == Article(
        text=f"{TITLE_NORMALISED}\n\n{BODY_NORMALISED}",
        sha256=sha256(data),
        source=str(path),
        title=TITLE_NORMALISED,
        path=path,
    )


def test_txt_source_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Titre\nCorps.", encoding="utf-8")
    article = read_one("./a.txt")
    assert (article.source, article.path) == ("./a.txt", Path("a.txt"))


def test_txt_with_utf8_bom(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + "Frappes en Irak\nBagdad a été frappée.".encode()
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    article = read_one(path)
    assert (article.title, article.text, article.sha256) == (
        "Frappes en Irak", "Frappes en Irak\n\nBagdad a été frappée.", sha256(data)
    )


def test_txt_title_only(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("  Frappes en Irak  \n", encoding="utf-8")
    article = read_one(tmp_path / "t.txt")
    assert (article.title, article.text) == ("Frappes en Irak", "Frappes en Irak")


def test_sample_article_with_repeated_body_is_read_once() -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    [path] = corpus.glob("004_*.txt")
    article = read_one(path)
    assert article.text.count("Aucune victime et aucun dommage") == 1
    assert "©Photo" not in article.text and not article.text.endswith("Commentaires")
    assert article.sha256 == sha256(path.read_bytes())


# --- whole-file problems -------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  \n", "no text (the file holds only whitespace)"),
        (b"\xef\xbb\xbf \n", "no text (the file holds only whitespace)"),
        ("\u00a0\n\u202f".encode(), "no text (the file holds only whitespace)"),
        (b"%PDF-1.4\x00\x01\x02 stream", "binary file, not text"),
        (b"PK\x03\x04\x14\x00", "binary file, not text"),
        (b"\x89PNG\r\n\x1a\n", "binary file, not text"),
        (b"Titre\nCorps\x00 du texte", "binary file, not text"),
        ("Titre".encode("utf-16"), "not UTF-8: the file is UTF-16 (it starts with a UTF-16 byte-order mark) — re-save it as UTF-8"),
        (
            "Frappe\nBagdad a été frappée".encode("latin-1"),
            "not UTF-8: invalid byte 0xe9 at offset 16; it looks like Latin-1/CP1252 — re-save it as UTF-8",
        ),
        # bytes undefined in CP1252 (0x81) rule that guess out
        (b"Frappe\nBagdad \x81 frapp\xc3", "not UTF-8: invalid byte 0x81 at offset 14 — re-save it as UTF-8"),
    ],
)
def test_unusable_txt_files(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    assert reason(path) == expected
    assert str(read_one(path)) == f"{path}: {expected}"


def test_latin1_offset_counts_from_the_start_of_the_file_with_a_bom(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"\xef\xbb\xbfBagdad a \xe9t\xe9")
    assert reason(tmp_path / "x.txt").startswith("not UTF-8: invalid byte 0xe9 at offset 12;")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.txt"
    path.write_text("Titre\nCorps.", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert reason(path) == "cannot read file: Permission denied"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_by_mode(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("Titre\nCorps.", encoding="utf-8")
    path.chmod(0)
    try:
        assert reason(path) == "cannot read file: Permission denied"
    finally:
        path.chmod(0o644)


def test_read_file_on_a_directory_named_like_a_text_file(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()
    assert read_file(tmp_path / "x.txt") == [SkippedInput(str(tmp_path / "x.txt"), "cannot read file: Is a directory")]


def test_unsupported_extension(tmp_path: Path) -> None:
    (tmp_path / "rapport.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "README").write_text("x", encoding="utf-8")
    assert reason(tmp_path / "rapport.pdf") == "unsupported file type '.pdf' (expected .txt, .html or .jsonl)"
    assert reason(tmp_path / "README") == "unsupported file type: no extension (expected .txt, .html or .jsonl)"


def test_missing_path() -> None:
    assert read_one("nulle/part.txt") == SkippedInput("nulle/part.txt", "no such file or directory")


# --- folders ------------------------------------------------------------------


def test_folder_walk_order_and_filtering(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    for name in ["b.txt", "a.TXT", "sub/c.html", "sub/deeper/d.jsonl", "a-z.htm", ".cache.txt", ".git/e.txt",
                 "notes.md", "scan.pdf"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"x")
    files, unlistable = find_input_files(root)
    assert [file.relative_to(root).as_posix() for file in files] == [
        "a-z.htm", "a.TXT", "b.txt", "sub/c.html", "sub/deeper/d.jsonl"
    ]
    assert unlistable == []


def test_folder_sources_join_the_given_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "b.txt").write_text("B\nCorps b.", encoding="utf-8")
    (tmp_path / "in" / "a.txt").write_text("A\nCorps a.", encoding="utf-8")
    (tmp_path / "in" / "vide.txt").write_bytes(b"")
    records = list(read_inputs(["./in/"]))
    assert [(type(r).__name__, r.source) for r in records] == [
        ("Article", "in/a.txt"), ("Article", "in/sub/b.txt"), ("SkippedInput", "in/vide.txt")
    ]
    assert str(records[2]) == "in/vide.txt: empty file"


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    assert list(read_inputs([tmp_path])) == [
        SkippedInput(str(tmp_path), "no input files in this folder (expected .txt, .html or .jsonl)")
    ]


# --- .jsonl -------------------------------------------------------------------


def test_jsonl_lines_are_articles_and_a_bad_line_is_skipped(tmp_path: Path) -> None:
    first = {"text": BODY, "title": TITLE, "url": "https://example.org/1", "published": "2024-02-02", "lang": "fr"}
    third = {"text": "Bagdad a été frappée mardi."}
    path = tmp_path / "lot.jsonl"
    path.write_text(
        json.dumps(first, ensure_ascii=False) + '\n{"text": "x" "title": "y"}\n\n' + json.dumps(third) + "\n",
        encoding="utf-8",
    )
    records = list(read_inputs([path]))
    assert records == [
        Article(
            text=f"{TITLE_NORMALISED}\n\n{BODY_NORMALISED}",
            sha256=sha256(BODY.encode("utf-8")),
            source="https://example.org/1",
            title=TITLE_NORMALISED,
            published=dt.date(2024, 2, 2),
            lang="fr",
            path=path,
            url="https://example.org/1",
        ),
        SkippedInput(f"{path}:2", "invalid JSON (Expecting ',' delimiter at column 14)"),
        Article(
            text="Bagdad a été frappée mardi.",
            sha256=sha256("Bagdad a été frappée mardi.".encode()),
            source=f"{path}:4",
            path=path,
        ),
    ]
    assert str(records[1]) == f"{path}:2: invalid JSON (Expecting ',' delimiter at column 14)"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"title": "Sans texte"}', "missing or empty 'text' field"),
        ('{"text": ""}', "missing or empty 'text' field"),
        ('{"text": " \\u200b\\n "}', "missing or empty 'text' field"),
        ('{"text": 42}', "'text' must be a string, got a number"),
        ('{"text": "Corps.", "url": ["a"]}', "'url' must be a string, got an array"),
        ('["text"]', "expected a JSON object, got an array"),
        ('{"text": "Corps.", "published": "2 fév"}', "'published' is not an ISO date (YYYY-MM-DD, or YYYY-MM for a month): '2 fév'"),
        ('{"text": "Corps.", "published": 20240202}', "'published' is not an ISO date (YYYY-MM-DD, or YYYY-MM for a month): 20240202"),
        ('{"text": "Corps.\\ud83d"}', "'text' holds an unpaired surrogate at character 6"),
        ('{"text": "Corps."', "invalid JSON (Expecting ',' delimiter at column 18)"),
    ],
)
def test_bad_jsonl_lines(tmp_path: Path, line: str, expected: str) -> None:
    path = tmp_path / "lot.jsonl"
    path.write_text('{"text": "Première ligne."}\n' + line + "\n", encoding="utf-8")
    first, second = read_inputs([path])
    assert isinstance(first, Article) and first.source == f"{path}:1"
    assert second == SkippedInput(f"{path}:2", expected)


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2024-02-02", dt.date(2024, 2, 2)), ("2024-02-03T10:00:00Z", dt.date(2024, 2, 3)),
     ("2024-02-03T23:30:00-05:00", dt.date(2024, 2, 3)), (None, None), ("", None)],
)
def test_jsonl_published(tmp_path: Path, published: str | None, expected: dt.date | None) -> None:
    path = tmp_path / "lot.jsonl"
    path.write_text(json.dumps({"text": "Corps.", "published": published}), encoding="utf-8")
    assert read_one(path).published == expected


def test_jsonl_keeps_a_raw_line_separator_inside_a_string(tmp_path: Path) -> None:
    path = tmp_path / "lot.jsonl"
    path.write_text('{"text": "Un drone\u2028a frappé."}\r\n{"text": "Deux."}\r\n', encoding="utf-8")
    assert [r.text for r in read_inputs([path])] == ["Un drone\na frappé.", "Deux."]


def test_jsonl_whole_file_problems(tmp_path: Path) -> None:
    (tmp_path / "vide.jsonl").write_bytes(b"\n\n")
    (tmp_path / "latin.jsonl").write_bytes('{"text": "été"}'.encode("latin-1"))
    assert reason(tmp_path / "vide.jsonl") == "no text (the file holds only whitespace)"
    assert reason(tmp_path / "latin.jsonl") == (
        "not UTF-8: invalid byte 0xe9 at offset 10; it looks like Latin-1/CP1252 — re-save it as UTF-8"
    )


# --- .html --------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Un drone frappe un dépôt de carburant à Valmont | Le Courrier du Sud</title>
<meta property="article:published_time" content="2024-02-03T10:00:00Z">
<link rel="canonical" href="https://example.org/a">
</head>
<body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Un drone frappe un dépôt de carburant à Valmont</h1>
<p>Un drone chargé d’explosifs a frappé samedi matin un dépôt de carburant à la périphérie de Valmont, selon les autorités locales.</p>
<p>Le gouverneur de la province a indiqué qu’aucune victime n’était à déplorer, mais que l’incendie avait duré plusieurs heures.</p>
<p>Aucun groupe n’a revendiqué l’attaque, la troisième visant cette zone industrielle depuis le début de l’année.</p>
</article>
<footer>© Le Courrier du Sud</footer>
</body>
</html>
"""


def test_html_page(tmp_path: Path) -> None:
    data = PAGE.encode("utf-8")
    path = tmp_path / "page.html"
    path.write_bytes(data)
    title = "Un drone frappe un dépôt de carburant à Valmont"
    assert read_one(path) == Article(
        text=(
            f"{title}\n\n"
            "Un drone chargé d'explosifs a frappé samedi matin un dépôt de carburant à la périphérie de Valmont, "
            "selon les autorités locales.\n"
            "Le gouverneur de la province a indiqué qu'aucune victime n'était à déplorer, mais que l'incendie "
            "avait duré plusieurs heures.\n"
            "Aucun groupe n'a revendiqué l'attaque, la troisième visant cette zone industrielle depuis le début "
            "de l'année."
        ),
        sha256=sha256(data),
        source="https://example.org/a",
        title=title,
        published=dt.date(2024, 2, 3),
        lang="fr",
        path=path,
        url="https://example.org/a",
    )


def test_html_page_in_its_declared_charset_without_url(tmp_path: Path) -> None:
    data = (
        PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
        .replace('<link rel="canonical" href="https://example.org/a">', "")
        .replace("’", "'")
        .encode("cp1252")
    )
    path = tmp_path / "page.htm"
    path.write_bytes(data)
    article = read_one(path)
    assert (article.source, article.url, article.sha256) == (str(path), None, sha256(data))
    assert "Un drone chargé d'explosifs a frappé samedi matin" in article.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<html><head><title>Vide</title></head><body></body></html>", "no article text found in the HTML page"),
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n", "binary file, not text"),
    ],
)
def test_unusable_html(tmp_path: Path, data: bytes, expected: str) -> None:
    (tmp_path / "page.html").write_bytes(data)
    assert reason(tmp_path / "page.html") == expected


def test_parse_iso_date_refuses_free_text() -> None:
    with pytest.raises(ValueError):
        parse_iso_date("2 février 2024")
