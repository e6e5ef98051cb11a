"""Mentions: which spans of a parsed ``Doc`` name entities and weapons.

Sources, in order of trust: the gazetteer's entity ruler, context phrases
("la milice X", "le groupe X", "la base de X"), spaCy's statistical NER, and
descriptions of unnamed collectives ("des groupes armés soutenus par l'Iran",
"une milice pro-iranienne", "les milices irakiennes"), which become one
collective entity per backer or nationality, as analysts name them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer, GazetteerEntry
from ..lexicon import triggers, word_set
from ..vocab import weapon_lexicon
from .collectives import find_collectives
from .dates import MONTHS, WEEKDAYS
from .facilities import find_facilities
from .names import find_defined_names
from .model import DocMentions, EntityRef, WeaponRef, slugify
from .syntax import determiner, governing_preposition

_NER_TYPES = {"PER": "Person", "LOC": "Location", "ORG": "Organization"}



def _from_entry(entry: GazetteerEntry, start: int, end: int, text: str, source: str) -> EntityRef:
    return EntityRef(
        key=entry.id,
        etype=entry.type,
        start=start,
        end=end,
        text=text,
        source=source,
        label_en=entry.en,
        label_fr=entry.fr,
        known=True,
        wikidata=entry.wikidata,
    )




def find_mentions(doc: Doc, gazetteer: Gazetteer) -> DocMentions:
    """All entity and weapon mentions of ``doc``, each token in at most one."""
    lex = triggers()
    mentions = DocMentions()
    group_nouns = set(lex["group_nouns"])

    # 1. gazetteer entities found by the ruler
    for ent in doc.ents:
        if ent.ent_id_ and gazetteer.get(ent.ent_id_) is not None:
            if ent.start > 0 and doc[ent.start - 1].lemma_.lower() in group_nouns and ent[0].lower_.startswith("armé"):
                continue  # "une milice armée irakienne": "armée" is the adjective, not the army
            mentions.add(_from_entry(gazetteer.get(ent.ent_id_), ent.start, ent.end, ent.text, "gazetteer"))

    # names defined by the text: "le Cadre stratégique permanent (CSP)", "l'État islamique au Sahel"
    find_defined_names(doc, gazetteer, mentions)

    # 2. named facilities and ships: "l'hôtel Hayat", "la raffinerie de Riazan", "le vraquier Rubymar"
    find_facilities(doc, gazetteer, mentions)

    # 3. context: "la milice X", "le groupe X", "la base (aérienne) de X"
    for ent in doc.ents:
        if ent.ent_id_ or ent.start in mentions.by_token:
            continue
        if any(mentions.by_token.get(i) is not None and mentions.by_token[i].source == "facility"
               for i in range(max(0, ent.start - 3), ent.start)):
            continue  # "le camp militaire de Kati": Kati is where the camp is, not the camp
        ref = _context_entity(ent, doc, gazetteer, group_nouns)
        if ref is not None:
            mentions.add(ref)

    # 4. collectives: "groupes armés soutenus par l'Iran", "milice pro-iranienne"
    find_collectives(doc, gazetteer, mentions)


    # 5. weapons, from the SKOS concept scheme's French labels ("B-1" is no organisation)
    _find_weapons(doc, mentions)

    # 6. spaCy's own NER for what the gazetteer does not know
    for ent in doc.ents:
        if ent.ent_id_ or any(i in mentions.by_token or i in mentions.weapon_by_token for i in range(ent.start, ent.end)):
            continue
        etype = _NER_TYPES.get(ent.label_) or ("Location" if ent.label_ == "MISC" and _hit(ent) else None)
        if etype is None or not _plausible_name(ent):
            continue
        entry = gazetteer.lookup(ent.text)
        if entry is not None:
            mentions.add(_from_entry(entry, ent.start, ent.end, ent.text, "gazetteer"))
            continue
        if _after_facility(ent.start, doc, mentions) or (etype in {"Person", "Organization"} and (_placed(ent) or _situated(ent))):
            # "le mausolée de Shah Cheragh": a facility's "de X" is where it is; "douze enfants
            # ont été tués à Madjal Chams": a name governed by a preposition of place is a place
            etype = "Location"
        name = _clean_name(ent.text)
        if ent[-1].lower_ in {"de", "d'", "du"} and ent.end < len(doc) and doc[ent.end].ent_id_:
            # "le Service de sécurité d'Ukraine": the tagger's name stops at the known place it ends on
            name = _clean_name(ent.text + ("" if ent.text.endswith("'") else " ") + doc[ent.end].text)
        place = _world_place(name, etype)
        if place is not None:  # "Mogadiscio", "le Mali", "Tillabéri": a place of the world the gazetteer lacks
            mentions.add(EntityRef(place.key, "State" if place.kind == "country" else "Location", ent.start, ent.end,
                                   ent.text, "ner", place.name_en, name))
            continue
        mentions.add(EntityRef(slugify(name), etype, ent.start, ent.end, ent.text, "ner", name, name))

    return mentions




_HIT_VERBS = {"emparer", "couler", "arraisonner", "détourner", "toucher", "frapper", "viser", "cibler", "attaquer",
              "bombarder", "atteindre", "endommager", "détruire"}


def _hit(ent: Span) -> bool:
    """A name the tagger cannot type ("MISC") that an attack hits: "a frappé le True
    Confidence", "s'est emparé du Galaxy Leader" (ships, mostly): a place that was hit."""
    root = ent.root
    if root.dep_ in {"obj", "obl:arg", "nsubj:pass"} and root.head.lemma_.lower() in _HIT_VERBS:
        return True
    return governing_preposition(root) in {"contre", "sur"} and root.head.lemma_.lower() in _HIT_VERBS


