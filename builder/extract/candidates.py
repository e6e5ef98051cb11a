"""Event candidates: every event word of a sentence becomes an ``EventMention``.

Trigger words are data (``triggers.json``): event nouns ("attaque", "frappe"), event
verbs ("frapper", "viser"), a weapon launched ("ont lancé des missiles"), a weapon
acting ("un drone a touché"), "ouvrir le feu", "s'est fait exploser".  Threats,
plans, conditions and future or conditional verbs make no candidate.

Syntax alone sometimes says two words tell one event, and then the second is no
candidate of its own but an anchor of the first: coordinated event nouns ("des tirs
de roquettes et des frappes de drones"), a verb whose subject is an event noun
("l'attaque a visé"), the weapons a launch verb counts ("a tiré une douzaine de
missiles"), a verb with no actor of its own after an event word ("un avion qui a
frappé"), "X a été la cible d'un raid", and a pronoun subject of a verb of conduct
in the next sentences ("elle a été menée par").  Which candidates of the article tell
the same event is the events stage's decision (``clustering``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..lexicon import word_set
from .model import EventMention, FactHolder
from .syntax import (determiner, event_head, future_or_conditional, governing_preposition, opening_word,
                     participle_forms, pluperfect)


def _reflexive(verb: Token) -> bool:
    return any(c.lower_ in {"s'", "se"} for c in verb.children)


_ANSWER_WORDS = {"venger", "vengeance", "réponse", "répondre", "riposte", "riposter", "répliquer", "représailles",
                 "représaille", "rétorsion"}


@dataclass
class SentenceEvents:
    """The event words of one sentence and the tokens that stand for them."""

    sent: Span
    index: int  # among the article's sentences
    anchors: dict[int, FactHolder] = field(default_factory=dict)  # token -> the event it belongs to
    local: list[tuple[int, FactHolder]] = field(default_factory=list)  # (event word, event), in text order
    role_word: dict[int, Token] = field(default_factory=dict)  # anchored token -> the word roles are read against
    triggers: set[int] = field(default_factory=set)  # the event words themselves
    mentions: list[EventMention] = field(default_factory=list)  # the candidates this sentence adds


class CandidateFinder:
    """Finds the event words of each sentence of an article (one instance per article)."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.doc = ctx.doc
        self.mentions = ctx.mentions
        self.lex = ctx.lex
        self.event_nouns: dict[str, str] = self.lex["event_nouns"]
        self.event_verbs: dict[str, str] = self.lex["event_verbs"]
        self._marker_tokens = self._retaliation_marker_tokens()
        self.count = 0

    # ------------------------------------------------------------------ trigger words
    def _retaliation_marker_tokens(self) -> set[int]:
        """Tokens inside "en représailles à", "en riposte à", "en réponse à"."""
        taken: set[int] = set()
        for token in self.doc:
            if token.lower_ in {"représailles", "riposte", "réponse", "rétorsion", "réaction"}:
                prev = self.doc[token.i - 1].lower_ if token.i > 0 else ""
                if prev in {"en", "pour", "guise"} or (prev == "de" and token.lower_ == "représailles"):
                    taken.add(token.i)
        return taken

    def unreal(self, token: Token) -> bool:
        """A threat, a plan or a condition, not a deed: "a menacé de frapper", "si Israël lançait"."""
        irrealis = word_set("irrealis_verbs")
        # "Israël frappera Beyrouth si ...": a future or conditional event word has not happened
        # (a hedged past, "aurait visé", keeps its past participle and stays)
        if token.pos_ in {"VERB", "AUX"} and future_or_conditional(token) \
                and not any(c.dep_.startswith("aux") for c in token.children):
            return True
        current = token
        for _ in range(4):
            if any(c.dep_ == "mark" and c.lower_ in {"si", "s'"} for c in current.children):
                return True
            head = current.head
            if head.i == current.i:
                return False
            if current.dep_ in {"xcomp", "ccomp", "obj", "obl:arg", "nmod"} and head.lemma_.lower() in irrealis:
                return True
            current = head
        return False

    def triggers_in(self, sent: Span) -> list[tuple[Token, str, bool]]:
        """(token, family, is_verb) for every event word of the sentence."""
        found = self._triggers_in(sent)
        return [item for item in found if not self.unreal(item[0])]

    def _triggers_in(self, sent: Span) -> list[tuple[Token, str, bool]]:
        found = []
        launch = word_set("launch_verbs")
        for token in sent:
            weapon = self.mentions.weapon_by_token.get(token.i)
            if weapon is not None and not (weapon.start == token.i and self._trigger_lemma(token) in self.event_nouns):
                # "ont lancé des missiles", "des roquettes ont été tirées": the launch is the attack
                root = self.doc[weapon.start:weapon.end].root
                if (root.dep_ == "nmod" and root.head.lemma_.lower() in self.lex["quantity_nouns"] and root.i == token.i
                        and root.head.lemma_.lower() not in self.event_nouns):  # "une salve de roquettes" is an event word
                    # "ont lancé des dizaines de drones", "un essaim de drones": the launch is of the weapon
                    quantity = root.head
                    if quantity.head.lemma_.lower() in launch and quantity.dep_ in {"obj", "nsubj:pass"}:
                        found.append((token, "Attack", False))
                        continue
                head_lemma = root.head.lemma_.lower()
                infinitive = "Inf" in root.head.morph.get("VerbForm")  # "s'apprêtaient à lancer un drone"
                # "a lancé des drones", "des roquettes ont été lancées", and "a lancé dans la nuit 300 drones"
                # where the parser makes the late object an argument ("obl:arg")
                if (root.i == token.i and head_lemma in launch and head_lemma not in self.event_verbs
                        and root.dep_ in {"obj", "nsubj:pass", "obl:arg"} and not infinitive):
                    found.append((token, "Attack", False))
                elif root.i == token.i and any(c.dep_ == "acl" and c.lemma_.lower() in launch for c in root.children):
                    found.append((token, "Attack", False))  # "deux missiles tirés par les Houthis"
                continue
            lemma_lower = token.lemma_.lower()
            if token.pos_ == "NOUN" and lemma_lower in self.lex["weapon_event_nouns"] and lemma_lower not in self.event_nouns:
                # "la chute de deux roquettes", "l'explosion d'un drone": an attack when a weapon is named
                if any(c.i in self.mentions.weapon_by_token for c in token.children if c.dep_ == "nmod"):
                    found.append((token, "Attack", False))
                continue
            if token.pos_ == "NOUN" and lemma_lower in self.lex["coref_only_nouns"]:
                found.append((token, self.lex["coref_only_nouns"][lemma_lower], False))
                continue
            if token.i in self._marker_tokens:
                continue
            lemma = self._trigger_lemma(token)
            if token.pos_ == "NOUN" and lemma in self.event_nouns:
                if lemma in self.lex["strike_nouns_need_state_actor"] and not self._has_actor_modifier(token):
                    continue
                # "frappes de représailles", "série d'attaques": one event, not two ("une riposte à
                # l'attaque" names two)
                if (token.dep_ == "nmod" and token.head.lemma_.lower() in self.event_nouns and token.head.i < token.i
                        and token.head.i not in self._marker_tokens
                        and governing_preposition(token) in {"de", "d'", "du", "des", None}):
                    continue
                found.append((token, self.event_nouns[lemma], False))
            elif token.pos_ == "VERB" and lemma in self.event_verbs:
                found.append((token, self.event_verbs[lemma], True))
            elif token.pos_ == "VERB" and lemma in self.lex["weapon_verbs"] and self._weapon_acts(token):
                # "le navire a été touché par un missile", "un drone a tué deux combattants"
                found.append((token, "Attack", True))
            elif token.pos_ == "VERB" and lemma == "ouvrir" and any(c.lower_ == "feu" for c in token.children):
                found.append((token, "Attack", True))  # "ont ouvert le feu sur un convoi"
            elif token.pos_ == "VERB" and lemma == "exploser" and any(c.lemma_.lower() == "faire" for c in token.children) \
                    and _reflexive(token):
                found.append((token, "Attack", True))  # "un kamikaze s'est fait exploser devant ..."
            elif token.pos_ == "VERB" and _reflexive(token) and (
                    (lemma == "prendre" and any(c.lower_ == "en" for c in token.children)) or lemma == "emparer"):
                found.append((token, "Attack", True))  # "avant de s'en prendre à l'aéroport", "s'est emparé du navire"
            elif token.pos_ == "VERB" and lemma in {"riposter", "répliquer"} and self._answers_by_itself(token):
                found.append((token, "Strike", True))  # "des F-15 américains ripostent dans la nuit dans la province de X"
            elif self._fronted_participle(token, sent):
                found.append((token, "Attack", True))  # "Touché le 18 février par des missiles, le vraquier ..."
        return found

    def _fronted_participle(self, token: Token, sent: Span) -> bool:
        """A sentence that opens on a participle of aiming or hitting with its "par" phrase
        ("Visée jeudi soir par trois drones, la garnison ...", "Touché par des missiles, le
        vraquier ..."): the attack, on what follows the comma."""
        first = opening_word(sent)
        if first is None or first.i != token.i:
            return False
        verbs = frozenset(word_set("target_verbs") | word_set("weapon_verbs"))
        # the tagger may take a capitalised participle for a noun ("Visée" -> "visée")
        if not (("Part" in token.morph.get("VerbForm") and token.lemma_.lower() in verbs)
                or token.lower_ in participle_forms(verbs)):
            return False
        comma = next((t for t in self.doc[token.i + 1 : sent.end] if t.text == ","), None)
        return comma is not None and any(t.lower_ == "par" for t in self.doc[token.i + 1 : comma.i])

    def _weapon_acts(self, verb: Token) -> bool:
        # "deux drones ont été abattus", and the unaccusatives the parser reads as passives
        # ("une roquette est tombée sur X")
        shot_down = verb.lemma_.lower() in {"abattre", "intercepter", "détruire", "tomber", "écraser", "exploser"}
        for child in verb.children:
            if child.dep_ in {"nsubj", "obl:agent"} and child.i in self.mentions.weapon_by_token:
                return True
            # "deux drones ont été abattus (interceptés) près de la base": an attack that failed
            if shot_down and child.dep_ == "nsubj:pass" and child.i in self.mentions.weapon_by_token:
                return True
            if child.dep_ == "obl:agent" and any(t.i in self.mentions.weapon_by_token for t in child.subtree):
                return True
        # "un autre cargo avait été atteint le 22 février", "le Tutor a été touché": a ship is hit by
        # something ("le navire avait été atteint" tells again the attack on the ship just named)
        if verb.lemma_.lower() in {"toucher", "atteindre", "endommager"} and any(
                c.dep_ == "nsubj:pass" and (self._is_ship(c.i) or (c.lemma_.lower() in word_set("ship_nouns")
                                                                     and determiner(c) in {"un", "une"}))
                for c in verb.children):
            return True
        # "ont été tués et quatre autres blessés mercredi par un missile": the parse hung the
        # agent elsewhere; "par" and a weapon later in the verb's clause
        if any(c.dep_ == "aux:pass" for c in verb.children):
            for token in self.doc[verb.i + 1 : verb.sent.end]:
                if token.pos_ in {"VERB", "AUX"} or token.text in {";", ":"} or token.lower_ in {"qui", "que", "dont"}:
                    break
                if token.lower_ == "par":
                    after = self.doc[token.i + 1 : min(verb.sent.end, token.i + 4)]
                    return any(t.i in self.mentions.weapon_by_token for t in after)
        return False

    def _is_ship(self, i: int) -> bool:
        ref = self.mentions.by_token.get(i)
        return ref is not None and ref.source == "facility" and self.doc[ref.start].lemma_.lower() in word_set("ship_nouns")

    def _trigger_lemma(self, token: Token) -> str:
        """The lemma, or the singular of the word when the lemmatizer missed it ("tirs")."""
        lemma = token.lemma_.lower()
        if lemma in self.event_nouns or lemma in self.event_verbs:
            return lemma
        lower = token.lower_
        for candidate in (lower, lower[:-1] if lower.endswith(("s", "x")) else lower):
            if candidate in self.event_nouns and token.pos_ == "NOUN":
                return candidate
        return lemma

    def _has_actor_modifier(self, token: Token) -> bool:
        for child in token.children:
            ref = self.mentions.by_token.get(child.i)
            if ref is not None and ref.is_actor:
                return True
            if child.pos_ == "ADJ" and child.i in self.mentions.by_token:
                return True
        nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        return nxt is not None and nxt.i in self.mentions.by_token and self.mentions.by_token[nxt.i].is_actor

    # ------------------------------------------------------------------ one sentence
    def read_sentence(self, sent: Span, s_index: int, recent: list[FactHolder]) -> SentenceEvents:
        """The sentence's event words and anchors.  ``recent`` holds the article's events told
        in the two sentences before, most recent first (for "elle a été menée par")."""
        events = SentenceEvents(sent, s_index)
        found = [] if self._is_subheading(sent) else self.triggers_in(sent)
        events.triggers = {token.i for token, _, _ in found}
        anchors = events.anchors
        for token, family, is_verb in found:
            holder = self._same_as(token, is_verb, events)
            if holder is None and is_verb and self._verb_of_event_noun(token):
                continue  # "l'attaque a visé", "a été visée par une frappe": the noun's verb, anchored below
            if holder is None:
                holder = self._mention(token, family, is_verb, sent, s_index)
                events.mentions.append(holder)
            anchors[token.i] = holder
            events.role_word[token.i] = token
            head = event_head(token, is_verb)
            if head.i not in anchors:
                anchors[head.i] = holder
                events.role_word[head.i] = token  # "ont mené des frappes": roles read against "frappes"
            events.local.append((token.i, holder))
        # "X a été la cible d'un raid ... dans la province d'Anbar": the noun carries the raid's roles
        for token in sent:
            if token.lemma_.lower() in {"cible", "objet"} and token.i not in anchors:
                event = next((c for c in token.children if c.i in anchors and c.dep_ in {"nmod", "obl:arg"}), None)
                if event is not None:
                    anchors[token.i] = anchors[event.i]
                    events.role_word[token.i] = events.role_word.get(event.i, event)
        # verbs whose subject is an event noun: "l'attaque a visé X", "a été visée par une frappe"
        for token in sent:
            if token.pos_ == "VERB" and token.i not in anchors:
                for child in token.children:
                    if child.dep_ not in {"nsubj", "nsubj:pass", "obl:agent"}:
                        continue
                    if child.i not in anchors and child.lemma_.lower() in self.lex["quantity_nouns"]:
                        # "une dizaine d'attaques ont visé": the count stands for the event noun
                        child = next((g for g in child.children if g.dep_ == "nmod" and g.i in anchors), child)
                    if child.i in anchors:
                        anchors[token.i] = anchors[child.i]
                        events.role_word[token.i] = token
        if self.ctx.coreference and not found and recent:
            self._pronoun_events(events, recent[0])
        return events

    def _same_as(self, token: Token, is_verb: bool, events: SentenceEvents) -> FactHolder | None:
        """The event word of this sentence that syntax says this one repeats, if any."""
        anchors, local = events.anchors, events.local
        # "des tirs de roquettes et des frappes de drones": coordinated words, one event
        if token.dep_ == "conj" and token.head.i in anchors and not is_verb:
            return anchors[token.head.i]
        # "l'Iran a tiré une douzaine de missiles": the weapons launched are the verb's event
        if not is_verb and token.dep_ == "nmod" and token.head.lemma_.lower() in self.lex["quantity_nouns"]:
            verb = token.head.head
            if token.head.dep_ == "obj" and verb.i in anchors and verb.pos_ == "VERB":
                return anchors[verb.i]
        # "un drone a frappé la base, une attaque revendiquée par X": a noun in apposition
        # to the clause names the clause's event
        # (the parser may take the noun for an object: the participle or relative that follows
        # tells it from the next item of a list, "une attaque contre A, une attaque contre B")
        if (not is_verb and local and token.dep_ in {"appos", "dep", "obj", "nmod"} and token.i > 1
                and self.doc[token.i - 1].lower_ in {"un", "une"} and self.doc[token.i - 2].text == ","
                and any(c.dep_ in {"acl", "acl:relcl"} and c.i > token.i for c in token.children)):
            return local[-1][1]
        if is_verb and not self._verb_of_event_noun(token):
            # only the verb's own subject counts here: "prétendant avoir ciblé ..." borrows the
            # clause's subject and tells the same strike
            subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
            no_actor = subject is None or subject.i in self.mentions.weapon_by_token or subject.lower_ in {
                "qui", "il", "elle", "ils", "elles"}
            if no_actor and local:
                return local[-1][1]  # "... prétendant avoir ciblé", "un avion qui a frappé"
        return None

    def _verb_of_event_noun(self, verb: Token) -> bool:
        """"l'attaque a visé", and "une dizaine d'attaques ont visé" (the count heads the subject)."""
        for c in verb.children:
            if c.dep_ not in {"nsubj", "nsubj:pass", "obl:agent"}:
                continue
            if c.lemma_.lower() in self.event_nouns:
                return True
            if c.lemma_.lower() in self.lex["quantity_nouns"] and any(
                    g.dep_ == "nmod" and self._trigger_lemma(g) in self.event_nouns for g in c.children):
                return True
        return False

    def _mention(self, token: Token, family: str, is_verb: bool, sent: Span, s_index: int) -> EventMention:
        det = determiner(token) if not is_verb else None
        in_headline = self.ctx.in_headline(sent)
        judged = token
        while judged.dep_ == "conj" and judged.head.i != judged.i:
            judged = judged.head  # "a condamné une violation ... et une agression"
        mention = EventMention(
            index=self.count, token=token.i, sentence=s_index, family=family, is_verb=is_verb, text=token.text,
            determiner=det, plural=self._plural(token), headline=in_headline,
            distinct=self._marked_distinct(token, sent),
            background=pluperfect(event_head(token, is_verb)),
            anaphoric=not is_verb and token.lemma_.lower() in self.lex["coref_only_nouns"],
            judged=(not is_verb and not in_headline and judged.dep_ == "obj"
                    and judged.head.lemma_.lower() in self.lex["condemnation_verbs"]),
            answered=not is_verb and any(t.lemma_.lower() in _ANSWER_WORDS for t in self.doc[max(0, token.i - 4) : token.i]),
        )
        self.count += 1
        return mention

    def _plural(self, token: Token) -> bool:
        """A plural event noun, save "des tirs de roquettes": the rockets of one attack
        ("leurs tirs de roquettes", "les tirs", told of months, stay a series)."""
        if token.pos_ in {"VERB", "AUX"}:
            # a verb agrees with its subject ("des roquettes visent la base" is one attack); it
            # tells a series when it says how often ("attaquées plus de 60 fois", "à plusieurs reprises")
            return self._repeated(token)
        if "Plur" not in token.morph.get("Number"):
            return False
        return not (self._trigger_lemma(token) == "tir" and determiner(token) in {"des", "de", "d'"} and any(
            c.dep_ == "nmod" and c.i in self.mentions.weapon_by_token for c in token.children))

    def _answers_by_itself(self, verb: Token) -> bool:
        """"X riposte" tells the response when no event word below it does ("riposte en frappant
        cinq dépôts", "a riposté par des frappes"), and when who answers is a state, an army or an
        aircraft ("Washington a riposté", "des F-15 ripostent"), not someone's words."""
        below = [t for t in verb.subtree if t.i != verb.i]
        if any(self._trigger_lemma(t) in self.event_nouns or t.lemma_.lower() in self.event_verbs for t in below):
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return False
        ref = self.mentions.by_token.get(subject.i)
        return subject.i in self.mentions.weapon_by_token or (
            ref is not None and ref.etype in {"State", "MilitaryOrganization", "Coalition"} and ref.source != "adjective")

    def _repeated(self, verb: Token) -> bool:
        after = {t.lower_ for t in self.doc[verb.i + 1 : min(verb.sent.end, verb.i + 6)]}
        return bool(after & {"fois", "reprises", "régulièrement", "quotidiennement"})

    def _is_subheading(self, sent: Span) -> bool:
        """A section heading inside the body ("Plus de 60 attaques contre des bases américaines").

        Saved pages keep their crossheads: short lines with no verb and no final
        stop, that sum up several events at once.  Their words are not events of
        their own; the article's title is read as usual.
        """
        if self.ctx.in_headline(sent):
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

    def _pronoun_events(self, events: SentenceEvents, last: FactHolder) -> None:
        """"Une attaque a visé la base X. Selon un responsable, elle a été menée par Y."

        In a sentence naming no event, a pronoun subject of a verb of conduct or
        targeting ("elle a été menée par", "il a visé", "celle-ci a été revendiquée")
        stands for the event told last, in this sentence's predecessor or the one before.
        """
        verbs = word_set("agentive_conduct_verbs") | word_set("target_verbs") | {"perpétrer", "commettre"}
        for token in events.sent:
            if token.pos_ != "VERB" or token.i in events.anchors or token.lemma_.lower() not in verbs:
                continue
            if any(c.dep_ in {"nsubj", "nsubj:pass"} and c.lower_ in {"elle", "il", "elles", "ils", "celle-ci", "celui-ci"}
                   for c in token.children):
                events.anchors[token.i] = last
                events.role_word[token.i] = token
                events.local.append((token.i, last))
