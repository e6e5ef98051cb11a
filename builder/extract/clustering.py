"""The events stage: which event words of the article tell the same event.

Each candidate (``EventMention``), in text order, joins the event told before that it
fits best, or starts a new one.  Fit is the compatibility score
(``compatibility.score``): nothing may rule the two apart, and what they share,
the mention's determiner and the distance between them decide.

* A demonstrative ("cette attaque", "ces frappes"), a definite noun in the body
  ("l'attaque") and a word that only names events ("l'opération", "l'incident")
  refer back: to the best-scoring compatible event of the last six sentences (a
  demonstrative or "l'opération" may name an event of the other kind when none of
  its own kind fits).  "l'opération" that fits nothing and says nothing is no event.  "l'attaque"
  does not name a series ("les attaques"); "ces attaques" names a series before it
  names one attack.  What "pour venger", "en réponse à" name is not the event of the
  same sentence that answers it.
* A judgement with nothing of its own ("Bagdad a dénoncé une « agression »") names
  the event told in the two sentences before.
* An indefinite word or a verb in the body starts a new event, unless it repeats the
  headline's event (told in the three sentences after it, of its kind, sharing a
  weapon, a perpetrator or a target; a series of attacks does not repeat one attack).

Once the article is read, ``consolidate`` merges the events that a later telling
repeats ("une frappe dans l'ouest de l'Irak", "la frappe contre al-Qaïm"): same kind,
compatible, sharing a place (or, with no place on one side, the same state's strikes
or the same troops attacked), both told in the pluperfect or neither (unless they
share a date), unless the later one is marked as another ("une
nouvelle attaque"), one answers the other, one is the headline's, or they are told in two
entries of a chronology ("3 janvier 2020 - ...") or under two heading lines ("Kstovo, 12 mars.").
"""

from __future__ import annotations

from .compatibility import EventView, compare, place_keys, related, score
from .model import EventCluster, EventMention, FactHolder

WINDOW = 6  # sentences a definite mention looks back
JUDGED_WINDOW = 2
HEADLINE_WINDOW = 3


