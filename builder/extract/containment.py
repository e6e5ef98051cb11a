"""Where a place lies, as the text states it.

* "à Erbil, dans le nord de l'Irak", "Tassia, dans la région de Tillabéri", "Faladié, un
  quartier du sud-est de Bamako", "Erbil, capitale du Kurdistan", "Majdal Shams, sur le
  plateau du Golan": a place, a comma, then where it lies;
* "Al-Qaïm (Irak)": a country in parentheses after a place;
* "la ville iranienne de Kerman", "le port yéménite de Hodeida": a place noun, a state's
  adjective, "de" and the place;
* "la raffinerie NORSI, dans la région de Nijni Novgorod": a facility placed the same way.

Each is a ``rip:locatedIn`` fact of the article.  What the text says is trusted unless
the gazetteer or the world's places know both and know otherwise (Erbil is not in
Syria).  "près de", "à la frontière de", "à 30 km de", "au large de", "frontalière de"
say near, not in.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from .model import PARSED, EntityRef
from .syntax import DIRECTIONS

_IN = {"dans", "en", "à", "au", "aux", "sur"}
_NOUNS = {"capitale", "chef-lieu", "quartier", "banlieue", "faubourg", "localité", "village", "ville", "province",
          "région", "district", "gouvernorat", "commune", "secteur", "cœur", "centre", "périphérie"}
_NEAR = {"près", "proche", "frontière", "frontalier", "frontalière", "voisin", "voisine", "loin", "km", "kilomètres",
         "large", "face", "abords", "environs", "direction", "aux portes"}
_CITY_NOUNS = {"capitale", "chef-lieu", "ville", "métropole"}
_DIRECTIONS = DIRECTIONS - {"centre"}  # "Y, au nord de X" is outside X; "au centre de X" is in it
_PLACE_NOUNS = {"ville", "port", "province", "localité", "village", "région", "cité", "capitale", "commune",
                "district", "gouvernorat", "base", "île", "enclave", "territoire"}


class Containment:
    """Reads the containment a sentence states (one instance per article)."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.doc = ctx.doc
        self.gazetteer = ctx.gazetteer

    def read(self, sent: Span) -> dict[str, str]:
        """Record the sentence's containment facts; returns {container key: contained key}."""
        stated: dict[str, str] = {}
        places = [r for r in self.ctx.mentions.in_span(sent.start, sent.end)
                  if (r.is_place or r.source == "facility") and r.source != "adjective"]
        for inner in places:
            if inner.etype == "State":
                continue
            city = self.named_city(inner)
            if city is not None:  # "l'aéroport international d'Erbil" is in Erbil
                self._state(inner, city, sent, stated)
            for outer in self._after_comma(inner, places, sent) + self._in_parentheses(inner, places, sent):
                # "l'aéroport d'Erbil, capitale du Kurdistan irakien": the capital is the city
                capital = city is not None and any(t.lemma_.lower() in _CITY_NOUNS for t in self.doc[inner.end : outer.start])
                self._state(city if capital else inner, outer, sent, stated)
        self._by_adjective(sent, stated)
        return stated

    def named_city(self, ref: EntityRef) -> EntityRef | None:
        """The town a base or a site is named after ("l'aéroport international d'Erbil", "la
        base de Harir"), when the gazetteer knows it as a town."""
        if ref.etype != "MilitaryBase" and ref.source != "facility":
            return None
        found = re.search(r"(?:\bde |\bdu |\bd['’])\s*([A-ZÀ-Ý][\w'’ -]+)$", ref.text)
        entry = self.gazetteer.lookup(found.group(1)) if found else None
        if entry is None or entry.type != "Location" or entry.id == ref.key:
            return None
        return self.ctx.ref_for(entry.id)

    def _after_comma(self, inner: EntityRef, places: list[EntityRef], sent: Span) -> list[EntityRef]:
        if inner.end >= sent.end or self.doc[inner.end].text != ",":
            return []
        for outer in places:
            if outer.start <= inner.end or outer.start > inner.end + 8 or outer.source == "facility":
                continue
            between = self.doc[inner.end + 1 : outer.start]
            words = {t.lower_ for t in between}
            if words & _NEAR or any(t.text in {",", ";", ":", "."} for t in between) or any(t.is_digit for t in between):
                return []
            if words & _DIRECTIONS and words & {"au", "à"} and "dans" not in words:
                return []  # "le camp de Taji, au nord de Bagdad": north of the city, not in it
            if words & _IN or words & _NOUNS or any(t.lemma_.lower() in _NOUNS for t in between):
                return [outer]
            return []
        return []

    def _in_parentheses(self, inner: EntityRef, places: list[EntityRef], sent: Span) -> list[EntityRef]:
        """"Al-Qaïm (Irak)"."""
        i = inner.end
        if i + 2 < sent.end and self.doc[i].text == "(" and self.doc[i + 2].text == ")":
            outer = self.ctx.mentions.by_token.get(i + 1)
            if outer is not None and outer.etype == "State":
                return [outer]
        return []

    def _by_adjective(self, sent: Span, stated: dict[str, str]) -> None:
        """"la ville iranienne de Kerman", "le port yéménite de Hodeida"."""
        for token in sent:
            if token.lemma_.lower() not in _PLACE_NOUNS or token.i + 3 >= sent.end:
                continue
            adjective = self.doc[token.i + 1]
            entry = self.gazetteer.by_adjective(adjective.lower_) if adjective.pos_ == "ADJ" else None
            if entry is None or entry.type != "State" or self.doc[token.i + 2].lower_ not in {"de", "d'", "du"}:
                continue
            inner = self.ctx.mentions.by_token.get(token.i + 3)
            if inner is not None and inner.is_place and inner.key != entry.id:
                self._state(inner, self.ctx.ref_for(entry.id), sent, stated)

    def _state(self, inner: EntityRef, outer: EntityRef, sent: Span, stated: dict[str, str]) -> None:
        if inner.key == outer.key or not self._consistent(inner.key, outer.key):
            return
        stated[outer.key] = inner.key
        self.ctx.add_actor_fact(inner, "locatedIn", outer, sent, PARSED)
        region = self.gazetteer.get(outer.key)
        if region is not None and region.type == "Location" and region.located_in:
            country = self.gazetteer.get(region.located_in)
            if country is not None and country.type == "State" and country.fr and country.fr.lower() in outer.text.lower():
                stated[country.id] = inner.key  # "dans le nord de l'Irak": Erbil is in Iraq
                self.ctx.add_actor_fact(inner, "locatedIn", self.ctx.ref_for(country.id), sent, PARSED)

    def _consistent(self, inner: str, outer: str) -> bool:
        """False when what we know of both places says the inner one is elsewhere."""
        if not (self.gazetteer.knows_place(inner) and self.gazetteer.knows_place(outer)):
            return True
        above = self.gazetteer.containers(inner)
        if outer in above:
            return True
        region = self.gazetteer.get(outer)
        if region is not None and region.located_in in above:
            return True  # a region ("le nord de l'Irak") holds a place when its country does
        outer_country = (self.gazetteer.containers(outer) or [outer])[-1]
        # a place we know in another country is not there; within one country the text may know better
        return not above or above[-1] == outer_country
