"""The last stage: an article's events and facts as ``records.Event`` and ``records.Fact``.

Before they are written: the countries a strike is said to hit, when its places lie in
them, are where it struck ("les frappes contre l'Irak et la Syrie"); an attack "sur le
sol israélien" with no other target struck that state; each event gets its key
(``<sha256[:12]>-<n>``, renamed by identity across articles later); ``rip:struck``
(perpetrator -> targets and places) is materialised; entities carry every surface form
the article used, and whether the article presents them ("la milice X").
"""

from __future__ import annotations

import re

from ..lexicon import word_set
from ..records import Entity, Event, Extraction, Fact, Mention
from ..vocab import classes_of, domain_and_range
from .model import NEARBY, EntityRef, EventCluster, RoleFact
from .names import organisation_heads
from .syntax import governing_preposition


class Output:
    """Turns the article's events into an ``Extraction``."""

    def __init__(self, ctx, clusters: list[EventCluster]):
        self.ctx = ctx
        self.clusters = clusters

    def _states_hit_are_places(self) -> None:
        """"les attaques américaines contre l'Irak et la Syrie", when the strike's places lie
        in Iraq and Syria: the countries are where it struck, not what it struck."""
        for frame in self.clusters:
            if frame.kind(self.ctx.state_like) != "Strike":
                continue
            inside = self.ctx.expand(frame.objects("location"))
            for fact in list(frame.facts):
                if fact.predicate == "target" and not fact.inverse and fact.object in self.ctx.states({fact.object}) \
                        and fact.object in inside:
                    frame.facts.remove(fact)
                    frame.add(RoleFact("location", fact.object, "entity", fact.evidence, fact.confidence))

    def _attacks_on_soil(self) -> None:
        """An attack "sur le sol israélien" with no other target struck that state.

        Said of an attack by a group ("l'attaque du Hamas sur le sol israélien", "la
        première attaque sur le sol américain"), the phrase names the country attacked.
        A strike by a state "sur le sol irakien" does not: there it says only where.
        """
        for frame in self.clusters:
            if (not frame.soil or frame.objects("target") or frame.kind(self.ctx.state_like) != "Attack"
                    or frame.perpetrators & self.ctx.state_like):
                continue
            for fact in list(frame.facts):
                if fact.predicate == "location" and not fact.inverse and fact.object in frame.soil:
                    frame.add(RoleFact("target", fact.object, "entity", fact.evidence, min(fact.confidence, NEARBY)))

    def finish(self) -> Extraction:
        self._states_hit_are_places()
        self._attacks_on_soil()
        extraction = Extraction(article=self.ctx.article, unresolved_dates=list(self.ctx.unresolved_dates))
        prefix = self.ctx.article.sha256[:12]
        answered = {f.object for c in self.clusters for f in c.facts if f.object_kind == "event"}
        keys: dict[int, str] = {}
        for frame in self.clusters:
            if not frame.facts and frame.index not in answered:
                continue  # a bare word with nothing said about it is not worth a node
            keys[frame.index] = f"{prefix}-{len(keys) + 1}"
        for frame in self.clusters:
            if frame.index not in keys:
                continue
            key = keys[frame.index]
            kind = frame.kind(self.ctx.state_like)
            trigger = frame.triggers[0] if frame.triggers else kind.lower()
            event = Event(key=key, kind=kind, trigger=Mention(trigger, 0, 0, frame.first_sentence, "trigger", kind))
            extraction.events[key] = event
            for fact in frame.facts:
                obj = fact.object
                if fact.object_kind == "event":
                    if obj not in keys:
                        continue
                    obj = keys[obj]
                if fact.inverse:
                    extraction.facts.append(Fact(str(obj), fact.predicate, key, fact.evidence, fact.confidence,
                                                 subject_kind="entity", object_kind="event"))
                else:
                    extraction.facts.append(Fact(key, fact.predicate, obj, fact.evidence, fact.confidence,
                                                 subject_kind="event", object_kind=fact.object_kind))
            # rip:struck is materialised: the perpetrator struck the targets and places
            for perp in frame.perpetrators:
                for fact in frame.facts:
                    if fact.predicate in {"target", "location"} and not fact.inverse and fact.object != perp:
                        extraction.facts.append(Fact(str(perp), "struck", str(fact.object), fact.evidence,
                                                     min(fact.confidence, 0.8)))
        extraction.facts.extend(self.ctx.actor_facts)
        for key, ref in self.ctx.used.items():
            extraction.entities[key] = self._entity(ref)
        for ref in self.ctx.mentions.entities:
            if ref.key not in extraction.entities and (ref.known or ref.source in {"context", "collective", "facility", "defined"}) and ref.source != "adjective":
                extraction.entities[ref.key] = self._entity(ref)
        # collect all surface forms per entity
        forms: dict[str, set[str]] = {}
        for ref in self.ctx.mentions.entities:
            if ref.source != "adjective":
                forms.setdefault(ref.key, set()).update((ref.text, *ref.aliases))
        presented = {ref.key for ref in self.ctx.mentions.entities if self._presented(ref)}
        # who claims an attack, or carries one out, is an armed group unless we know otherwise
        attacks = {k for k, e in extraction.events.items() if e.kind == "Attack"}
        attackers = {f.subject for f in extraction.facts if f.predicate == "claimed" and f.object in attacks} | {
            str(f.object) for f in extraction.facts if f.predicate == "perpetrator" and f.subject in attacks}
        for key, entity in list(extraction.entities.items()):
            etype = self._type_of(key, entity.etype)
            if etype == "Organization" and not entity.known and not self._typed_by_context(key):
                # the tagger's organisation: its first noun may say what it is ("le Service de sécurité
                # d'Ukraine" is a state's body); one that claims an attack is an armed group
                # ("Les Al-Shabaab ont revendiqué l'attaque")
                head = next((w.lower() for w in re.split(r"[\s']+", entity.label_en) if w and w.lower() not in _SMALL), "")
                # (a head alone never makes an armed group: "Forces armées maliennes" is a state's army)
                named = organisation_heads().get(head)
                named = named if named != "ArmedGroup" else None
                etype = named or ("ArmedGroup" if key in attackers else etype)
            extraction.entities[key] = Entity(entity.key, etype, entity.label_en, entity.label_fr,
                                              frozenset(forms.get(key, set())), entity.wikidata, entity.known,
                                              presented=key in presented)
        check_types(extraction)
        return extraction

    def _presented(self, ref: EntityRef) -> bool:
        """Does the article say what this is? "la milice X", "un groupe appelé X", "X, un mouvement"."""
        if ref.source in {"context", "collective", "coref", "facility", "defined"}:
            return True
        if ref.source != "gazetteer" or ref.start == ref.end:
            return False
        nouns = word_set("group_nouns")
        # the noun just before the name, over its adjectives and quotes: "la milice X",
        # "l'organisation terroriste islamique radicale Hamas", "un groupe appelé « X »"
        for token in reversed(self.ctx.doc[max(0, ref.start - 6) : ref.start]):
            if token.lemma_.lower() in nouns:
                return True
            if not (token.pos_ in {"ADJ", "PUNCT"} or token.lower_ in {"appelé", "appelée", "baptisé", "baptisée", "dénommé", "dénommée"}):
                break
        # or an apposition right after it: "X, nébuleuse formée par ...", "X, un groupe armé"
        after = [t for t in self.ctx.doc[ref.end : min(len(self.ctx.doc), ref.end + 4)] if not t.is_punct]
        if after and after[0].pos_ == "DET":
            after = after[1:]
        if after and after[0].lemma_.lower() in nouns and self.ctx.doc[ref.end : after[0].i].text.strip(' "»') .startswith(","):
            return True
        root = self.ctx.doc[ref.start:ref.end].root
        if ref.etype == "ArmedGroup" and root.dep_ == "nmod" and root.head.lemma_.lower() in nouns \
                and governing_preposition(root) in {"de", "d'", "du", "des"}:
            return True  # "les milices djihadistes de l'État islamique", "les combattants du Hamas"
        return any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in root.children)

    def _typed_by_context(self, key: str) -> bool:
        return any(r.key == key and r.source in {"context", "facility", "collective", "defined"} for r in self.ctx.mentions.entities)

    def _type_of(self, key: str, default: str) -> str:
        """One type per name in the article: the gazetteer's, else what the context said
        ("la milice X", "l'hôtel X"), else the tagger's, where a place wins over a person or
        an organisation (the tagger takes many village names for people's)."""
        refs = [r for r in self.ctx.mentions.entities if r.key == key and r.source != "adjective"]
        for sources in ({"gazetteer"}, {"context", "facility", "collective", "defined"}):
            typed = [r.etype for r in refs if r.source in sources or (r.known and "gazetteer" in sources)]
            if typed:
                return max(set(typed), key=typed.count)
        typed = [r.etype for r in refs if r.source == "ner"]
        if "Location" in typed:
            return "Location"
        return max(set(typed), key=typed.count) if typed else default

    def _entity(self, ref: EntityRef) -> Entity:
        return Entity(ref.key, ref.etype, ref.label_en, ref.label_fr, frozenset({ref.text}), ref.wikidata, ref.known)