class EventClusters:
    """The events of one article, built mention by mention."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.gazetteer = ctx.gazetteer
        self.clusters: list[EventCluster] = []

    # ------------------------------------------------------------------ views
    def view(self, holder: FactHolder) -> EventView:
        targets = frozenset(holder.objects("target"))
        perpetrators = frozenset(holder.perpetrators)
        first = holder if isinstance(holder, EventMention) else holder.mentions[0]
        return EventView(
            kind=holder.kind(self.ctx.state_like),
            dates=frozenset(holder.dates),
            perpetrators=perpetrators,
            accused=perpetrators | frozenset(holder.objects("attributedTo")),
            targets=targets,
            places=place_keys(holder.objects("location") | holder.objects("near"), targets, self.gazetteer),
            weapons=frozenset(holder.weapons),
            hints=frozenset(holder.hints),
            plural=first.plural,
            background=first.background,
        )

    def recent(self, s_index: int, within: int | None = None) -> list[EventCluster]:
        """The events told up to sentence ``s_index`` (not after), most recent first."""
        told = [c for c in self.clusters if c.first_sentence <= s_index
                and (within is None or s_index - self._last_before(c, s_index) <= within)]
        return sorted(told, key=lambda c: (self._last_before(c, s_index), c.index), reverse=True)

    @staticmethod
    def _last_before(cluster: EventCluster, s_index: int) -> int:
        return max((m.sentence for m in cluster.mentions if m.sentence <= s_index), default=-1)

    # ------------------------------------------------------------------ placing a mention
    def place(self, mention: EventMention) -> EventCluster | None:
        """Put the mention in its event (``None``: a bare "l'opération" naming nothing told)."""
        cluster = self._referent(mention)
        if cluster is None and mention.anaphoric and not mention.facts:
            return None
        if cluster is None:
            cluster = EventCluster(len(self.clusters), mention.family, headline=mention.headline,
                                   plural=mention.plural, distinct=mention.distinct)
            self.clusters.append(cluster)
        cluster.absorb(mention)
        mention.cluster = cluster
        return cluster

    def _referent(self, mention: EventMention) -> EventCluster | None:
        s = mention.sentence
        mine = self.view(mention)
        if mention.judged and not (mine.weapons or mine.targets or mine.perpetrators):
            recent = self.recent(s, JUDGED_WINDOW)
            if recent:
                return recent[0]
        if mention.demonstrative or (mention.definite and not mention.headline) or mention.anaphoric:
            return self._antecedent(mention, mine)
        if not mention.headline:
            # an indefinite mention in the body may repeat the headline's event
            for cluster in self.clusters:
                theirs = self.view(cluster)
                if (cluster.headline and s - cluster.first_sentence <= HEADLINE_WINDOW and theirs.kind == mine.kind
                        and not (mine.kind == "Attack" and mention.plural != cluster.plural)
                        and (mine.weapons & theirs.weapons or mine.perpetrators & theirs.perpetrators
                             or mine.targets & (theirs.targets | theirs.places))):
                    return cluster
        return None

    def _antecedent(self, mention: EventMention, mine: EventView) -> EventCluster | None:
        """The event a referring mention names: the best fit of its kind, else (for a
        demonstrative or "l'opération") the best fit of any kind."""
        determiner = "demonstrative" if mention.demonstrative else "definite"
        any_kind = mention.demonstrative or mention.anaphoric
        best, fallback = None, None
        for cluster in self.recent(mention.sentence):
            distance = mention.sentence - self._last_before(cluster, mention.sentence)
            if distance > WINDOW:
                break
            if mention.answered and any(m.sentence == mention.sentence for m in cluster.mentions):
                continue  # "ont tiré des missiles pour venger l'assassinat": not the missile fire
            theirs = self.view(cluster)
            if cluster.plural and not mention.plural and mine.kind == "Attack" and theirs.kind == "Attack":
                continue  # "l'attaque" does not name a series ("les attaques"); strikes come in packages
            fit = score(mine, theirs, self.gazetteer, determiner=determiner, distance=distance)
            if fit is not None:
                # "ces attaques" names a series before it names one attack
                rank = (cluster.plural or not mention.plural, fit)
                if best is None or rank > best[0]:
                    best = (rank, cluster)
            elif any_kind and fallback is None:
                loose = score(mine, theirs, self.gazetteer, determiner=determiner, distance=distance, kinds=False)
                if loose is not None:
                    fallback = (loose, cluster)
        chosen = best or fallback
        return chosen[1] if chosen else None

    # ------------------------------------------------------------------ after the article
    def consolidate(self) -> dict[int, int]:
        """Merge the events a later telling repeats; returns {merged index: kept index}."""
        merged: dict[int, int] = {}
        kept: list[EventCluster] = []
        for cluster in self.clusters:
            target = None
            if not cluster.distinct and not cluster.headline:
                mine = self.view(cluster)
                for earlier in kept:
                    if self._repeats(cluster, mine, earlier):
                        target = earlier  # the last one told that fits
            if target is None:
                kept.append(cluster)
                continue
            merged[cluster.index] = target.index
            target.merge(cluster)
        self._renumber_links(merged)
        self.clusters = kept
        return merged

    def _episode(self, cluster: EventCluster) -> tuple[int | None, int]:
        """The chronology entry and the heading line ("Kstovo, 12 mars.") an event is told under."""
        first = cluster.first_sentence
        return (self.ctx.article.entry_at(self.ctx.sentences[first].start_char),
                sum(1 for s in self.ctx.heading_sentences if s <= first))

    def _repeats(self, cluster: EventCluster, mine: EventView, earlier: EventCluster) -> bool:
        if self._episode(cluster) != self._episode(earlier):
            return False  # two entries of a chronology, two headed paragraphs: two episodes
        theirs = self.view(earlier)
        if mine.kind != theirs.kind or (mine.kind == "Attack" and mine.plural != theirs.plural):
            return False  # "les attaques" (a campaign) is not "une attaque"; a strike package is plural anyway
        comparison = compare(mine, theirs, self.gazetteer)
        if not comparison.compatible:
            return False
        if mine.background != theirs.background and "date" not in comparison.evidence:
            return False  # "une attaque avait visé la même base en 2020": an earlier event
        shares_place = "place" in comparison.evidence
        if not shares_place:
            if mine.places and theirs.places:
                return False
            same_actor = bool(mine.perpetrators) and mine.perpetrators == theirs.perpetrators
            # plural attacks told twice in one article are one campaign: same troops targeted, or
            # one of the two names no place at all
            campaign = mine.kind == "Attack" and mine.plural and (bool(mine.hints & theirs.hints) or not (mine.places and theirs.places))
            if not ((mine.kind == "Strike" and same_actor) or campaign):
                return False
        mine_at, theirs_at = cluster.objects("location"), earlier.objects("location")
        if mine_at and theirs_at and mine.plural != theirs.plural and not any(
                related(p, q, self.gazetteer) for p in mine_at for q in theirs_at):
            return False
        return not any(f.object_kind == "event" and f.object in {earlier.index, cluster.index}
                       for f in cluster.facts + earlier.facts)  # one answers the other

    def merge_headline_causes(self) -> None:
        """A headline's bare cause is the one the body gives for the same response.

        "Après une attaque contre les forces américaines : les États-Unis attaquent ..."
        names the attack only in passing; the body then says which attacks the strikes
        answer ("en réponse aux récentes attaques de l'Iran ..."). A headline event with
        nothing said about it, answered by a response that also answers one body event of
        its kind (and on the same troops, when both say whose), is that body event.
        """
        by_index = {cluster.index: cluster for cluster in self.clusters}
        merged: dict[int, int] = {}
        state_like = self.ctx.state_like
        for response in self.clusters:
            causes = [by_index[f.object] for f in response.facts
                      if f.predicate == "retaliatedFor" and f.object in by_index]
            for bare in (c for c in causes if c.headline and not c.facts):
                kind = bare.kind(state_like)
                body = {c.index for c in causes if not c.headline and c.kind(state_like) == kind
                        and not (bare.hints and c.hints and not bare.hints & c.hints)}
                if len(body) == 1:
                    merged[bare.index] = body.pop()
        if not merged:
            return
        for cluster in self.clusters:
            facts, cluster.facts = cluster.facts, []
            for fact in facts:
                if fact.object_kind == "event" and fact.object in merged:
                    fact.object = merged[fact.object]
                cluster.add(fact)  # the two links to one cause become one, at the higher confidence
        for index, into in merged.items():
            by_index[into].mentions = sorted(by_index[into].mentions + by_index[index].mentions, key=lambda m: m.index)
        self.clusters = [cluster for cluster in self.clusters if cluster.index not in merged]

    def _renumber_links(self, merged: dict[int, int]) -> None:
        for cluster in self.clusters:
            for fact in cluster.facts:
                if fact.object_kind == "event" and fact.object in merged:
                    fact.object = merged[fact.object]
