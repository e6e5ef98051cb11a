"""Read one parsed article into entities, events and facts, stage by stage.

1. **Mentions** (``context``, ``mentions``, ``collectives``): the names of actors,
   places and weapons, unnamed collectives, state adjectives, "le groupe" for the
   group named before.
2. **Event candidates** (``candidates``): the event words of each sentence, and the
   words that syntax ties to them.
3. **Roles and details** (``participants``, ``roles``, ``details``): who carried out
   each candidate, what it aimed at, where, with what, with what toll, when.
4. **Events** (``clustering``, ``compatibility``): each candidate joins the event told
   before that it fits, by the compatibility score, or starts one.
5. **Relations around events** (``claims``, ``retaliation``): claims, denials and
   attributions of each event, and which event answers which.
6. **Relations between actors** (``actors``): backing, affiliation, rank.
7. **Consolidation and output** (``clustering.consolidate``, ``output``): events a later
   telling repeats are merged, then everything becomes an ``Extraction``.

Stages 2 to 6 run sentence by sentence, so that a sentence's candidates are placed
among the events already told, and its claims read against them.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from ..records import Article, Extraction
from .actors import ActorRelations
from .candidates import CandidateFinder, SentenceEvents
from .claims import Claims
from .clustering import EventClusters
from .context import ArticleContext
from .details import Details
from .model import EventCluster, EventMention, FactHolder
from .output import Output
from .participants import Participants
from .reference import References
from .retaliation import Retaliation
from .roles import Roles

PRONOUN_WINDOW = 2  # sentences back that "elle a été menée par" may look


def _event_of(holder: FactHolder) -> EventCluster | None:
    return holder.cluster if isinstance(holder, EventMention) else holder  # type: ignore[return-value]


def _by_event(events: SentenceEvents) -> tuple[dict, list]:
    """The sentence's anchors and event words, mapped to the events they were placed in."""
    anchors = {i: c for i, h in events.anchors.items() if (c := _event_of(h)) is not None}
    local = [(i, c) for i, h in events.local if (c := _event_of(h)) is not None]
    return anchors, local


def read_article(doc: Doc, article: Article, gazetteer: Gazetteer, coreference: bool = True) -> Extraction:
    """Extract entities, events and facts from a parsed article.

    ``coreference=False`` switches off the entity coreference rules ("le groupe",
    "ces factions", "il", "qui" -> the actor they refer to), to measure their gain.
    """
    ctx = ArticleContext(doc, article, gazetteer, coreference)
    refs = References(ctx)
    finder = CandidateFinder(ctx)
    participants = Participants(ctx, refs, Roles(ctx))
    details = Details(ctx, participants)
    events = EventClusters(ctx)
    claims, retaliation, actors = Claims(ctx, refs), Retaliation(ctx), ActorRelations(ctx, refs)
    for s_index, sent in enumerate(ctx.sentences):
        sentence = finder.read_sentence(sent, s_index, events.recent(s_index, PRONOUN_WINDOW))
        participants.read(sentence, events.recent(s_index))
        details.read(sentence)
        for mention in sentence.mentions:
            events.place(mention)
        anchors, local = _by_event(sentence)
        read = claims.read(sent, anchors, local, events.clusters)
        actors.read(sent, skip=read)
        retaliation.read(sent, anchors, local, events.clusters)
    events.consolidate()
    events.merge_headline_causes()
    return Output(ctx, events.clusters).finish()
