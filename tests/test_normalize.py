"""Text normalisation: exact outputs for the French typography and page debris we meet."""

from __future__ import annotations

import pytest

from builder.normalize import compose, normalize_text, normalize_title, split_title


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # typographic apostrophes of every kind become ASCII '
        ("l\u2019Iran, l\u02bcIrak, l\u2018Onu, l\u2032armée", "l'Iran, l'Irak, l'Onu, l'armée"),
        # guillemets kept; their no-break / narrow no-break spaces become plain spaces
        ("des «\u00a0frappes de précision\u202f»", "des « frappes de précision »"),
        ("“\u00a0Notre réponse a commencé\u00a0”", "“ Notre réponse a commencé ”"),
        # French spaces before : ; ! ?
        ("Washington\u202f: «\u202fjamais\u202f!\u202f»\u00a0; vraiment\u2009?", "Washington : « jamais ! » ; vraiment ?"),
        # thousands separators
        ("2\u202f500 soldats et 900\u00a0autres", "2 500 soldats et 900 autres"),
        # zero-width characters, BOM and soft hyphens vanish
        ("Da\u200bech\u2060 et l\u2019anti\u00adjihadisme\ufeff", "Daech et l'antijihadisme"),
        # runs of spaces and tabs, stripped lines
        ("  Un \t drone   a   frappé.  \n\t la base  ", "Un drone a frappé.\nla base"),
        # CRLF and CR line ends
        ("Titre\r\n\r\nCorps\rsuite", "Titre\n\nCorps\nsuite"),
        # three or more newlines: one blank line between paragraphs
        ("Un.\n\n\n\n\nDeux.\n \n\t\n\nTrois.", "Un.\n\nDeux.\n\nTrois."),
        # NFC: a decomposed é becomes the precomposed one
        ("Bagdad a e\u0301te\u0301 frappe\u0301e", "Bagdad a été frappée"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_repeated_paragraphs_are_dropped() -> None:
    first = "Une nouvelle attaque de drone a visé mercredi la base."
    second = "« Aucune victime », a précisé cette source."
    raw = f"{first}\n{second}\nMarie Dupont, avec AFP\n{first}\n{second.replace(' ', '  ')}\nMarie Dupont, avec AFP\n"
    assert normalize_text(raw) == f"{first}\n{second}\nMarie Dupont, avec AFP"


def test_repeat_in_its_own_paragraph_leaves_one_blank_line() -> None:
    assert normalize_text("Un.\n\nDeux.\n\nUn.\n\nTrois.") == "Un.\n\nDeux.\n\nTrois."


@pytest.mark.parametrize(
    "furniture",
    ["©Photo Patrick Baz/AFP", "Photo : AFP", "Crédit photo : Reuters", "Lire aussi", "À lire aussi : Frappes en Syrie",
     "Commentaires", "Commentaires (12)", "Partager"],
)
def test_page_furniture_lines_are_dropped(furniture: str) -> None:
    assert normalize_text(f"{furniture}\nLe drone a frappé la base.\n{furniture}") == "Le drone a frappé la base."


def test_sentences_that_merely_mention_photos_or_comments_stay() -> None:
    text = "Les commentaires du ministre ont suivi.\nLa photo publiée montre le site."
    assert normalize_text(text) == text


def test_normalize_title() -> None:
    assert normalize_title("  Frappes\u00a0en\nIrak\u2019 ") == "Frappes en Irak'"
    assert normalize_title(" \u200b ") is None
    assert normalize_title(None) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Frappes en Irak\nLe Pentagone a annoncé.\nSuite.", ("Frappes en Irak", "Le Pentagone a annoncé.\nSuite.")),
        ("\n\n  Frappes en Irak  \n\n\nLe Pentagone a annoncé.\n", ("Frappes en Irak", "Le Pentagone a annoncé.")),
        ("Frappes en Irak", ("Frappes en Irak", "")),
        ("", (None, "")),
        (" \n\t\n", (None, "")),
    ],
)
def test_split_title(raw: str, expected: tuple[str | None, str]) -> None:
    assert split_title(raw) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("Frappes en Irak", "Le Pentagone a annoncé.", "Frappes en Irak\n\nLe Pentagone a annoncé."),
        (None, "Le Pentagone a annoncé.", "Le Pentagone a annoncé."),
        ("", "Le Pentagone a annoncé.", "Le Pentagone a annoncé."),
        # the body already opens with the title (an HTML page's <h1>): not repeated
        ("Frappes en Irak", "Frappes en Irak\nLe Pentagone a annoncé.", "Frappes en Irak\n\nLe Pentagone a annoncé."),
        ("Frappes en Irak", "Frappes en Irak", "Frappes en Irak"),
        # a body that only begins with the same words keeps the title
        ("Frappes", "Frappes en Irak ce mardi.", "Frappes\n\nFrappes en Irak ce mardi."),
        ("Frappes en Irak", "", "Frappes en Irak"),
    ],
)
def test_compose(title: str | None, body: str, expected: str) -> None:
    assert compose(title, body) == expected
