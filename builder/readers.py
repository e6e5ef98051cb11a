"""Read the user's inputs (.txt, saved .html pages, .jsonl) into ``Article`` records.

Reading never raises for a bad input: a file or JSONL line that cannot be used
becomes a ``SkippedInput`` with a one-line reason, and the rest is still read.
Text is never guessed: a file that is not UTF-8 is refused with a hint rather than
decoded as Latin-1, because ``Article.sha256`` is taken over the bytes as given
and a wrong guess would silently corrupt names (HTML pages are the exception:
their ``<meta charset>`` says how to decode them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Union

import trafilatura  # imports in ~0.1 s, so no need to defer it

from builder.normalize import compose, normalize_text, normalize_title, split_title
from builder.records import Article, SkippedInput
from builder.structure import split_furniture

Record = Union[Article, SkippedInput]

_FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
_EXPECTED = "expected .txt, .html or .jsonl"
# PDF, zip (also .docx/.odt), PNG, GIF, JPEG, gzip, OLE (.doc/.xls).
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"\xd0\xcf\x11\xe0")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
# In Latin-1/CP1252 French, accented bytes stand alone between ASCII letters; long
# runs of high bytes point to some other encoding (CJK, or binary data).
_HIGH_BYTE_RUN = re.compile(rb"[\x80-\xff]{4,}")
_JSON_TYPES = {
    dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean"
}


class _Unusable(Exception):
    """A whole file, or one JSONL line, cannot be read; the message is the reason."""


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Record]:
    """Read every path in order: a file, or a folder walked recursively in sorted order.

    Folders contribute only their .txt/.html/.htm/.jsonl files, hidden ones left
    out; a file named explicitly with another extension is reported as skipped.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _read_folder(path)
        elif not path.exists():
            yield SkippedInput(os.fspath(given), "no such file or directory")
        else:
            yield from read_file(path, source=os.fspath(given))


def find_input_files(folder: Path) -> tuple[list[Path], list[SkippedInput]]:
    """The input files under ``folder``, sorted by path, and the subfolders that could not be listed.

    Hidden files and folders (``.git``, ``.cache.txt``) are left out, and so is any
    file that is not .txt, .html, .htm or .jsonl.
    """
    found: list[Path] = []
    unlistable: list[SkippedInput] = []

    def report(error: OSError) -> None:
        unlistable.append(SkippedInput(str(error.filename), f"cannot read folder: {error.strerror or error}"))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=report):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        here = Path(dirpath)
        found.extend(
            here / name
            for name in filenames
            if not name.startswith(".") and Path(name).suffix.lower() in _FORMATS and (here / name).is_file()
        )
    found.sort(key=lambda file: file.relative_to(folder).parts)
    return found, unlistable


def read_file(path: str | Path, source: str | None = None) -> list[Record]:
    """Read one file into its articles (one, or one per JSONL line) and skipped inputs.

    ``source`` is how the user named the file (default: ``str(path)``); an HTML page
    that carries its URL, or a JSONL line that has one, is sourced by that URL.
    """
    path = Path(path)
    source = os.fspath(path) if source is None else source
    fmt = _FORMATS.get(path.suffix.lower())
    try:
        if fmt is None:
            raise _Unusable(_unsupported(path))
        data = _read_bytes(path)
        if fmt == "txt":
            return [_txt_article(data, path, source)]
        if fmt == "html":
            return [_html_article(data, path, source)]
        return _jsonl_records(data, path, source)
    except _Unusable as problem:
        return [SkippedInput(source, str(problem))]


def parse_iso_date(value: str) -> dt.date:
    """Parse an ISO 8601 date, or a full ISO datetime whose date is kept as written.

    >>> parse_iso_date("2024-02-02"), parse_iso_date("2024-02-03T10:00:00Z")
    (datetime.date(2024, 2, 2), datetime.date(2024, 2, 3))
    """
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    if text[-1:] in ("Z", "z"):  # Python 3.10's fromisoformat does not know "Z"
        text = text[:-1] + "+00:00"
    return dt.datetime.fromisoformat(text).date()


# --- whole files -----------------------------------------------------------------


def _read_folder(folder: Path) -> Iterator[Record]:
    files, unlistable = find_input_files(folder)
    yield from unlistable
    if not files and not unlistable:
        yield SkippedInput(str(folder), f"no input files in this folder ({_EXPECTED})")
    for file in files:
        yield from read_file(file)


def _unsupported(path: Path) -> str:
    if not path.suffix:
        return f"unsupported file type: no extension ({_EXPECTED})"
    return f"unsupported file type '{path.suffix}' ({_EXPECTED})"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _Unusable("no such file or directory") from None
    except OSError as error:
        raise _Unusable(f"cannot read file: {error.strerror or error}") from None


def _check_bytes(data: bytes) -> None:
    """Refuse what is not a text file at all, whatever its extension says."""
    if not data:
        raise _Unusable("empty file")
    if data.startswith(_UTF16_BOMS):
        raise _Unusable(
            "not UTF-8: the file is UTF-16 (it starts with a UTF-16 byte-order mark) — re-save it as UTF-8"
        )
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data:
        raise _Unusable("binary file, not text")
    if not data.strip():
        raise _Unusable("no text (the file holds only whitespace)")


