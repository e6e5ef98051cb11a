"""Clean article text before anything reads it, and put title and body together.

Everything downstream (sentence splitting, gazetteer matching, character offsets)
reads the text these functions return, so they are pure and deterministic: the same
input gives the same text, byte for byte, on every run.

French typography is kept (« », “ ”, accents, the ``'`` of elisions), but its
invisible characters are not: news sites put U+00A0 / U+202F inside guillemets and
before ``: ; ! ?``, copy-paste adds zero-width spaces and soft hyphens, and
agencies' pages often repeat the whole body.  Those would split tokens and double
every fact, so they go.
"""

from __future__ import annotations

import re
import unicodedata

# Every apostrophe-like mark becomes ASCII ' so that "l'Iran" and "l’Iran" match the
# same gazetteer entry.  Guillemets and double quotes are left as they are.
_APOSTROPHES = {"\u2019": "'", "\u02bc": "'", "\u2018": "'", "\u2032": "'"}
# Invisible: soft hyphen, zero-width space / non-joiner / joiner, word joiner, BOM.
_INVISIBLE = {ch: None for ch in "\u00ad\u200b\u200c\u200d\u2060\ufeff"}
# Horizontal spaces that are not U+0020: tab, no-break, narrow no-break (the French
# one), figure, thin, hair, em/en spaces, ideographic, Ogham, mathematical.
_SPACES = {ch: " " for ch in "\t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))}
# Line and paragraph separators other than \n (\r and \r\n are handled first).
_BREAKS = {"\u2028": "\n", "\x85": "\n", "\x0b": "\n", "\u2029": "\n\n", "\x0c": "\n\n"}
_TRANSLATION = str.maketrans({**_APOSTROPHES, **_INVISIBLE, **_SPACES, **_BREAKS})

# Control characters left after the translation (C0 but \n, DEL, C1) carry no text;
# C1 ones are the usual trace of a file decoded with the wrong codec.
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_SPACE_RUNS = re.compile(r" {2,}")
_BLANK_RUNS = re.compile(r"\n{3,}")

# Lines that are page furniture rather than the article: photo credits and the
# "read also" / comments links that follow a saved page.  They name people and
# agencies (Patrick Baz, AFP) that the article does not talk about.
_BOILERPLATE = re.compile(
    r"""^(?:
        ©.*                                          # ©Photo Patrick Baz/AFP
      | \(c\)\s.*
      | (?:crédits?\s+)?(?:photos?|l[ée]gende|illustration|infographie|vid[ée]o)\s*:.*   # Photo : AFP, Légende : ...
      | crédits?\s*:.*
      | (?:à\s+)?(?:lire|voir|relire)\s+(?:aussi|également)\b.*
      | commentaires?\s*(?:\(\d+\))?
      | partager(?:\s+(?:l'article|cet\s+article))?
      | publicité
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def normalize_text(text: str) -> str:
    r"""Return ``text`` in the form every later stage reads (and offsets point into).

    Unicode NFC; typographic apostrophes become ``'``; no-break, thin and other
    spaces become a plain space and zero-width characters and soft hyphens go;
    runs of spaces collapse; each line is stripped; ``\r\n`` and ``\r`` become
    ``\n``; paragraphs are separated by exactly one blank line.  A line that
    repeats an earlier line of the same text is dropped (saved agency pages often
    hold the body twice), and so are photo-credit and "Lire aussi" /
    "Commentaires" lines.

    >>> normalize_text("L\u2019armée  a\u00a0frappé «\u202fAïn al-Assad\u202f»\u202f!")
    "L'armée a frappé « Aïn al-Assad » !"
    >>> normalize_text("Un drone\u200b a visé\r\nla base.\r\n\r\n\r\n\r\nSuite.")
    'Un drone a visé\nla base.\n\nSuite.'
    >>> normalize_text("Même paragraphe.\n\nAutre.\n\nMême  paragraphe.")
    'Même paragraphe.\n\nAutre.'
    >>> normalize_text("©Photo Patrick Baz/AFP\nLe texte.\nLire aussi\nCommentaires")
    'Le texte.'
    >>> normalize_text("anti\u00adjihadiste")
    'antijihadiste'
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATION)
    text = _SPACE_RUNS.sub(" ", _CONTROLS.sub("", text))
    kept: list[str] = []
    seen: set[str] = set()
    for line in text.split("\n"):
        line = line.strip()
        if line and (line in seen or _BOILERPLATE.match(line)):
            continue  # drop the line itself; the blank lines around it collapse below
        if line:
            seen.add(line)
        kept.append(line)
    return _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip("\n")


def normalize_title(title: str | None) -> str | None:
    r"""Normalise a title like the text, on one line; ``None`` when nothing is left.

    >>> normalize_title("  Frappes\u00a0américaines\n en Irak ")
    'Frappes américaines en Irak'
    >>> normalize_title("\u200b") is None
    True
    """
    if title is None:
        return None
    return " ".join(normalize_text(title).split()) or None


def split_title(raw: str) -> tuple[str | None, str]:
    r"""Split a plain-text article: the first non-empty line is the title, the rest the body.

    >>> split_title("\n  Frappes en Irak \n\nLe Pentagone a annoncé...\n")
    ('Frappes en Irak', 'Le Pentagone a annoncé...')
    >>> split_title("Une seule ligne")
    ('Une seule ligne', '')
    >>> split_title(" \n ")
    (None, '')
    """
    lines = raw.split("\n")
    for index, line in enumerate(lines):
        if line.strip():
            return line.strip(), "\n".join(lines[index + 1 :]).strip()
    return None, ""


def compose(title: str | None, body: str) -> str:
    r"""Return the text as stored and extracted: title, a blank line, then the body.

    The body alone when there is no title.  When the body already opens with the
    title as its own line (HTML extraction keeps the ``<h1>``), that line is not
    repeated.

    >>> compose("Frappes en Irak", "Le Pentagone a annoncé...")
    'Frappes en Irak\n\nLe Pentagone a annoncé...'
    >>> compose(None, "Le Pentagone a annoncé...")
    'Le Pentagone a annoncé...'
    >>> compose("Frappes en Irak", "Frappes en Irak\nLe Pentagone a annoncé...")
    'Frappes en Irak\n\nLe Pentagone a annoncé...'
    >>> compose("Frappes en Irak", "")
    'Frappes en Irak'
    """
    if not title:
        return body
    first_line, _, rest = body.partition("\n")
    if first_line == title:
        body = rest.strip("\n")
    return f"{title}\n\n{body}" if body else title