def _world_place(name: str, etype: str):
    """The world place (``builder.places``) a name the tagger calls a place names; for an
    organisation, only a country ("le Mali a rompu" speaks of the state)."""
    if etype not in {"Location", "Organization"}:
        return None
    from .. import places

    place = places.lookup(name)
    if place is None or (etype == "Organization" and place.kind != "country"):
        return None
    return place


def _after_facility(start: int, doc: Doc, mentions: DocMentions) -> bool:
    """Does a facility noun govern the name through "de" ("la raffinerie de X", "du X")?"""
    i = start - 1
    if i >= 0 and doc[i].lower_ in {"le", "la", "l'", "les"}:
        i -= 1
    if i < 1 or doc[i].lower_ not in {"de", "d'", "du", "des"}:
        return False
    ref = mentions.by_token.get(i - 1)
    return ref is not None and ref.source == "facility"


_PLACE_PREPOSITIONS = {"à", "au", "dans", "près", "hors", "vers", "depuis"}
_TITLES = {"m.", "mme", "général", "président", "ministre", "cheikh", "imam", "colonel", "commandant", "chef",
           "porte-parole", "émir", "dirigeant", "premier", "roi", "prince", "docteur", "dr", "monsieur", "madame"}


def _placed(ent: Span) -> bool:
    """Is the name governed by a preposition of place, and not that of someone spoken to
    ("a déclaré à X") or introduced by a title ("au général X")?"""
    root = ent.root
    if governing_preposition(root) not in _PLACE_PREPOSITIONS:
        return False
    if root.head.lemma_.lower() in word_set("speech_verbs") | {"confier", "écrire", "parler", "répondre", "demander"}:
        return False
    before = ent.doc[max(0, ent.start - 2) : ent.start]
    return not any(t.lower_ in _TITLES for t in before)


_REGION_NOUNS = {"province", "région", "district", "gouvernorat", "département", "commune", "préfecture", "oblast"}