def _decode_utf8(data: bytes) -> str:
    """Decode strictly as UTF-8 (a leading BOM is accepted); never guess another codec."""
    _check_bytes(data)
    bom = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = bom + error.start
        if _looks_like_cp1252(data[bom:]):
            hint = "; it looks like Latin-1/CP1252 — re-save it as UTF-8"
        else:
            hint = " — re-save it as UTF-8"
        raise _Unusable(f"not UTF-8: invalid byte 0x{data[offset]:02x} at offset {offset}{hint}") from None
    if not text.strip():
        raise _Unusable("no text (the file holds only whitespace)")
    return text


def _looks_like_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return _HIGH_BYTE_RUN.search(data) is None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _with_furniture(title: str | None, body: str, year: int | None = None) -> dict:
    """The article's text (title, blank line, body) once bylines, datelines, update lines
    and live-page stamps are out of the body, with the furniture, and the offsets in that
    text of the day headings and chronology entries: ``Article`` fields."""
    first_line, _, rest = body.partition("\n")
    if title and first_line == title:
        body = rest  # a page that repeats its <h1>: the dateline opens the line after it
    body, furniture, days, entries = split_furniture(body, year)
    text = compose(title, body)
    shift = len(text) - len(body)
    return {"text": text, "furniture": furniture, "day_headings": tuple((shift + o, day) for o, day in days),
            "entries": tuple((shift + o, day) for o, day in entries)}


def _txt_article(data: bytes, path: Path, source: str) -> Article:
    title, body = split_title(normalize_text(_decode_utf8(data)))
    if title is None:
        raise _Unusable("no text left once invisible characters and page furniture are removed")
    return Article(sha256=_sha256(data), source=source, title=title, path=path, **_with_furniture(title, body))


def _html_article(data: bytes, path: Path, source: str) -> Article:
    _check_bytes(data)
    # trafilatura decodes by <meta charset>, else by guessing; it refuses a bare
    # fragment ("<p>…</p>" saved alone) unless it is wrapped in a document.
    tree = trafilatura.load_html(data)
    if tree is None:
        tree = trafilatura.load_html(b"<html><body>" + data + b"</body></html>")
    if tree is None:
        raise _Unusable("no article text found in the HTML page")
    lang = (tree.get("lang") or "").strip() or None  # read before extraction prunes the tree
    document = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False)
    body = normalize_text(document.text or "") if document is not None else ""
    if not body:
        raise _Unusable("no article text found in the HTML page")
    title = normalize_title(document.title)
    url = document.url if document.url and document.url.startswith(("http://", "https://")) else None
    published = _html_date(document.date)
    layout = _with_furniture(title, body, published.year if published else None)
    if layout["text"] == (title or ""):
        raise _Unusable("no article text found in the HTML page")
    return Article(
        sha256=_sha256(data),
        source=url or source,
        title=title,
        published=published,
        lang=lang,
        path=path,
        url=url,
        **layout,
    )


def _html_date(value: str | None) -> dt.date | None:
    try:
        return parse_iso_date(value) if value else None
    except ValueError:
        return None


# --- JSONL -----------------------------------------------------------------------


def _jsonl_records(data: bytes, path: Path, source: str) -> list[Record]:
    records: list[Record] = []
    # Split on \n only: JSON strings may hold a raw U+2028, which splitlines() breaks on.
    for lineno, line in enumerate(_decode_utf8(data).split("\n"), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{lineno}"
        try:
            records.append(_jsonl_article(line, path, line_source))
        except _Unusable as problem:
            records.append(SkippedInput(line_source, str(problem)))
    return records


def _jsonl_article(line: str, path: Path, line_source: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise _Unusable(f"invalid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise _Unusable(f"expected a JSON object, got {_json_type(record)}")
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise _Unusable(f"'text' must be a string, got {_json_type(text)}")
    body = normalize_text(text or "")
    if not body:
        raise _Unusable("missing or empty 'text' field")
    try:
        sha256 = _sha256(text.encode("utf-8"))
    except UnicodeEncodeError as error:  # json.loads lets a lone "\ud83d" through
        raise _Unusable(f"'text' holds an unpaired surrogate at character {error.start}") from None
    title, url, lang = (_optional_string(record, key) for key in ("title", "url", "lang"))
    title = normalize_title(title)
    published, month = _published(record.get("published"))
    year = published.year if published else int(month[:4]) if month else None
    layout = _with_furniture(title, body, year)
    if layout["text"] == (title or ""):
        raise _Unusable("'text' holds only page furniture (bylines, update lines)")
    return Article(
        sha256=sha256,
        source=url or line_source,
        title=title,
        published=published,
        lang=lang,
        path=path,
        url=url,
        published_month=month,
        **layout,
    )


def _optional_string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Unusable(f"'{key}' must be a string, got {_json_type(value)}")
    return value.strip() or None


_MONTH_ONLY = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def _published(value: Any) -> tuple[dt.date | None, str | None]:
    """(publication day, None), or (None, "YYYY-MM") when only the month is given."""
    if value is None or value == "":
        return None, None
    if isinstance(value, str) and _MONTH_ONLY.match(value.strip()):
        return None, value.strip()
    try:
        if not isinstance(value, str):
            raise ValueError
        return parse_iso_date(value), None
    except ValueError:
        raise _Unusable(f"'published' is not an ISO date (YYYY-MM-DD, or YYYY-MM for a month): {value!r}") from None


def _json_type(value: Any) -> str:
    return "null" if value is None else _JSON_TYPES.get(type(value), type(value).__name__)
