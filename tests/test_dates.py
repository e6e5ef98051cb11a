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
    # "la veille" and "le lendemain" count from the other day of the sentence
    ("Le groupe a démenti mercredi être l'auteur du tir qui a visé la veille la base.", FRIDAY,
     [dt.date(2024, 1, 31), dt.date(2024, 1, 30)]),
    ("La frappe du 3 décembre a été suivie le lendemain par une attaque de drone.", FRIDAY,
     [dt.date(2023, 12, 3), dt.date(2023, 12, 4)]),
    ("Le tir a eu lieu la veille, selon la police.", FRIDAY, [None]),  # nothing to count from
    ("Au lendemain des tirs, l'armée a fermé la route.", FRIDAY, []),  # relative to an event, not a day
])
def test_dates_in_the_middle_of_a_sentence(nlp, text, published, expected):
    doc = nlp(text)
    values = [m.value for sent in doc.sents for m in find_dates(sent, published)]
    assert values == expected