def _situated(ent: Span) -> bool:
    """"l'attaque de Mansila, dans la province du Yagha": a name the text places in a region is a place."""
    doc = ent.doc
    words = [t.lower_ for t in doc[ent.end : min(len(doc), ent.end + 4)]]
    return len(words) >= 4 and words[0] == "," and words[1] == "dans" and words[3] in _REGION_NOUNS


def _plausible_name(ent: Span) -> bool:
    text = ent.text.strip()
    if len(ent) == 1 and ent[0].is_sent_start and ent[0].pos_ in {"VERB", "ADJ", "NOUN"} and ent[0].lemma_.lower() != ent[0].lower_:
        return False  # "Armée et financée par l'Iran, ...": a capitalised participle, not a name
    if any(t.lower_ in WEEKDAYS | MONTHS for t in ent) or text.lower().startswith("pro-"):
        return False
    if len(text) < 3 or not text[0].isupper():
        return False
    if ent[0].pos_ not in {"PROPN", "NOUN", "ADJ"} and not ent[0].is_title:
        return False
    return not any(t.is_digit for t in ent)


def _clean_name(text: str) -> str:
    text = text.strip(" \"«»“”'")
    return re.sub(r"^(?:l'|la |le |les )", "", text, flags=re.I).strip()


def _context_entity(ent: Span, doc: Doc, gazetteer: Gazetteer, group_nouns: set[str]) -> EntityRef | None:
    """Type an unknown name by the noun before it: "la milice X", "la base de X"."""
    before = [t for t in doc[max(0, ent.start - 4) : ent.start] if not t.is_punct or t.text in {"«", '"'}]
    lemmas = [t.lemma_.lower() for t in before]
    name = _clean_name(ent.text)
    if not name or gazetteer.lookup(name) is not None or not _plausible_name(ent):
        return None
    lex = triggers()
    placed = bool(before) and before[-1].lower_ in {"à", "au", "aux", "dans", "en", "près", "vers", "depuis", "sur"}
    weak = set(lex["weak_group_nouns"])
    armed = any(t.lower_ in set(lex["armed_adjectives"]) for t in before)
    if any(l in group_nouns and (l not in weak or armed) for l in lemmas[-3:]) and not placed:
        # "la milice X", "le groupe jihadiste X"; but "des rebelles à Kidal" is the town where they
        # are, and "le groupe X" alone may be a company ("le groupe Lukoil")
        return EntityRef(slugify(name), "ArmedGroup", ent.start, ent.end, ent.text, "context", name, name)
    if any(l in set(lex["base_nouns"]) for l in lemmas[-3:]):
        return EntityRef(slugify(name), "MilitaryBase", ent.start, ent.end, ent.text, "context", name, name)
    nouns = [l for l in lemmas[-3:] if l in set(lex["place_nouns"])]
    if nouns:
        from .. import places

        # "la région de Tillabéri" is the region, "la ville de Kidal" the town
        regional = nouns[-1] in {"province", "gouvernorat", "région", "district", "oblast", "état"}
        place = places.lookup(name, kind="region" if regional else None) or places.lookup(name)
        if place is not None:
            return EntityRef(place.key, "State" if place.kind == "country" else "Location", ent.start, ent.end,
                             ent.text, "context", place.name_en, name)
        return EntityRef(slugify(name), "Location", ent.start, ent.end, ent.text, "context", name, name)
    return None


@lru_cache(maxsize=1)
def _first_tokens() -> frozenset[str]:
    """The first token of every weapon surface form ("drone", "missiles", "l'", "b-1")."""
    return frozenset(re.match(r"[^\s'’]+['’]?", form).group(0) for form in weapon_lexicon())


