"""Mentions: which spans of a parsed ``Doc`` name entities and weapons.

Sources, in order of trust: the gazetteer's entity ruler, context phrases
("la milice X", "le groupe X", "la base de X"), spaCy's statistical NER, and
descriptions of unnamed collectives ("des groupes armés soutenus par l'Iran",
"une milice pro-iranienne", "les milices irakiennes"), which become one
collective entity per backer or nationality, as analysts name them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..gazetteer import Gazetteer, GazetteerEntry
from ..lexicon import triggers
from ..vocab import weapon_lexicon
from .dates import MONTHS, WEEKDAYS

_NER_TYPES = {"PER": "Person", "LOC": "Location", "ORG": "Organization"}


def slugify(text: str) -> str:
    """``"Résistance islamique en Irak"`` -> ``"resistance-islamique-en-irak"``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


@dataclass
class EntityRef:
    """An entity mention inside a ``Doc`` (token indices, end exclusive)."""

    key: str
    etype: str
    start: int
    end: int
    text: str
    source: str  # gazetteer | context | ner | collective | adjective | coref
    label_en: str
    label_fr: str | None = None
    known: bool = False
    wikidata: str | None = None
    backer: str | None = None  # for collectives: the state that backs them
    backer_token: int | None = None

    @property
    def is_actor(self) -> bool:
        return self.etype not in {"Location", "MilitaryBase"}

    @property
    def is_place(self) -> bool:
        return self.etype in {"Location", "MilitaryBase", "State"}


@dataclass
class WeaponRef:
    key: str
    start: int
    end: int
    text: str


@dataclass
class DocMentions:
    entities: list[EntityRef] = field(default_factory=list)
    weapons: list[WeaponRef] = field(default_factory=list)
    by_token: dict[int, EntityRef] = field(default_factory=dict)
    weapon_by_token: dict[int, WeaponRef] = field(default_factory=dict)

    def add(self, ref: EntityRef) -> None:
        if any(i in self.by_token for i in range(ref.start, ref.end)):
            return
        self.entities.append(ref)
        for i in range(ref.start, ref.end):
            self.by_token[i] = ref

    def in_span(self, start: int, end: int) -> list[EntityRef]:
        seen: list[EntityRef] = []
        for i in range(start, end):
            ref = self.by_token.get(i)
            if ref is not None and ref not in seen:
                seen.append(ref)
        return seen

    def in_tokens(self, indices) -> list[EntityRef]:
        seen: list[EntityRef] = []
        for i in sorted(indices):
            ref = self.by_token.get(i)
            if ref is not None and ref not in seen:
                seen.append(ref)
        return seen


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


def state_of_adjective(token: Token, gazetteer: Gazetteer) -> GazetteerEntry | None:
    """The state an adjective names: "iranienne" -> Iran, "pro-iraniens" -> Iran."""
    word = token.text.lower()
    if word.startswith("pro-"):
        word = word[4:]
    entry = gazetteer.by_adjective(word)
    if entry is None and token.text.lower().startswith("pro-"):
        entry = gazetteer.lookup(token.text[4:])
    return entry


def _backing_of(noun: Token, doc: Doc, gazetteer: Gazetteer, mentions: DocMentions) -> tuple[GazetteerEntry, int] | None:
    """Who backs the collective ``noun`` names: pro-X, soutenu par X, X-backed."""
    lex = triggers()
    right = doc[noun.i + 1 : min(len(doc), noun.i + 8)]
    for token in right:
        if token.is_punct and token.text not in {"-", "'"}:
            break
        if token.text.lower().startswith("pro-"):
            entry = state_of_adjective(token, gazetteer)
            if entry is not None:
                return entry, token.i
        if token.lemma_.lower() in lex["backing"]["participles"] or token.text.lower().rstrip("s").rstrip("e") in {
            "soutenu", "parrainé", "armé", "financé", "appuyé", "équipé", "entraîné", "dirigé", "contrôlé"
        }:
            # the backer is the agent of the participle: "soutenus par l'Iran"
            after = doc[token.i + 1 : min(len(doc), token.i + 8)]
            saw_par = False
            for t in after:
                if t.lower_ == "par":
                    saw_par = True
                    continue
                if saw_par and t.i in mentions.by_token:
                    ref = mentions.by_token[t.i]
                    entry = gazetteer.get(ref.key) if ref.known else None
                    if entry is not None and ref.is_actor:
                        return entry, t.i
                    break
                if t.is_punct or (t.pos_ == "VERB" and not saw_par):
                    break
                if saw_par and t.pos_ in {"NOUN", "PROPN"}:
                    break  # the agent is the first noun phrase after "par", and it names no one we know
    # "pro-iranien" may be split by the tokenizer: "pro", "-", "iranien"
    for token in right[:3]:
        if token.lower_ == "pro" and token.i + 2 < len(doc) and doc[token.i + 1].text == "-":
            entry = state_of_adjective(doc[token.i + 2], gazetteer)
            if entry is not None:
                return entry, token.i + 2
    return None


def _nationality_of(noun: Token, doc: Doc, gazetteer: Gazetteer) -> tuple[GazetteerEntry, int] | None:
    for token in doc[noun.i + 1 : min(len(doc), noun.i + 4)]:
        if token.pos_ == "ADJ" and not token.text.lower().startswith("pro-"):
            entry = gazetteer.by_adjective(token.text.lower())
            if entry is not None and entry.type == "State":
                return entry, token.i
        if token.pos_ not in {"ADJ", "ADV"}:
            break
    return None


