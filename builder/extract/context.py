"""What every stage of one article's extraction shares: the parse, its mentions, the
gazetteer, the sentences to read, and the entities and actor facts gathered so far."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer
from ..lexicon import triggers, word_set
from ..records import Article, Fact, Sentence
from .mentions import add_adjective_mentions, find_mentions, resolve_group_references
from .model import STATE_LIKE_TYPES, DocMentions, EntityRef


class ArticleContext:
    """One article being read.  Built once; the stages read it and add to it."""

    def __init__(self, doc: Doc, article: Article, gazetteer: Gazetteer, coreference: bool = True):
        self.doc = doc
        self.article = article
        self.gazetteer = gazetteer
        self.coreference = coreference
        self.lex = triggers()
        self.mentions: DocMentions = find_mentions(doc, gazetteer)
        add_adjective_mentions(doc, gazetteer, self.mentions)
        if coreference:
            resolve_group_references(doc, self.mentions)
        # state-likeness is a type's, not a mention's: "Israël" added for "Tsahal" counts too
        self.state_like: set[str] = {
            ref.key for ref in self.mentions.entities if ref.etype in STATE_LIKE_TYPES
        } | gazetteer.ids_of_types(set(STATE_LIKE_TYPES))
        # blank "sentences" (paragraph breaks) would stretch every distance counted in sentences
        self.sentences: list[Span] = [sent for sent in doc.sents if sent.text.strip()]
        self._sentence_index = {sent.start: i for i, sent in enumerate(self.sentences)}
        self.headline_end = len(article.title) if article.title else 0
        self.used: dict[str, EntityRef] = {}
        self.actor_facts: list[Fact] = []
        self._actor_fact_index: dict[tuple, int] = {}  # (subject, predicate, object, evidence) -> its place
        self.unresolved_dates: list[str] = []
        self.heading_sentences: list[int] = []  # heading lines ("Kstovo, 12 mars."): each opens an episode
        self._evidence: dict[int, Sentence] = {}

    # ------------------------------------------------------------------ sentences
    def sentence_of(self, sent: Span) -> int:
        """The index of a sentence among the article's (blank lines left out)."""
        return self._sentence_index.get(sent.start, 0)

    def in_headline(self, sent: Span) -> bool:
        return sent.start_char < self.headline_end

    def evidence(self, sent: Span) -> Sentence:
        """The sentence as evidence, without the line breaks around it (computed once per sentence)."""
        cached = self._evidence.get(sent.start)
        if cached is None:
            text = sent.text
            start = sent.start_char + (len(text) - len(text.lstrip()))
            end = sent.start_char + len(text.rstrip())
            cached = self._evidence[sent.start] = Sentence(text.strip(), start, end)
        return cached

    # ------------------------------------------------------------------ entities
    def use(self, ref: EntityRef) -> str:
        """Record that a fact names this entity; returns its key."""
        self.used.setdefault(ref.key, ref)
        return ref.key

    def add_actor_fact(self, subject: EntityRef, predicate: str, obj: EntityRef, sent: Span, confidence: float) -> None:
        if subject.key == obj.key:
            return
        evidence = self.evidence(sent)
        key = (subject.key, predicate, obj.key, evidence)
        i = self._actor_fact_index.get(key)
        if i is not None:  # read twice in one sentence: once, at the better confidence
            fact = self.actor_facts[i]
            if confidence > fact.confidence:
                self.actor_facts[i] = Fact(fact.subject, predicate, fact.object, evidence, confidence)
            return
        self._actor_fact_index[key] = len(self.actor_facts)
        self.actor_facts.append(Fact(self.use(subject), predicate, self.use(obj), evidence, confidence))

    def ref_for(self, key: str) -> EntityRef:
        """A reference to a gazetteer entry that the text names only indirectly."""
        entry = self.gazetteer.get(key)
        return EntityRef(entry.id, entry.type, 0, 0, entry.fr or entry.en, "gazetteer", entry.en, entry.fr,
                         known=True, wikidata=entry.wikidata)

    def state_of(self, ref: EntityRef) -> EntityRef | None:
        """The state a military body belongs to (Centcom, the US Air Force -> United States)."""
        if not ref.known or ref.etype != "MilitaryOrganization":
            return None
        key = ref.key
        for _ in range(3):
            entry = self.gazetteer.get(key)
            if entry is None or entry.part_of is None:
                return None
            parent = self.gazetteer.get(entry.part_of)
            if parent is not None and parent.type == "State":
                return self.ref_for(parent.id)
            key = entry.part_of
        return None

    # ------------------------------------------------------------------ places
    def expand(self, keys) -> set[str]:
        """The places with every place that contains them (al-Qaïm -> Anbar -> Iraq)."""
        places = set()
        for key in keys:
            places.add(key)
            places.update(self.gazetteer.containers(key))
        return places

    def states(self, keys) -> set[str]:
        return {k for k in keys if (entry := self.gazetteer.get(str(k))) is not None and entry.type == "State"}

    def is_place(self, key) -> bool:
        entry = self.gazetteer.get(str(key))
        return entry is not None and entry.type in {"Location", "State", "MilitaryBase"}

    def places_of(self, holder) -> set[str]:
        """An event's places (and targets that are places) with what contains them."""
        return self.expand(holder.objects("location") | {o for o in holder.objects("target") if self.is_place(o)})

    # ------------------------------------------------------------------ words
    @property
    def statement_verbs(self) -> frozenset[str]:
        # "ont démenti jeudi", "a déclaré mardi": the day of a statement; a claim ("a revendiqué
        # dimanche une attaque") is read as the attack's day, which it almost always is
        return word_set("speech_verbs") | word_set("deny", "verbs") | {"publier"}

    @property
    def troop_people(self) -> frozenset[str]:
        # the people among the troop words: a ship or an installation of theirs is a target
        return word_set("troop_nouns") - {"installation", "intérêt", "navire", "destroyer", "porte-avions"}