_SMALL = {"le", "la", "les", "l", "de", "d", "du", "des"}


def check_types(extraction: Extraction) -> None:
    """Drop the facts whose subject or object the ontology's domain and range rule out
    (a place as perpetrator, a base as claimant), saying why in ``extraction.rejected``."""
    kept = []
    for fact in extraction.facts:
        domain, range_ = domain_and_range(fact.predicate)
        problem = None
        if domain and not _classes(extraction, fact.subject, fact.subject_kind) & domain:
            problem = ("subject", _classes(extraction, fact.subject, fact.subject_kind), domain)
        elif range_ and fact.object_kind != "literal" and not _classes(extraction, fact.object, fact.object_kind) & range_:
            problem = ("object", _classes(extraction, fact.object, fact.object_kind), range_)
        if problem is None:
            kept.append(fact)
            continue
        role, found, wanted = problem
        extraction.rejected.append(f"{fact.subject} {fact.predicate} {fact.object}: the {role} is "
                                   f"{'/'.join(sorted(found))}, not {' or '.join(sorted(wanted))}")
    extraction.facts = kept


def _classes(extraction: Extraction, key, kind: str) -> frozenset[str]:
    if kind == "event":
        return classes_of("Event")
    if kind == "weapon":
        return classes_of("Weapon")
    entity = extraction.entities.get(str(key))
    if entity is None:
        return frozenset({"Actor", "Location"})  # not known here: nothing to hold against it
    if entity.etype == "State":  # a country is one IRI for both roles
        return classes_of("State") | classes_of("Location")
    return classes_of(entity.etype)
