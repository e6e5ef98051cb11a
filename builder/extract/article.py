"""Read one parsed article into entities, events and facts.

Sentence by sentence: find event words and merge them into the article's event
frames (a definite "l'attaque" or "ces frappes" refers back; an indefinite one
is new), read each frame's roles, counts and dates, then the relations between
actors and events (claims, denials, attributions, retaliation) and between
actors (backing, affiliation).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..gazetteer import Gazetteer
from ..lexicon import triggers, word_set
from ..records import Article, Entity, Event, Extraction, Fact, Mention, Sentence
from .casualties import find_counts, victims_of
from .dates import find_dates, is_calendar
from .events import EventFinder, determiner, governing_preposition, is_hedged, is_sourced, mention_root
from .frames import Frame, FrameFact
from .mentions import DocMentions, EntityRef, find_mentions
from .relations import RelationReader

# confidence of a fact by how it was read
PARSED = 0.8
NEARBY = 0.6
HEDGED = 0.5
IMPLICIT = 0.4


class ArticleReader:
    """Turn one ``Doc`` into an ``Extraction``.  One instance per article."""

    def __init__(self, doc: Doc, article: Article, gazetteer: Gazetteer, coreference: bool = True):
        self.doc = doc
        self.article = article
        self.gazetteer = gazetteer
        self.lex = triggers()
        self.mentions: DocMentions = find_mentions(doc, gazetteer)
        self._add_adjective_mentions()
        self.coreference = coreference
        if coreference:
            self._resolve_group_references()
        # state-likeness is a type's, not a mention's: "Israël" added for "Tsahal" counts too
        self.state_like: set[str] = {
            ref.key for ref in self.mentions.entities if ref.etype in {"State", "MilitaryOrganization", "Coalition"}
        } | gazetteer.ids_of_types({"State", "MilitaryOrganization", "Coalition"})
        self.finder = EventFinder(doc, self.mentions, self.state_like)
        self.frames: list[Frame] = []
        # blank "sentences" (paragraph breaks) would stretch every distance counted in sentences
        self.sentences: list[Span] = [sent for sent in doc.sents if sent.text.strip()]
        self.headline_end = self._headline_end()
        self.used: dict[str, EntityRef] = {}
        self.actor_facts: list[Fact] = []
        self.relations = RelationReader(self)
        self._local_places: set[str] = set()
        self.unresolved_dates: list[str] = []
        self._sentence_triggers: set[int] = set()
        self._evidence: dict[int, Sentence] = {}
        # "ont démenti jeudi", "a déclaré mardi": the day of a statement; a claim ("a revendiqué
        # dimanche une attaque") is read as the attack's day, which it almost always is
        self._statement_verbs = word_set("speech_verbs") | word_set("deny", "verbs") | {"publier"}
        # the people among the troop words: a ship or an installation of theirs is a target
        self._troop_people = word_set("troop_nouns") - {"installation", "intérêt", "navire", "destroyer", "porte-avions"}
        self.role_word: dict[int, Token] = {}  # anchored token -> the event word its roles are read against

    # ------------------------------------------------------------------ setup
    def _headline_end(self) -> int:
        if not self.article.title:
            return 0
        return len(self.article.title)

    def _add_adjective_mentions(self) -> None:
        """State adjectives on event words and troops: "frappes américaines"."""
        event_words = word_set("event_nouns") | word_set("troop_nouns") | {
            "avion", "chasseur", "bombardier", "aviation", "armée", "réponse", "drone", "navire"}
        for token in self.doc:
            if token.pos_ != "ADJ" or token.i in self.mentions.by_token or token.text.lower().startswith("pro-"):
                continue
            entry = self.gazetteer.by_adjective(token.lower_)
            if entry is None or entry.type not in {"State", "ArmedGroup"}:
                continue
            head = token.head
            if token.dep_ == "conj" and head.pos_ == "ADJ":
                head = head.head  # "avions de combat américains et britanniques": both qualify the aircraft
            on_weapon = head.i in self.mentions.weapon_by_token  # "un hélicoptère américain", "drone israélien"
            # a group's adjective also marks what is theirs: "des positions houthies", "combattants houthis"
            theirs = entry.type == "ArmedGroup" and head.lemma_.lower() in word_set("member_nouns") | word_set("storage_nouns") | {"site", "cible", "infrastructure"}
            if on_weapon or theirs or head.lemma_.lower() in event_words or head.lemma_.lower() in {"sol", "territoire"}:
                self.mentions.add(
                    EntityRef(entry.id, entry.type, token.i, token.i + 1, token.text, "adjective",
                              entry.en, entry.fr, known=True, wikidata=entry.wikidata)
                )

    def _resolve_group_references(self) -> None:
        """"ces groupes", "ces factions", "la milice": the last armed group named before."""
        group_nouns = word_set("group_nouns")
        for token in self.doc:
            if token.pos_ != "NOUN" or token.lemma_.lower() not in group_nouns or token.i in self.mentions.by_token:
                continue
            det = determiner(token)
            if det not in {"ce", "cet", "cette", "ces", "le", "la", "les", "l'"}:
                continue
            if any(c.dep_ in {"nmod", "appos", "flat:name"} and c.i in self.mentions.by_token for c in token.children):
                continue  # "le groupe X": X is named right there
            earlier = [r for r in self.mentions.entities if r.end <= token.i and r.etype == "ArmedGroup"]
            if not earlier or token.i - earlier[-1].end > 120:
                continue
            antecedent = max(earlier, key=lambda r: r.end)
            start = token.i - 1 if token.i > 0 and self.doc[token.i - 1].lower_ == det else token.i
            self.mentions.add(EntityRef(antecedent.key, antecedent.etype, start, token.i + 1,
                                        self.doc[start : token.i + 1].text, "coref", antecedent.label_en,
                                        antecedent.label_fr, antecedent.known, antecedent.wikidata))

    # ------------------------------------------------------------------ helpers
    def evidence(self, sent: Span) -> Sentence:
        """The sentence as evidence, without the line breaks around it (computed once per sentence)."""
        cached = self._evidence.get(sent.start)
        if cached is None:
            text = sent.text
            start = sent.start_char + (len(text) - len(text.lstrip()))
            end = sent.start_char + len(text.rstrip())
            cached = self._evidence[sent.start] = Sentence(text.strip(), start, end)
        return cached

    def use(self, ref: EntityRef) -> str:
        self.used.setdefault(ref.key, ref)
        return ref.key

    def frame_facts(self, frame: Frame, predicate: str, obj, kind: str, sent: Span, confidence: float) -> None:
        frame.add(FrameFact(predicate, obj, kind, self.evidence(sent), confidence))

    def add_actor_fact(self, subject: EntityRef, predicate: str, obj: EntityRef, sent: Span, confidence: float) -> None:
        if subject.key == obj.key:
            return
        self.actor_facts.append(
            Fact(self.use(subject), predicate, self.use(obj), self.evidence(sent), confidence)
        )

    # ------------------------------------------------------------------ frames
    def _frame_for_trigger(self, token: Token, family: str, is_verb: bool, sent: Span, s_index: int,
                           local: list[tuple[int, Frame]], anchors: dict[int, Frame]) -> Frame | None:
        det = determiner(token) if not is_verb else None
        plural = "Plur" in token.morph.get("Number")
        in_headline = sent.start_char < self.headline_end
        # "des tirs de roquettes et des frappes de drones": coordinated words, one event
        if token.dep_ == "conj" and token.head.i in anchors and not is_verb:
            return anchors[token.head.i]
        # "l'Iran a tiré une douzaine de missiles": the weapons launched are the verb's event
        if not is_verb and token.dep_ == "nmod" and token.head.lemma_.lower() in self.lex["quantity_nouns"]:
            verb = token.head.head
            if token.head.dep_ == "obj" and verb.i in anchors and verb.pos_ == "VERB":
                return anchors[verb.i]
        if is_verb:
            # a verb whose subject is an event ("l'attaque a visé") belongs to that event
            for child in token.children:
                if child.dep_ in {"nsubj", "nsubj:pass", "obl:agent"} and child.lemma_.lower() in self.lex["event_nouns"]:
                    return None  # "l'attaque a visé", "a été visée par une frappe": that event's verb
            # only the verb's own subject counts here: "prétendant avoir ciblé ..." borrows the
            # clause's subject and tells the same strike
            subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
            no_actor = subject is None or subject.i in self.mentions.weapon_by_token or subject.lower_ in {"qui", "il", "elle", "ils", "elles"}
            if no_actor and local:
                return local[-1][1]  # "... prétendant avoir ciblé", "un avion qui a frappé"
        weapons = {w.key for w in self.mentions.weapons
                   if token.i < w.start <= token.i + 4 and governing_preposition(self.doc[w.start]) in {"de", "d'", "par", "au", "à"}}
        if token.i in self.mentions.weapon_by_token:
            weapons.add(self.mentions.weapon_by_token[token.i].key)  # "un drone a été lancé"
        targets, perpetrators, hints = self._local_roles(token, is_verb, sent)
        kind = "Strike" if family == "Strike" or (perpetrators and perpetrators <= self.state_like) else "Attack"
        if det in {"ce", "cet", "cette", "ces"} or (det in {"le", "la", "les", "l'"} and not in_headline):
            match = self._corefer(kind, plural, weapons, targets, hints, perpetrators, s_index,
                                  any_family=det in {"ce", "cet", "cette", "ces"})
            if match is not None:
                return match
        judged = token
        while judged.dep_ == "conj" and judged.head.i != judged.i:
            judged = judged.head  # "a condamné une violation ... et une agression"
        if (not is_verb and not in_headline and judged.dep_ == "obj" and judged.head.lemma_.lower() in self.lex["condemnation_verbs"]
                and not (weapons or targets or perpetrators)):
            # "Bagdad a dénoncé une « agression »": a judgement on the event just told, not a new one
            recent = [f for f in self.frames if s_index - f.last_sentence <= 2]
            if recent:
                return max(recent, key=lambda f: (f.last_sentence, f.index))
        if not is_verb and token.lemma_.lower() in self.lex["coref_only_nouns"]:
            return None  # "l'opération", "l'incident": only a name for an event already told
        elif not in_headline:
            # an indefinite mention in the body may repeat the headline's event
            for frame in self.frames:
                if (frame.headline and s_index - frame.first_sentence <= 3 and frame.kind(self.state_like) == kind
                        and ((weapons & frame.weapons) or (perpetrators & frame.perpetrators) or (targets & frame.places))):
                    return frame
        frame = Frame(len(self.frames), family, s_index, s_index, headline=in_headline, plural=plural,
                      distinct=self._marked_distinct(token, sent))
        frame.hints |= hints
        self.frames.append(frame)
        return frame

    def _attached(self, token: Token, own: set[int], limit: int = 8) -> bool:
        """Is ``token`` in the phrase of this event word, before any other event word?"""
        current = token
        for _ in range(limit):
            if current.i in own:
                return True
            if current.i in self._sentence_triggers and current.i != token.i:
                return False  # "... dans son agression contre Gaza": Gaza belongs to "agression"
            if current.head.i == current.i:
                return False
            current = current.head
        return False

    def _verbs_above(self, token: Token, limit: int = 5):
        current = self.finder.event_head(token, token.pos_ == "VERB")
        for _ in range(limit):
            if current.head.i == current.i:
                return
            current = current.head
            if current.pos_ in {"VERB", "AUX"}:
                yield current

    def _denied_by(self, trigger: Token, ref: EntityRef) -> bool:
        """Is the event governed by a denial of this actor ("X a démenti avoir visé")?"""
        deny = word_set("deny", "verbs")
        for verb in self._verbs_above(trigger):
            if verb.lemma_.lower() in deny:
                subject = self.relations.subject_of(verb)
                return subject is not None and self.relations.actor_at(subject) is not None and \
                    self.relations.actor_at(subject).key == ref.key
        return False

    def _own_word(self, trigger: Token, ref: EntityRef, speaker: EntityRef | None) -> bool:
        """Does the actor say it did it: "X affirme avoir mené", "affirmant avoir visé",
        or its own spokesman says so ("a affirmé leur porte-parole")?"""
        # "a affirmé leur porte-parole", "selon son porte-parole": the group's own spokesman
        own_spokesman = any(t.lemma_.lower() in {"porte-parole", "porte-parol", "chef", "commandant", "dirigeant"}
                            and any("Yes" in c.morph.get("Poss") for c in t.children) for t in trigger.sent)
        if speaker is not None and speaker.key != ref.key:
            entry = self.gazetteer.get(speaker.key)
            if entry is not None and entry.part_of == ref.key:
                return True
            return own_spokesman
        if own_spokesman and ref.etype not in {"State", "MilitaryOrganization", "Coalition"}:
            return True
        claims = {"affirmer", "assurer", "annoncer", "dire", "déclarer", "revendiquer", "prétendre"}
        for verb in self._verbs_above(trigger):
            if verb.lemma_.lower() in claims:
                subject = self.relations.subject_of(verb)
                found = self.relations.actor_at(subject) if subject is not None else None
                return found is not None and found.key == ref.key
        return False

    def _in_reported_words(self, token: Token, sent: Span) -> bool:
        """Inside a quotation, or a "que" clause of a speech verb: the speaker's own words."""
        opened = 0
        for t in sent:
            if t.i >= token.i:
                break
            if t.text in {"«", "“"}:
                opened += 1
            elif t.text in {"»", "”"}:
                opened -= 1
        if opened > 0 or sum(1 for t in sent if t.text == '"' and t.i < token.i) % 2 == 1:
            return True
        speech = word_set("speech_verbs")
        for ancestor in token.ancestors:
            if any(c.dep_ == "mark" and c.lower_ in {"que", "qu'"} for c in ancestor.children):
                return ancestor.head.lemma_.lower() in speech
        return False

    def _in_main_clause(self, trigger: Token) -> bool:
        head = self.finder.event_head(trigger, trigger.pos_ == "VERB")
        return head.dep_ == "ROOT" or (head.head.dep_ == "ROOT" and head.dep_ in {"nsubj", "nsubj:pass", "obj"})

    def _is_subheading(self, sent: Span) -> bool:
        """A section heading inside the body ("Plus de 60 attaques contre des bases américaines").

        Saved pages keep their crossheads: short lines with no verb and no final
        stop, that sum up several events at once.  Their words are not events of
        their own; the article's title is read as usual.
        """
        if sent.start_char < self.headline_end:
            return False
        words = [t for t in sent if not t.is_space]
        if not words or len(words) > 14 or words[-1].text in {".", "!", "?", "»", '"', ":"}:
            return False
        return not any(t.pos_ in {"VERB", "AUX"} for t in words)

    def _marked_distinct(self, token: Token, sent: Span) -> bool:
        """"une nouvelle attaque", "une autre frappe", "avait déjà eu lieu", "à trois reprises"."""
        markers = self.lex["distinct_markers"]
        if any(c.lemma_.lower() in markers["adjectives"] or c.lower_ in markers["adjectives"] for c in token.children):
            return True
        clause = [t for t in sent if t.head.i == token.head.i or t.head.i == token.i or t.i == token.head.i]
        return any(t.lower_ in markers["adverbs"] for t in clause + list(token.head.children))

    def _places(self, frame: Frame) -> set[str]:
        """A frame's places with what contains them (Al-Qaim -> Anbar -> Iraq)."""
        return self._expand(frame.objects("location") | {o for o in frame.objects("target") if self._is_place(o)})

    def _expand(self, keys) -> set[str]:
        places = set()
        for key in keys:
            places.add(key)
            places.update(self.gazetteer.containers(key))
        return places

    def _states(self, keys) -> set[str]:
        return {k for k in keys if (entry := self.gazetteer.get(str(k))) is not None and entry.type == "State"}

    def _is_place(self, key) -> bool:
        entry = self.gazetteer.get(str(key))
        return entry is not None and entry.type in {"Location", "State", "MilitaryBase"}

    def _consolidate(self) -> None:
        """Merge frames of one article that tell the same event.

        News articles name their main event many times ("les frappes", "une
        frappe dans l'ouest de l'Irak", "l'attaque américaine contre al-Qaïm").
        A later frame joins an earlier one of the same kind when their places
        overlap (containment counts), their dates and perpetrators do not
        conflict, and nothing marks it as another event ("une nouvelle
        attaque", "déjà", "à trois reprises").
        """
        merged: dict[int, int] = {}
        kept: list[Frame] = []
        for frame in self.frames:
            target = None
            if not frame.distinct and not frame.headline:
                for earlier in kept:
                    kind = earlier.kind(self.state_like)
                    if kind != frame.kind(self.state_like):
                        continue
                    if kind == "Attack" and earlier.plural != frame.plural:
                        continue  # "les attaques" (a campaign) is not "une attaque"; a strike package is plural anyway
                    if frame.perpetrators and earlier.perpetrators and not (frame.perpetrators & earlier.perpetrators):
                        continue
                    if frame.dates and earlier.dates and not (frame.dates & earlier.dates):
                        continue
                    mine, theirs = self._places(frame), self._places(earlier)
                    same_actor = bool(frame.perpetrators) and frame.perpetrators == earlier.perpetrators
                    # plural attacks told twice in one article are one campaign: same troops
                    # targeted, or one of the two mentions names no place at all
                    campaign = kind == "Attack" and frame.plural and earlier.plural and (
                        bool(frame.hints & earlier.hints) or not mine or not theirs)
                    if not (mine and theirs and mine & theirs) and not (
                            (kind == "Strike" and same_actor or campaign) and not (mine and theirs)):
                        # places must overlap; a strike by the same actor, or attacks on the same
                        # state's troops ("les attaques contre les forces américaines"), that name
                        # no place are the same
                        continue
                    if frame.objects("location") and earlier.objects("location") and frame.plural != earlier.plural and not (frame.objects("location") & earlier.objects("location")):
                        continue
                    if any(f.object_kind == "event" and f.object in {earlier.index, frame.index} for f in frame.facts + earlier.facts):
                        continue  # one answers the other
                    target = earlier
            if target is None:
                kept.append(frame)
                continue
            merged[frame.index] = target.index
            for fact in frame.facts:
                target.add(fact)
            target.triggers.extend(frame.triggers)
            target.last_sentence = max(target.last_sentence, frame.last_sentence)
        for frame in kept:
            for fact in frame.facts:
                if fact.object_kind == "event" and fact.object in merged:
                    fact.object = merged[fact.object]
        self.relations.referenced = {merged.get(i, i) for i in self.relations.referenced}
        self.frames = kept

    def _merge_headline_causes(self) -> None:
        """A headline's bare cause is the one the body gives for the same response.

        "Après une attaque contre les forces américaines : les États-Unis attaquent ..."
        names the attack only in passing; the body then says which attacks the strikes
        answer ("en réponse aux récentes attaques de l'Iran ..."). A headline event with
        nothing said about it, answered by a response that also answers one body event of
        its kind (and on the same troops, when both say whose), is that body event.
        """
        by_index = {frame.index: frame for frame in self.frames}
        merged: dict[int, int] = {}
        for response in self.frames:
            causes = [by_index[f.object] for f in response.facts
                      if f.predicate == "retaliatedFor" and f.object in by_index]
            for bare in (c for c in causes if c.headline and not c.facts):
                kind = bare.kind(self.state_like)
                body = {c.index for c in causes if not c.headline and c.kind(self.state_like) == kind
                        and not (bare.hints and c.hints and not bare.hints & c.hints)}
                if len(body) == 1:
                    merged[bare.index] = body.pop()
        if not merged:
            return
        for frame in self.frames:
            facts, frame.facts = frame.facts, []
            for fact in facts:
                if fact.object_kind == "event" and fact.object in merged:
                    fact.object = merged[fact.object]
                frame.add(fact)  # the two links to one cause become one, at the higher confidence
        self.relations.referenced = {merged.get(i, i) for i in self.relations.referenced}
        self.frames = [frame for frame in self.frames if frame.index not in merged]

    def _local_roles(self, token: Token, is_verb: bool, sent: Span) -> tuple[set[str], set[str], set[str]]:
        """Targets, perpetrators and troop hints ("contre les forces américaines") of an event word.

        Places go to ``self._local_places`` for the coreference check.
        """
        targets, perpetrators, hints = set(), set(), set()
        self._local_places = set()
        own = {token.i, self.finder.event_head(token, is_verb).i}
        for ref in self.mentions.in_span(sent.start, sent.end):
            if not self._attached(self.doc[ref.start:ref.end].root, own):
                continue  # a name elsewhere in the sentence says nothing of this event
            if ref.source == "adjective":
                noun = self.doc[ref.start].head
                if governing_preposition(noun) in {"contre", "visant", "ciblant"} and noun.head.i == token.i:
                    hints.add(ref.key)
            role = self.finder.role_of_entity(ref, token, is_verb)
            if role == "target" and self._troops_of(ref):
                hints.add(ref.key)
            elif role == "target":
                targets.add(ref.key)
            elif role == "perpetrator":
                perpetrators.add(ref.key)
            elif role == "location":
                self._local_places.add(ref.key)
        return targets, perpetrators, hints

    def _corefer(self, kind: str, plural: bool, weapons: set, targets: set, hints: set, perpetrators: set,
                 s_index: int, any_family: bool) -> Frame | None:
        """The earlier event a definite mention names: recent, same kind, compatible."""
        fallback = None
        # most recently mentioned first: creation order is not recency; "ces attaques" names a
        # series before it names one attack
        order = sorted(self.frames, key=lambda f: (f.last_sentence, f.index), reverse=True)
        if plural:
            order = [f for f in order if f.plural] + [f for f in order if not f.plural]
        for frame in order:
            if s_index - frame.last_sentence > 6:
                break
            if frame.plural and not plural and kind == "Attack" and frame.kind(self.state_like) == "Attack":
                continue  # "l'attaque" does not name a series ("les attaques"); strikes come in packages
            if weapons and frame.weapons and not (weapons & frame.weapons):
                continue
            accused = frame.perpetrators | frame.objects("attributedTo")
            if targets & accused or perpetrators & frame.objects("target"):
                continue  # a group is not the target of its own attack
            if perpetrators and frame.perpetrators and not (perpetrators & frame.perpetrators):
                continue
            if targets and frame.objects("target") and not (targets & frame.objects("target")):
                continue
            if hints and frame.hints and not (hints & frame.hints):
                continue  # attacks on different states' troops
            if self._states(targets) - frame.hints and frame.hints and not self._states(frame.objects("target")):
                continue  # "l'attaque contre Israël" is not the attack on US troops
            if self._states(frame.objects("target")) and hints and not (hints & self._states(frame.objects("target"))):
                continue
            places = self._expand(self._local_places | {t for t in targets if self._is_place(t)})
            if places and self._places(frame) and not (places & self._places(frame)):
                continue  # "sur le sol israélien" is not the attack in Iraq
            if frame.kind(self.state_like) == kind:
                return frame
            if any_family and fallback is None:
                fallback = frame
        return fallback

    # ------------------------------------------------------------------ main
    def read(self) -> Extraction:
        for s_index, sent in enumerate(self.sentences):
            self._read_sentence(sent, s_index)
        self._consolidate()
        self._merge_headline_causes()
        return self._finish()

    def _read_sentence(self, sent: Span, s_index: int) -> None:
        anchors: dict[int, Frame] = {}
        local: list[tuple[int, Frame]] = []
        found = [] if self._is_subheading(sent) else self.finder.triggers_in(sent)
        self._sentence_triggers = {token.i for token, _, _ in found}
        for token, family, is_verb in found:
            frame = self._frame_for_trigger(token, family, is_verb, sent, s_index, local, anchors)
            if frame is None:
                # the verb carries an event noun's roles: anchor it to that frame
                continue
            frame.triggers.append(token.text)
            frame.last_sentence = s_index
            anchors[token.i] = frame
            self.role_word[token.i] = token
            head = self.finder.event_head(token, is_verb)
            if head.i not in anchors:
                anchors[head.i] = frame
                self.role_word[head.i] = token  # "ont mené des frappes": roles read against "frappes"
            local.append((token.i, frame))
        # "X a été la cible d'un raid ... dans la province d'Anbar": the noun carries the raid's roles
        for token in sent:
            if token.lemma_.lower() in {"cible", "objet"} and token.i not in anchors:
                event = next((c for c in token.children if c.i in anchors and c.dep_ in {"nmod", "obl:arg"}), None)
                if event is not None:
                    anchors[token.i] = anchors[event.i]
                    self.role_word[token.i] = self.role_word.get(event.i, event)
        # verbs whose subject is an event noun: "l'attaque a visé X", "a été visée par une frappe"
        for token in sent:
            if token.pos_ == "VERB" and token.i not in anchors:
                for child in token.children:
                    if child.dep_ in {"nsubj", "nsubj:pass", "obl:agent"} and child.i in anchors:
                        anchors[token.i] = anchors[child.i]
                        self.role_word[token.i] = token
        if self.coreference and not found:
            self._pronoun_events(sent, s_index, anchors, local)
        self._read_roles(sent, anchors, local)
        self._read_weapons(sent, anchors, local)
        self._read_counts(sent, anchors, local)
        self._read_dates(sent, anchors, local)
        self.relations.read(sent, s_index, anchors, local)

    def _relative_deed(self, root: Token, anchors: dict[int, Frame]) -> Token | None:
        """The event verb of a relative clause whose "qui" stands for this name (its subject)."""
        for child in root.children:
            if (child.dep_ == "acl:relcl" and child.i in anchors  # "qui ont tiré", "qui ont lancé les drones"
                    and any(g.dep_ == "nsubj" and g.lower_ == "qui" for g in child.children)):
                return child
        return None

    def _pronoun_events(self, sent: Span, s_index: int, anchors: dict[int, Frame], local: list[tuple[int, Frame]]) -> None:
        """"Une attaque a visé la base X. Selon un responsable, elle a été menée par Y."

        In a sentence naming no event, a pronoun subject of a verb of conduct or
        targeting ("elle a été menée par", "il a visé", "celle-ci a été revendiquée")
        stands for the event told last, in this sentence's predecessor or the one before.
        """
        verbs = word_set("agentive_conduct_verbs") | word_set("target_verbs") | {"perpétrer", "commettre"}
        recent = [f for f in self.frames if s_index - f.last_sentence <= 2]
        if not recent:
            return
        frame = max(recent, key=lambda f: (f.last_sentence, f.index))
        for token in sent:
            if token.pos_ != "VERB" or token.i in anchors or token.lemma_.lower() not in verbs:
                continue
            if any(c.dep_ in {"nsubj", "nsubj:pass"} and c.lower_ in {"elle", "il", "elles", "ils", "celle-ci", "celui-ci"}
                   for c in token.children):
                anchors[token.i] = frame
                self.role_word[token.i] = token
                local.append((token.i, frame))

    def _target_by_copula(self, ref: EntityRef, sent: Span, anchors: dict[int, Frame]) -> bool:
        """"X a été la cible d'un raid", "X est visé par": X is what the event aimed at."""
        root = self.doc[ref.start:ref.end].root
        if root.dep_ not in {"nsubj", "nsubj:pass", "vocative"}:
            return False
        noun = root.head
        if noun.lemma_.lower() not in {"cible", "objet", "victime"}:
            return False
        for child in noun.children:
            if child.i in anchors and child.dep_ in {"nmod", "obl:arg"}:
                role = "location" if ref.etype == "Location" else "target"
                self.frame_facts(anchors[child.i], role, self.use(ref), "entity", sent, PARSED)
                return True
        return False

    def _troops_of(self, ref: EntityRef) -> bool:
        """Is this name only whose troops they were? "les forces de la coalition", "les soldats de Tsahal".

        Attacks on troops are read as on "les soldats américains": the troops' side is a
        hint for telling attacks apart, not a target (a convoy or a base of theirs is one).
        """
        if not ref.is_actor:
            return False
        root = mention_root(self.doc, ref.start, ref.end)
        noun = root.head
        return (root.dep_ == "nmod" and noun.lemma_.lower() in self._troop_people
                and governing_preposition(root) in {"de", "d'", "du", "des"})

    def _event_of_clause(self, place: Token, anchors: dict[int, Frame]) -> Frame | None:
        """The one event told in the clause a place phrase modifies, if there is one.

        "ont été tués dans une frappe ... près de Kirkouk", "ont assumé la responsabilité
        d'une attaque ... dans le golfe d'Aden": the parse hangs the place off the verb of
        the clause, not off the event word.  Only "à", "dans", "en", "près de" phrases, and
        only when the clause (not counting clauses below it) names exactly one event.
        """
        if not place.dep_.startswith("obl") or governing_preposition(place) not in {"à", "au", "aux", "dans", "en", "près"}:
            return None
        verb = place.head
        if verb.i in anchors or verb.pos_ not in {"VERB", "AUX"}:
            return None
        frames: dict[int, Frame] = {}
        todo = [(child, 0) for child in verb.children if child.i != place.i]
        while todo:
            token, depth = todo.pop()
            if token.i in anchors:
                frames[anchors[token.i].index] = anchors[token.i]
            if depth >= 3 or token.dep_ in {"ccomp", "xcomp", "advcl", "acl:relcl", "parataxis", "conj"}:
                continue  # another clause tells its own events
            todo.extend((child, depth + 1) for child in token.children)
        return next(iter(frames.values())) if len(frames) == 1 else None

    def _object_by_position(self, ref: EntityRef, sent: Span, anchors: dict[int, Frame]) -> None:
        """The parse lost a name: right after "a visé (jeudi) (le)", it is what was hit."""
        if self._target_by_copula(ref, sent, anchors):
            return
        i = ref.start - 1
        while i >= sent.start and i > ref.start - 5:
            token = self.doc[i]
            if token.i in anchors and token.lemma_.lower() in word_set("target_verbs"):
                role = "location" if ref.etype == "Location" else "target"
                self.frame_facts(anchors[token.i], role, self.use(ref), "entity", sent, NEARBY)
                return
            if not (token.pos_ in {"DET", "ADV"} or is_calendar(token)):
                return
            i -= 1

    def _anchor_token(self, token: Token, anchors: dict[int, Frame]) -> Token | None:
        """The first event word (or its verb) above ``token``; for the subject of a verb whose
        complement tells the event ("X affirme avoir mené une attaque"), that complement."""
        anchor = self.finder.anchor_token(token, anchors)
        if anchor is not None:
            return anchor
        if token.dep_ in {"nsubj", "nsubj:pass"}:
            for child in token.head.children:
                if child.dep_ in {"xcomp", "ccomp", "advcl"} and child.i in anchors:
                    return child
        return None

    def frame_near(self, token: Token, anchors: dict[int, Frame], local: list[tuple[int, Frame]],
                   fallback_previous: bool = False) -> tuple[Frame | None, float]:
        frame = self.finder.anchor_frame(token, anchors)
        if frame is not None:
            return frame, PARSED
        frame = self.finder.nearest_frame(token, local)
        if frame is not None:
            return frame, NEARBY
        if fallback_previous and self.frames:
            # the event the previous sentences last spoke of
            return max(self.frames, key=lambda f: (f.last_sentence, f.index)), IMPLICIT
        return None, 0.0

    def _stated_containment(self, sent: Span) -> dict[str, str]:
        """"à Erbil, dans le nord de l'Irak": the text says where a place lies.

        Returns {container key: contained key} for the pairs the sentence states
        (a place, a comma, then "dans/en/à/au" and a place holding it), and records
        each as a ``rip:locatedIn`` fact of the article.
        """
        stated: dict[str, str] = {}
        places = [r for r in self.mentions.in_span(sent.start, sent.end) if r.is_place and r.known and r.etype != "State" or
                  (r.etype == "State" and r.source == "gazetteer")]
        for inner in places:
            if inner.end >= sent.end or self.doc[inner.end].text != ",":
                continue
            for outer in places:
                if outer is inner or not (inner.end < outer.start <= inner.end + 6):
                    continue
                between = self.doc[inner.end + 1 : outer.start]
                if not any(t.lower_ in {"dans", "en", "à", "au", "près"} for t in between):
                    continue
                ancestors = self.gazetteer.containers(inner.key)
                region = self.gazetteer.get(outer.key)
                # a region ("le nord de l'Irak") holds a place when its country does
                if outer.key not in ancestors and not (region is not None and region.located_in in ancestors):
                    continue
                stated[outer.key] = inner.key
                self.add_actor_fact(inner, "locatedIn", outer, sent, PARSED)
                region = self.gazetteer.get(outer.key)
                if region is not None and region.type == "Location" and region.located_in:
                    country = self.gazetteer.get(region.located_in)
                    if country is not None and country.type == "State" and country.fr and country.fr.lower() in outer.text.lower():
                        stated[country.id] = inner.key  # "dans le nord de l'Irak": Erbil is in Iraq
                        self.add_actor_fact(inner, "locatedIn", self._ref_for(country.id), sent, PARSED)
        return stated

    def _read_roles(self, sent: Span, anchors: dict[int, Frame], local: list[tuple[int, Frame]]) -> None:
        if not local:
            return
        containers = self._stated_containment(sent)
        hedged = is_hedged(sent)
        sourced = is_sourced(sent)
        base = NEARBY + 0.1 if sourced else PARSED
        # who the sentence reports, "selon X" included (looked up once, only when it matters)
        source = self.relations.speaker(sent) if sourced or hedged else None
        # "selon X" sources the sentence (lower confidence); "X a déclaré que" reports X's view
        speaker = self.relations.speaker(sent, sources=False)
        for ref in self.mentions.in_span(sent.start, sent.end):
            root = mention_root(self.doc, ref.start, ref.end)
            anchor = self._anchor_token(self.finder.stand_in(root), anchors)
            if anchor is None and ref.source == "adjective" and root.head.i in self.mentions.weapon_by_token:
                # "lorsqu'un drone israélien a frappé": the weapon's verb follows it closely
                anchor = next((t for t in self.doc[root.i + 1 : min(sent.end, root.i + 5)] if t.i in anchors), None)
            confidence = base
            if anchor is None and ref.etype in {"Location", "State"}:
                frame = self._event_of_clause(root, anchors)
                if frame is not None:
                    # "ont été tués dans une frappe de drone près de Kirkouk": the place hangs off
                    # the clause's verb, and the clause tells one event
                    self.frame_facts(frame, "location", self.use(ref), "entity", sent, min(base, NEARBY + 0.1))
                    continue
            relative = self._relative_deed(self.finder.stand_in(root), anchors) if ref.is_actor else None
            if anchor is None and relative is None:
                self._object_by_position(ref, sent, anchors)
                continue
            if relative is not None:
                # "ce sont les Houthis qui ont tiré le missile", "X, qui a lancé les drones": X did it
                anchor = relative
                if sourced and source is None:
                    # "Selon un responsable, ce sont des combattants de X qui ...": no one named says so
                    self.frame_facts(anchors[anchor.i], "attributedTo", self.use(ref), "entity", sent, HEDGED)
                    continue
            frame = anchors[anchor.i]
            # roles are read against the first event word up the tree: in "l'attaque qui a
            # visé la base X", X is the object of "visé", not a complement of "attaque"
            trigger = self.role_word.get(anchor.i, anchor)
            role = "perpetrator" if relative is not None else self.finder.role_of_entity(ref, trigger, trigger.pos_ == "VERB")
            if role is None:
                self._object_by_position(ref, sent, anchors)
                continue
            if role == "announced":
                role, confidence = "perpetrator", NEARBY
            if role == "perpetrator":
                if not ref.is_actor:
                    continue
                if self._denied_by(trigger, ref):
                    continue  # "Les Houthis ont démenti avoir visé": a denial, not a deed (read as such below)
                if self._own_word(trigger, ref, speaker):
                    # "X affirme avoir mené une attaque", "a affirmé leur porte-parole": X's own claim
                    self.frame_facts(frame, "perpetrator", self.use(ref), "entity", sent, confidence)
                    if ref.etype not in {"State", "MilitaryOrganization", "Coalition"}:
                        self.relations.add_inverse(frame, "claimed", ref, sent, 0.7)
                    continue
                # a perpetrator reported by someone else is their attribution, unless the
                # event's own name carries it ("les attaques américaines"); "selon X" makes
                # the main clause's perpetrator X's attribution
                reported = (speaker is not None and speaker.key != ref.key and frame.family == "Attack"
                            and self._in_reported_words(self.doc[ref.start], sent))
                # "selon des sources sécuritaires" (no one named) makes the main clause's perpetrator an
                # attribution; "selon l'OSDH" (a named source) only lowers the confidence
                sourced_main = sourced and self._in_main_clause(trigger) and frame.family == "Attack"
                if sourced_main and not hedged and not reported and source is None:
                    self.frame_facts(frame, "attributedTo", self.use(ref), "entity", sent, HEDGED)
                    continue
                if hedged or (reported and ref.source != "adjective"):
                    self.frame_facts(frame, "attributedTo", self.use(ref), "entity", sent, HEDGED if hedged else base)
                    # "Selon l'OSDH, l'attaque aurait été menée par X": the named source attributes it
                    by = speaker if speaker is not None else (source if hedged else None)
                    if by is not None and by.key != ref.key:
                        self.frame_facts(frame, "attributedBy", self.use(by), "entity", sent, HEDGED if hedged else base)
                    continue
            if role == "target" and ref.source == "adjective" and ref.etype != "ArmedGroup":
                continue  # "contre les forces américaines": a hint (see _troops_of); "positions houthies" are the Houthis'
            if role == "target" and self._troops_of(ref):
                frame.hints.add(ref.key)  # "contre les forces de la coalition": as "les soldats américains"
                continue
            if role == "location" and ref.key in containers:
                continue  # "à Erbil, dans le nord de l'Irak" locates Erbil; the event is in Erbil
            self.frame_facts(frame, role, self.use(ref), "entity", sent, confidence)
            if role == "location" and ref.etype == "State" and root.head.lemma_.lower() in {"sol", "territoire"}:
                frame.soil.add(ref.key)
            if role == "perpetrator":
                state = self._state_of(ref)
                if state is not None:
                    # "l'armée américaine a bombardé": the United States carried it out
                    self.frame_facts(frame, role, self.use(state), "entity", sent, confidence - 0.1)
            if role == "location" and ref.known:
                # "dans l'est de la Syrie": the region's country is named too
                entry = self.gazetteer.get(ref.key)
                if entry is not None and entry.type == "Location" and entry.located_in:
                    parent = self.gazetteer.get(entry.located_in)
                    if (parent is not None and parent.type == "State" and parent.fr and parent.fr.lower() in ref.text.lower()
                            and parent.id not in containers):
                        self.frame_facts(frame, "location", self.use(self._ref_for(parent.id)), "entity", sent, confidence)

    def sentence_of(self, sent: Span) -> int:
        """The index of a sentence among the article's (blank lines left out)."""
        return next((i for i, s in enumerate(self.sentences) if s.start == sent.start), 0)

    def _state_of(self, ref: EntityRef) -> EntityRef | None:
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
                return self._ref_for(parent.id)
            key = entry.part_of
        return None

    def _ref_for(self, key: str) -> EntityRef:
        entry = self.gazetteer.get(key)
        return EntityRef(entry.id, entry.type, 0, 0, entry.fr or entry.en, "gazetteer", entry.en, entry.fr,
                         known=True, wikidata=entry.wikidata)

    def _read_weapons(self, sent: Span, anchors: dict[int, Frame], local: list[tuple[int, Frame]]) -> None:
        for weapon in self.mentions.weapons:
            if not (sent.start <= weapon.start < sent.end):
                continue
            root = self.doc[weapon.start:weapon.end].root
            head = root.head
            if head.pos_ == "VERB" and "Inf" in head.morph.get("VerbForm") and head.i not in anchors:
                continue  # "des combattants qui s'apprêtaient à lancer un drone": not the weapon used
            if root.dep_ == "nmod" and head.lemma_.lower() in self.lex["storage_nouns"]:
                continue  # "des dépôts de drones": the target, not the weapon
            frame, confidence = self.frame_near(self.doc[weapon.start], anchors, local)
            if frame is not None:
                self.frame_facts(frame, "weapon", weapon.key, "weapon", sent, confidence)

    def _read_counts(self, sent: Span, anchors: dict[int, Frame], local: list[tuple[int, Frame]]) -> None:
        for count in find_counts(sent):
            frame, confidence = self.frame_near(count.token, anchors, local, fallback_previous=True)
            if frame is None:
                continue
            if any(f.predicate == count.predicate and f.evidence.start != sent.start_char for f in frame.facts):
                # a second figure from another sentence about the same event is kept too
                pass
            self.frame_facts(frame, count.predicate, count.value, "literal", sent, confidence)
            group = self._victims_group(count.token)
            if group is not None and group.key not in frame.perpetrators and count.value > 0:
                # "tuant trois membres des FDS": the event struck the group its victims belong to
                self.frame_facts(frame, "target", self.use(group), "entity", sent, min(confidence, PARSED))

    def _victims_group(self, token: Token) -> EntityRef | None:
        """The armed group or force the counted victims belong to, if the sentence says.

        "tuant trois membres des FDS", "deux morts parmi les combattants du Hezbollah",
        "cinq soldats de l'armée syrienne ont été tués".
        """
        victims = victims_of(token)
        # "deux morts parmi les combattants de X": a "parmi" phrase on the word or its verb
        for holder in (token, token.head):
            victims += [c for c in holder.children if governing_preposition(c) == "parmi"]
        for victim in victims:
            for child in victim.children:
                ref = self.mentions.by_token.get(child.i)
                if (ref is not None and child.dep_ == "nmod" and ref.etype in {"ArmedGroup", "MilitaryOrganization"}
                        and governing_preposition(child) in {"de", "d'", "du", "des"}):
                    return ref
        return None

    def _read_dates(self, sent: Span, anchors: dict[int, Frame], local: list[tuple[int, Frame]]) -> None:
        published = self.article.published
        for mention in find_dates(sent, published):
            if mention.value is None:
                self.unresolved_dates.append(mention.text)
                continue
            if mention.token.head.lemma_.lower() in self._statement_verbs:
                continue  # "ont démenti jeudi": the day of the statement, not of the event
            frame, confidence = self.frame_near(mention.token, anchors, local)
            if frame is not None:
                self.frame_facts(frame, "date", mention.value, "literal", sent, confidence)

    # ------------------------------------------------------------------ output
    def _states_hit_are_places(self) -> None:
        """"les attaques américaines contre l'Irak et la Syrie", when the strike's places lie
        in Iraq and Syria: the countries are where it struck, not what it struck."""
        for frame in self.frames:
            if frame.kind(self.state_like) != "Strike":
                continue
            inside = self._expand(frame.objects("location"))
            for fact in list(frame.facts):
                if fact.predicate == "target" and not fact.inverse and fact.object in self._states({fact.object}) \
                        and fact.object in inside:
                    frame.facts.remove(fact)
                    frame.add(FrameFact("location", fact.object, "entity", fact.evidence, fact.confidence))

    def _attacks_on_soil(self) -> None:
        """An attack "sur le sol israélien" with no other target struck that state.

        Said of an attack by a group ("l'attaque du Hamas sur le sol israélien", "la
        première attaque sur le sol américain"), the phrase names the country attacked.
        A strike by a state "sur le sol irakien" does not: there it says only where.
        """
        for frame in self.frames:
            if (not frame.soil or frame.objects("target") or frame.kind(self.state_like) != "Attack"
                    or frame.perpetrators & self.state_like):
                continue
            for fact in list(frame.facts):
                if fact.predicate == "location" and not fact.inverse and fact.object in frame.soil:
                    frame.add(FrameFact("target", fact.object, "entity", fact.evidence, min(fact.confidence, NEARBY)))

    def _finish(self) -> Extraction:
        self._states_hit_are_places()
        self._attacks_on_soil()
        extraction = Extraction(article=self.article, unresolved_dates=list(self.unresolved_dates))
        prefix = self.article.sha256[:12]
        keys: dict[int, str] = {}
        for frame in self.frames:
            if not frame.facts and not any(f.object_kind == "event" for f in frame.facts):
                # a bare word with nothing said about it is not worth a node
                if not self.relations.mentions_frame(frame):
                    continue
            keys[frame.index] = f"{prefix}-{len(keys) + 1}"
        for frame in self.frames:
            if frame.index not in keys:
                continue
            key = keys[frame.index]
            kind = frame.kind(self.state_like)
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
        extraction.facts.extend(self.actor_facts)
        for key, ref in self.used.items():
            extraction.entities[key] = self._entity(ref)
        for ref in self.mentions.entities:
            if ref.key not in extraction.entities and (ref.known or ref.source in {"context", "collective"}) and ref.source != "adjective":
                extraction.entities[ref.key] = self._entity(ref)
        # collect all surface forms per entity
        forms: dict[str, set[str]] = {}
        for ref in self.mentions.entities:
            if ref.source != "adjective":
                forms.setdefault(ref.key, set()).add(ref.text)
        presented = {ref.key for ref in self.mentions.entities if self._presented(ref)}
        for key, entity in list(extraction.entities.items()):
            extraction.entities[key] = Entity(entity.key, entity.etype, entity.label_en, entity.label_fr,
                                              frozenset(forms.get(key, set())), entity.wikidata, entity.known,
                                              presented=key in presented)
        return extraction

    def _presented(self, ref: EntityRef) -> bool:
        """Does the article say what this is? "la milice X", "un groupe appelé X", "X, un mouvement"."""
        if ref.source in {"context", "collective", "coref"}:
            return True
        if ref.source != "gazetteer" or ref.start == ref.end:
            return False
        nouns = word_set("group_nouns")
        # the noun just before the name, over its adjectives and quotes: "la milice X",
        # "l'organisation terroriste islamique radicale Hamas", "un groupe appelé « X »"
        for token in reversed(self.doc[max(0, ref.start - 6) : ref.start]):
            if token.lemma_.lower() in nouns:
                return True
            if not (token.pos_ in {"ADJ", "PUNCT"} or token.lower_ in {"appelé", "appelée", "baptisé", "baptisée", "dénommé", "dénommée"}):
                break
        # or an apposition right after it: "X, nébuleuse formée par ...", "X, un groupe armé"
        after = [t for t in self.doc[ref.end : min(len(self.doc), ref.end + 4)] if not t.is_punct]
        if after and after[0].pos_ == "DET":
            after = after[1:]
        if after and after[0].lemma_.lower() in nouns and self.doc[ref.end : after[0].i].text.strip(' "»') .startswith(","):
            return True
        root = self.doc[ref.start:ref.end].root
        if ref.etype == "ArmedGroup" and root.dep_ == "nmod" and root.head.lemma_.lower() in nouns \
                and governing_preposition(root) in {"de", "d'", "du", "des"}:
            return True  # "les milices djihadistes de l'État islamique", "les combattants du Hamas"
        return any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in root.children)

    def _entity(self, ref: EntityRef) -> Entity:
        return Entity(ref.key, ref.etype, ref.label_en, ref.label_fr, frozenset({ref.text}), ref.wikidata, ref.known)


def read_article(doc: Doc, article: Article, gazetteer: Gazetteer, coreference: bool = True) -> Extraction:
    """Extract entities, events and facts from a parsed article.

    ``coreference=False`` switches off the entity coreference rules ("le groupe",
    "ces factions", "il", "qui" -> the actor they refer to), to measure their gain.
    """
    return ArticleReader(doc, article, gazetteer, coreference).read()
