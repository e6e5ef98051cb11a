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


@pytest.mark.parametrize("expression,published,expected", [
    ("vendredi dernier", FRIDAY, dt.date(2024, 1, 26)),     # said on a Friday: a week ago
    ("lundi dernier", FRIDAY, dt.date(2024, 1, 29)),
    ("2 février dernier", FRIDAY, dt.date(2023, 2, 2)),    # strictly before the publication day
    ("jeudi 25", FRIDAY, dt.date(2024, 1, 25)),             # a weekday and a day number, no month
    ("jeudi 26", FRIDAY, None),                             # 26 January 2024 was a Friday
])
def test_resolve_last_and_numbered_weekdays(expression, published, expected):
    assert resolve(expression, published) == expected


def test_resolve_with_the_running_year_of_an_undated_article():
    assert resolve("3 mars", None, year=2021) == dt.date(2021, 3, 3)
    assert resolve("mardi", None, year=2021) is None       # the week is still unknown


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    ("Des roquettes ont visé dans la nuit de samedi à dimanche la base.", [dt.date(2024, 1, 28)]),
    ("Deux drones ont été abattus dans la nuit du 30 au 31 janvier.", [dt.date(2024, 1, 31)]),
    ("L'explosion a eu lieu ce matin près du port.", [FRIDAY]),
    ("La frappe a tué vendredi dernier deux combattants.", [dt.date(2024, 1, 26)]),
])
def test_nights_and_this_morning(nlp, text, expected):
    doc = nlp(text)
    assert [m.value for sent in doc.sents for m in find_dates(sent, FRIDAY)] == expected


@pytest.mark.slow
def test_days_counted_from_another(nlp):
    from builder.extract.dates import relative_days

    doc = nlp("Dès le lendemain, des roquettes ont visé la base. Trois jours plus tard, une frappe a tué "
              "deux combattants, et ce jour-là une autre attaque a eu lieu. Au lendemain des tirs, la route a fermé.")
    assert [(t.text, offset) for sent in doc.sents for t, offset in relative_days(sent)] == [
        ("lendemain", 1), ("jours", 3), ("jour", 0)]


def test_relative_days_across_sentences(extract_text):
    extraction = extract_text("Dimanche, des F-15 américains ont bombardé trois sites. Dès le lendemain, des "
                              "roquettes ont visé des soldats américains en Syrie.", published="2021-06-30")
    dates = sorted(f.object for f in extraction.facts if f.predicate == "date")
    assert dates == [dt.date(2021, 6, 27), dt.date(2021, 6, 28)]


def test_a_heading_line_dates_and_places_the_next_event(extract_text):
    extraction = extract_text("Kstovo, 12 mars. La raffinerie NORSI s'embrase après une attaque de drones.",
                              published="2024-03-22")
    facts = {(f.predicate, f.object) for f in extraction.facts if f.subject_kind == "event"}
    assert ("date", dt.date(2024, 3, 12)) in facts and ("location", "kstovo") in facts


def test_a_series_dates_from_its_start(extract_text):
    extraction = extract_text("Depuis le 8 octobre, le Hezbollah et l'armée israélienne échangent des tirs "
                              "quasi quotidiens.", published="2024-03-29")
    assert [f.object for f in extraction.facts if f.predicate == "date"] == [dt.date(2023, 10, 8)]


def test_the_running_year_of_an_undated_article(extract_text):
    extraction = extract_text("En janvier 2021, une frappe a visé Mayadine. Le 3 mars, une attaque de drone a "
                              "visé la base d'Aïn al-Assad.")
    assert [f.object for f in extraction.facts if f.predicate == "date"] == [dt.date(2021, 3, 3)]