def collective(backer: GazetteerEntry | None, nationality: GazetteerEntry | None) -> tuple[str, str, str]:
    """Key and labels of an unnamed collective of armed groups."""
    if backer is not None:
        adjective = _feminine_plural(backer)
        return (
            f"{backer.id}-backed-militias",
            f"{backer.en}-backed militias",
            f"milices pro-{adjective}" if adjective else f"milices soutenues par {backer.fr or backer.en}",
        )
    assert nationality is not None
    return (
        f"{nationality.id}-militias",
        f"{nationality.en} militias",
        f"milices {_feminine_plural(nationality) or '(' + (nationality.fr or nationality.en) + ')'}",
    )


def _feminine_plural(entry: GazetteerEntry) -> str | None:
    """"iraniennes", "américaines": the adjective form that agrees with "milices"."""
    forms = [a for a in entry.adjectives if a.endswith("es")]
    return max(forms, key=len) if forms else None


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

    # 2. context: "la milice X", "le groupe X", "la base (aérienne) de X"
    for ent in doc.ents:
        if ent.ent_id_ or ent.start in mentions.by_token:
            continue
        ref = _context_entity(ent, doc, gazetteer, group_nouns)
        if ref is not None:
            mentions.add(ref)

    # 3. collectives: "groupes armés soutenus par l'Iran", "milice pro-iranienne"
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in group_nouns or token.i in mentions.by_token:
            continue
        if _describes_named(token, doc, mentions):
            continue  # "Kataëb Sayyid al-Chouhada, milice parrainée par Téhéran": a description of X
        backing = _backing_of(token, doc, gazetteer, mentions)
        if backing is not None:
            entry, backer_token = backing
            key, en, fr = collective(entry, None)
            # the mention ends at the noun (the backer stays a mention of its own, "l'Iran"),
            # or at "pro-iranienne"; its surface form runs to the backer
            end = backer_token + 1 if backer_token not in mentions.by_token and backer_token - token.i <= 3 else token.i + 1
            start = _np_start(token)
            surface = doc[start : max(end, backer_token + 1)].text if backer_token - token.i <= 7 else doc[start:end].text
            mentions.add(
                EntityRef(key, "ArmedGroup", start, end, surface, "collective", en, fr,
                          backer=entry.id, backer_token=backer_token)
            )
            continue
        nationality = _nationality_of(token, doc, gazetteer)
        if nationality is not None and token.lemma_.lower() in {"milice", "faction", "groupe", "milicien", "combattant"}:
            entry, adj_i = nationality
            key, en, fr = collective(None, entry)
            start = _np_start(token)
            mentions.add(EntityRef(key, "ArmedGroup", start, adj_i + 1, doc[start : adj_i + 1].text, "collective", en, fr))

    # 4. weapons, from the SKOS concept scheme's French labels ("B-1" is no organisation)
    _find_weapons(doc, mentions)

    # 5. spaCy's own NER for what the gazetteer does not know
    for ent in doc.ents:
        if ent.ent_id_ or any(i in mentions.by_token or i in mentions.weapon_by_token for i in range(ent.start, ent.end)):
            continue
        etype = _NER_TYPES.get(ent.label_)
        if etype is None or not _plausible_name(ent):
            continue
        entry = gazetteer.lookup(ent.text)
        if entry is not None:
            mentions.add(_from_entry(entry, ent.start, ent.end, ent.text, "gazetteer"))
            continue
        name = _clean_name(ent.text)
        mentions.add(EntityRef(slugify(name), etype, ent.start, ent.end, ent.text, "ner", name, name))

    return mentions


def _describes_named(noun: Token, doc: Doc, mentions: DocMentions) -> bool:
    return described_actor(noun, doc, mentions) is not None


def described_actor(noun: Token, doc: Doc, mentions: DocMentions) -> EntityRef | None:
    """The named actor a group noun describes: "X, une milice afghane ...", "le groupe pro-iranien X"."""
    head = noun.head
    if noun.dep_ == "appos" and head.i in mentions.by_token and mentions.by_token[head.i].is_actor:
        return mentions.by_token[head.i]
    # "le groupe pro-iranien Kataëb Hezbollah", "la milice chiite Harakat al-Nujaba": the name follows
    # (looked at first: in "Lié à l'Iran, le groupe X", the name before the comma is not the group)
    j = noun.i + 1
    while j < len(doc) and (doc[j].pos_ == "ADJ" or doc[j].text in {"-", "«", '"'} or doc[j].lower_ == "pro"):
        j += 1
    ref = mentions.by_token.get(j) if j < len(doc) and j - noun.i <= 5 else None
    if ref is not None and ref.is_actor and ref.source in {"gazetteer", "ner", "context"} and ref.etype == "ArmedGroup":
        return ref
    # "X, une milice afghane ...": the name before the comma
    i = noun.i - 1
    while i >= 0 and doc[i].pos_ in {"DET", "ADJ"}:
        i -= 1
    if i >= 1 and doc[i].text == ",":
        ref = mentions.by_token.get(i - 1)
        if ref is not None and ref.is_actor and ref.source != "adjective":
            return ref
    return None


def _np_start(noun: Token) -> int:
    start = noun.i
    for child in noun.lefts:
        if child.dep_ in {"det", "amod", "nummod"}:
            start = min(start, child.i)
    return start




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
    if any(l in group_nouns for l in lemmas[-3:]):
        return EntityRef(slugify(name), "ArmedGroup", ent.start, ent.end, ent.text, "context", name, name)
    if any(l in set(lex["base_nouns"]) for l in lemmas[-3:]):
        return EntityRef(slugify(name), "MilitaryBase", ent.start, ent.end, ent.text, "context", name, name)
    if any(l in set(lex["place_nouns"]) for l in lemmas[-3:]):
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
