"""Article furniture (bylines, datelines, update lines, live-page stamps and headings) is
recognised by every reader and kept out of the text that extraction reads."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from builder.readers import read_file
from builder.structure import Furniture, dated_by, split_furniture


@pytest.mark.parametrize(("line", "names"), [
    ("Par Jeanne Martin et Paul Durand", "Jeanne Martin; Paul Durand"),
    ("Par Jeanne Martin, avec AFP", "Jeanne Martin"),
    ("Par Léa Dubois, envoyée spéciale à Kaboul (Afghanistan)", "Léa Dubois"),
    ("De notre correspondant à Beyrouth, Paul-Henri Ferrand", "Paul-Henri Ferrand"),
    ("Marc de La Tour, avec Reuters", "Marc de La Tour"),
    ("Propos recueillis par Anne Roux", "Anne Roux"),
])
def test_bylines(line: str, names: str) -> None:
    text, furniture, _, _ = split_furniture(f"{line}\nLes rebelles ont attaqué la ville.")
    assert text == "Les rebelles ont attaqué la ville."
    assert furniture == (Furniture("byline", line, names),)


def test_a_sentence_opening_with_par_is_no_byline() -> None:
    body = "Par ailleurs, deux roquettes ont visé la base."
    assert split_furniture(body) == (body, (), (), ())


@pytest.mark.parametrize(("line", "place"), [
    ("BAMAKO (AFP) - Des hommes armés ont attaqué l'école.", "BAMAKO"),
    ("Mogadiscio, 3 août 2024 (Reuters) – Des hommes armés ont attaqué l'école.", "Mogadiscio"),
    ("KIDAL (Mali), 3 août 2024 (AFP) - Des hommes armés ont attaqué l'école.", "KIDAL"),
])
def test_datelines(line: str, place: str) -> None:
    text, furniture, _, _ = split_furniture(line)
    assert text == "Des hommes armés ont attaqué l'école."
    assert [(f.kind, f.value) for f in furniture] == [("dateline", place)]


def test_a_dateline_dates_an_article_that_has_no_other_date() -> None:
    _, furniture, _, _ = split_furniture("KIDAL (Mali), 3 août 2024 (AFP) - Des hommes armés ont attaqué l'école.")
    assert dated_by(furniture) == dt.date(2024, 8, 3)
    _, furniture, _, _ = split_furniture("BAMAKO (AFP) - Des hommes armés ont attaqué l'école.")
    assert dated_by(furniture) is None


def test_only_the_first_line_carries_a_dateline() -> None:
    body = "Un drone a frappé.\nPARIS (AFP) - Une autre dépêche."
    assert split_furniture(body)[0] == body


@pytest.mark.parametrize(("line", "day"), [
    ("Mis à jour le 19 septembre 2024 à 15h20", "2024-09-19"),
    ("Publié le 05 janvier 2020 à 19h12 - Mis à jour à 21h40", "2020-01-05"),
    ("Ce direct est terminé. Dernière mise à jour le 8 janvier 2020 à 13h05 (heure de Paris).", "2020-01-08"),
    ("Mis à jour le 20 juillet à 23h40", None),
])
def test_update_lines(line: str, day: str | None) -> None:
    text, furniture, _, _ = split_furniture(f"{line}\nUn drone a frappé la base.")
    assert text == "Un drone a frappé la base."
    assert furniture == (Furniture("update", line, day),)


def test_an_update_line_without_a_year_takes_the_publication_year() -> None:
    _, furniture, _, _ = split_furniture("Mis à jour le 20 juillet à 23h40\nTexte.", year_hint=2024)
    assert furniture[0].value == "2024-07-20"


def test_update_prefix_keeps_the_news_after_it() -> None:
    text, furniture, _, _ = split_furniture("Mise à jour à 18h40 : le bilan est passé à 37 morts.")
    assert text == "le bilan est passé à 37 morts."
    assert furniture == (Furniture("update", "Mise à jour à 18h40 :"),)


def test_live_page_stamps_and_day_headings() -> None:
    body = "Jeudi 4 janvier 2024\n18h05 - Le groupe a revendiqué l'attentat.\n\nMercredi 3 janvier 2024\n23h50 – Deux explosions."
    text, furniture, days, _ = split_furniture(body)
    assert text == "Le groupe a revendiqué l'attentat.\n\nDeux explosions."
    assert [f.kind for f in furniture] == ["heading", "stamp", "heading", "stamp"]
    assert days == ((0, dt.date(2024, 1, 4)), (text.index("Deux"), dt.date(2024, 1, 3)))


PAGE = ("Mali : une école de gendarmerie attaquée\n"
        "Par Jeanne Martin, avec AFP\n"
        "Mis à jour le 19 septembre 2024 à 15h20\n"
        "BAMAKO (AFP) - Des hommes armés ont attaqué mardi l'école de gendarmerie.\n"
        "Lire aussi : Au Sahel, les jihadistes avancent\n")


def _expected_article_text() -> str:
    return "Mali : une école de gendarmerie attaquée\n\nDes hommes armés ont attaqué mardi l'école de gendarmerie."


def test_txt_jsonl_and_html_readers_alike(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    title, body = PAGE.split("\n", 1)
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": title, "text": body}) + "\n", encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines())
    (tmp_path / "a.html").write_text(f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                                     f"{paragraphs}</article></body></html>", encoding="utf-8")
    for name in ("a.txt", "a.jsonl", "a.html"):
        [article] = read_file(tmp_path / name)
        assert article.text == _expected_article_text(), name
        assert article.byline == ("Jeanne Martin",), name
        assert article.dated == dt.date(2024, 9, 19), name
        assert [f.kind for f in article.furniture] == ["byline", "update", "dateline"], name


def test_a_month_only_publication_date_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": "Un drone a frappé.", "published": "2024-10"}) + "\n")
    [article] = read_file(tmp_path / "a.jsonl")
    assert (article.published, article.published_month) == (None, "2024-10")


def test_furniture_is_not_read_as_news(extract_article) -> None:
    """The byline's names act in nothing, and the update line dates "mardi"."""
    extraction = extract_article(PAGE)
    assert "jeanne-martin" not in extraction.entities
    dates = {f.object for f in extraction.facts if f.predicate == "date"}
    assert dates == {dt.date(2024, 9, 17)}


