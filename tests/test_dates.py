"""Dates resolved against the publication date; without one, only what is certain."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.extract.dates import find_dates, resolve

FRIDAY = dt.date(2024, 2, 2)


@pytest.mark.parametrize("expression,published,expected", [
    ("mardi", FRIDAY, dt.date(2024, 1, 30)),
    ("vendredi", FRIDAY, FRIDAY),            # the publication day itself
    ("hier", FRIDAY, dt.date(2024, 2, 1)),
    ("avant-hier", FRIDAY, dt.date(2024, 1, 31)),
    ("3 décembre", FRIDAY, dt.date(2023, 12, 3)),   # the last 3 December before publication
    ("dimanche 28 janvier", FRIDAY, dt.date(2024, 1, 28)),
    ("28 janvier 2024", None, dt.date(2024, 1, 28)),
    ("3 décembre", None, None),              # no year to anchor it: left unresolved, not guessed
    ("mardi", None, None),
])
def test_resolve(expression, published, expected):
    assert resolve(expression, published) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,published,expected", [
    ("Les tirs ont visé jeudi soir la base d'al-Tanf, a indiqué un responsable.", FRIDAY, [dt.date(2024, 2, 1)]),
    ("Selon l'armée, la frappe menée le 3 décembre près de Kirkouk a tué cinq combattants.", FRIDAY, [dt.date(2023, 12, 3)]),
    ("Depuis le 17 octobre, les bases américaines ont été visées plus de 60 fois.", FRIDAY, []),  # a period, not a day
    ("L'attaque de dimanche 28 janvier a tué trois soldats.", None, [None]),
])
def test_dates_in_the_middle_of_a_sentence(nlp, text, published, expected):
    doc = nlp(text)
    values = [m.value for sent in doc.sents for m in find_dates(sent, published)]
    assert values == expected