def _find_weapons(doc: Doc, mentions: DocMentions) -> None:
    """Weapon spans: every lexicon match, longest first ("tirs de missiles antichars"
    is an anti-tank missile even though "tirs de missiles" is a missile)."""
    lexicon = weapon_lexicon()
    firsts = _first_tokens()
    longest = max((len(form.split()) for form in lexicon), default=1) + 3
    candidates = []
    event_words = set(triggers()["event_nouns"])
    for i in range(len(doc)):
        if doc[i].lower_ not in firsts:
            continue  # no weapon name starts with this word
        for n in range(min(longest, len(doc) - i), 0, -1):
            form = doc[i : i + n].text.lower()
            if form in lexicon:
                # "tirs de missiles antichars": the event word is not part of the weapon, so
                # a form opening with one yields to the weapon named inside it
                if n > 1 and doc[i].lemma_.lower() in event_words:
                    continue
                candidates.append((n, i, lexicon[form]))
                break
    taken: set[int] = set()
    for n, i, key in sorted(candidates, key=lambda c: (-c[0], c[1])):
        span = range(i, i + n)
        if any(j in taken or j in mentions.by_token for j in span):
            continue
        ref = WeaponRef(key, i, i + n, doc[i : i + n].text)
        mentions.weapons.append(ref)
        taken.update(span)
        for j in span:
            mentions.weapon_by_token[j] = ref
    mentions.weapons.sort(key=lambda w: w.start)


_ADJECTIVE_HEADS = {"avion", "chasseur", "bombardier", "aviation", "armée", "réponse", "drone", "navire"}


def add_adjective_mentions(doc: Doc, gazetteer: Gazetteer, mentions: DocMentions) -> None:
    """State and group adjectives on event words, troops and weapons: "frappes américaines",
    "un drone israélien", "des positions houthies"."""
    event_words = word_set("event_nouns") | word_set("coref_only_nouns") | word_set("troop_nouns") | _ADJECTIVE_HEADS
    theirs_words = word_set("member_nouns") | word_set("storage_nouns") | {"site", "cible", "infrastructure"}
    for token in doc:
        if token.pos_ != "ADJ" or token.i in mentions.by_token or token.text.lower().startswith("pro-"):
            continue
        entry = gazetteer.by_adjective(token.lower_)
        if entry is None or entry.type not in {"State", "ArmedGroup"}:
            continue
        head = token.head
        if token.dep_ == "conj" and head.pos_ == "ADJ":
            head = head.head  # "avions de combat américains et britanniques": both qualify the aircraft
        on_weapon = head.i in mentions.weapon_by_token  # "un hélicoptère américain", "drone israélien"
        # a group's adjective also marks what is theirs: "des positions houthies", "combattants houthis"
        theirs = entry.type == "ArmedGroup" and head.lemma_.lower() in theirs_words
        lemma = head.lemma_.lower()
        if on_weapon or theirs or lemma in event_words or lemma in {"sol", "territoire"}:
            mentions.add(EntityRef(entry.id, entry.type, token.i, token.i + 1, token.text, "adjective",
                                   entry.en, entry.fr, known=True, wikidata=entry.wikidata))


def resolve_group_references(doc: Doc, mentions: DocMentions) -> None:
    """"ces groupes", "ces factions", "la milice": the last armed group named before."""
    group_nouns = word_set("group_nouns")
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in group_nouns or token.i in mentions.by_token:
            continue
        det = determiner(token)
        if det not in {"ce", "cet", "cette", "ces", "le", "la", "les", "l'"}:
            continue
        if any(c.dep_ in {"nmod", "appos", "flat:name"} and c.i in mentions.by_token for c in token.children):
            continue  # "le groupe X": X is named right there
        earlier = [r for r in mentions.entities if r.end <= token.i and r.etype == "ArmedGroup"]
        if not earlier or token.i - earlier[-1].end > 120:
            continue
        antecedent = max(earlier, key=lambda r: r.end)
        start = token.i - 1 if token.i > 0 and doc[token.i - 1].lower_ == det else token.i
        mentions.add(EntityRef(antecedent.key, antecedent.etype, start, token.i + 1, doc[start : token.i + 1].text,
                               "coref", antecedent.label_en, antecedent.label_fr, antecedent.known, antecedent.wikidata))