def test_chronology_entries_date_their_line(extract_article) -> None:
    page = ("Chronologie : trois ans de frappes\n"
            "12 mai 2021 - Des roquettes visent la base de Balad, sans faire de victime.\n"
            "30 juin 2022 - Un drone frappe la base d'Aïn al-Assad.\n")
    text, furniture, _, entries = split_furniture(page.split("\n", 1)[1])
    assert text.startswith("Des roquettes visent la base de Balad")
    assert [(f.kind, f.value) for f in furniture] == [("entry", "2021-05-12"), ("entry", "2022-06-30")]
    assert entries == ((0, dt.date(2021, 5, 12)), (text.index("Un drone"), dt.date(2022, 6, 30)))
    extraction = extract_article(page)
    dated = {(f.subject, f.object) for f in extraction.facts if f.predicate == "date"}
    assert {day for _, day in dated} == {dt.date(2021, 5, 12), dt.date(2022, 6, 30)}
    assert len(extraction.events) == 2


def test_a_chronology_entry_gives_the_year_of_the_days_it_names(extract_article) -> None:
    """"le 2 février" in the entry of 28 January 2024 is of 2024, even after "depuis octobre 2023"."""
    page = ("Chronologie : deux ans de frappes\n"
            "28 janvier 2024 - Un drone a tué trois soldats sur la base de Tower 22, au cours d'une campagne "
            "menée depuis octobre 2023. Le 2 février, des bombardiers B-1 frappent des cibles en Irak.\n")
    extraction = extract_article(page)
    assert {f.object for f in extraction.facts if f.predicate == "date"} == {dt.date(2024, 1, 28), dt.date(2024, 2, 2)}


def test_two_chronology_entries_tell_two_episodes(extract_article) -> None:
    """The same state's undated strikes in two entries are two strikes, each answering its entry's attack."""
    page = ("Chronologie : deux ripostes\n"
            "3 mars 2021 - Des roquettes visent la base de Balad. Washington riposte en frappant des dépôts d'armes.\n"
            "9 avril 2022 - Des roquettes visent la base de Harir. Washington riposte en frappant des positions de la milice.\n")
    extraction = extract_article(page)
    strikes = [k for k, e in extraction.events.items() if e.kind == "Strike"]
    assert len(strikes) == 2
    answered = {f.subject: f.object for f in extraction.facts if f.predicate == "retaliatedFor"}
    targets = {f.subject: f.object for f in extraction.facts if f.predicate == "target"}
    assert sorted(targets[answered[s]] for s in strikes) == ["balad-air-base", "harir-air-base"]
