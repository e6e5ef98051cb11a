"""Find event mentions and their roles in a parsed article.

The statistical parse of news French is good at local attachments (a
preposition to its noun, a subject to its verb) and shaky at long ones, so the
rules read roles locally — the preposition that governs a mention, its
dependency to the nearest event word — and fall back on proximity inside the
sentence when the tree gives no event.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lexicon import triggers, word_set
from .dates import is_calendar
from .frames import Frame
from .mentions import DocMentions, EntityRef

_DIRECTIONS = {"est", "ouest", "nord", "sud", "nord-est", "nord-ouest", "sud-est", "sud-ouest", "centre"}
_PROXIMITY = {"près", "proximité", "abords", "environs", "large", "périphérie", "banlieue", "sol", "territoire", "alentours"}


def _future_or_conditional(verb: Token) -> bool:
    """"frappera", "frapperaient", "détruirait": by the tagger, or by the form, which the
    tagger sometimes reads as an imperfect ("frapperaient" -> Tense=Imp)."""
    if "Fut" in verb.morph.get("Tense") or "Cnd" in verb.morph.get("Mood"):
        return True
    lemma, form = verb.lemma_.lower(), verb.lower_
    if lemma.endswith(("er", "ir")):
        stem = lemma
    elif lemma.endswith("re"):
        stem = lemma[:-1]
    else:
        return False
    endings = ("ai", "as", "a", "ons", "ez", "ont", "ais", "ait", "ions", "iez", "aient")
    return any(form == stem + ending for ending in endings)


def governing_preposition(token: Token) -> str | None:
    """The preposition heading ``token``'s phrase ("contre", "en", "par"...)."""
    cases = [c for c in token.children if c.dep_ in {"case", "mark"} and c.pos_ in {"ADP", "SCONJ"} and c.i < token.i]
    if cases:
        # the preposition nearest the name governs it ("des Gardiens en Syrie": "en")
        child = max(cases, key=lambda c: c.i)
        words = [child.lower_] + [c.lower_ for c in child.children if c.dep_ == "fixed"]
        before = token.doc[child.i - 1].lower_ if child.i > 0 else ""
        if words[0] in {"de", "d'", "du", "des"} and before in _PROXIMITY:
            return "près"  # "près d'Al-Qaïm", "au large de Hodeïda", "aux abords de"
        if words[0] in {"de", "d'", "du", "des"} and before in _DIRECTIONS:
            return "dans"  # "au sud de la mer Rouge", "à l'ouest de Bagdad"
        return " ".join(words)
    # "dans l'est de la Syrie": the preposition governs the direction noun
    if token.head.i != token.i and token.head.lower_ in _DIRECTIONS | _PROXIMITY:
        return governing_preposition(token.head)
    # the parse lost the attachment: the preposition just before, over determiners ("sur la base ...")
    j = token.i - 1
    while j >= 0 and token.doc[j].pos_ == "DET" and j > token.i - 3:
        j -= 1
    if j >= 0 and token.doc[j].pos_ == "ADP":
        return token.doc[j].lower_
    return None


def determiner(token: Token) -> str | None:
    for child in token.lefts:
        if child.dep_ == "det":
            return child.lower_
        # "la plupart des attaques", "l'une des frappes": "des" is "de les", a definite
        if child.dep_ == "case" and child.lower_ in {"des", "du"} and "Def" in child.morph.get("Definite"):
            if child.i > 0 and token.doc[child.i - 1].pos_ in {"NOUN", "PRON", "NUM"} and token.doc[child.i - 1].dep_ != "ROOT":
                return "les" if child.lower_ == "des" else "le"
    if token.i > 0 and token.doc[token.i - 1].pos_ == "DET":
        return token.doc[token.i - 1].lower_
    return None


def mention_root(doc: Doc, start: int, end: int) -> Token:
    span = doc[start:end]
    return span.root


def is_sourced(sent: Span) -> bool:
    """The sentence reports a source ("selon X", "d'après X"): a little less certain."""
    text = sent.text.lower()
    return any(f"{w} " in text for w in triggers()["sourcing"])


def is_hedged(sent: Span, around: Token | None = None) -> bool:
    """Conditional mood or a hedge word ("aurait été", "présumé", "soupçonné")."""
    hedges = set(triggers()["hedges"])
    for token in sent:
        if token.lower_ in hedges:
            return True
        if token.pos_ == "AUX" and "Cnd" in token.morph.get("Mood") and token.lower_ not in {"devrait", "pourrait"}:
            return True
    return False


class EventFinder:
    """Detect event triggers in a sentence and read their roles."""

    def __init__(self, doc: Doc, mentions: DocMentions, state_like: set[str]):
        self.doc = doc
        self.mentions = mentions
        self.lex = triggers()
        self.event_nouns: dict[str, str] = self.lex["event_nouns"]
        self.event_verbs: dict[str, str] = self.lex["event_verbs"]
        self.state_like = state_like
        self._marker_tokens = self._retaliation_marker_tokens()

    # ------------------------------------------------------------------ triggers
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
        if token.pos_ in {"VERB", "AUX"} and _future_or_conditional(token) \
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
                # "frappes de représailles", "série d'attaques": one event, not two
                if (token.dep_ == "nmod" and token.head.lemma_.lower() in self.event_nouns and token.head.i < token.i
                        and token.head.i not in self._marker_tokens):
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
                    and any(c.lower_ in {"s'", "se"} for c in token.children):
                found.append((token, "Attack", True))  # "un kamikaze s'est fait exploser devant ..." 
        return found

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
        return False

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

    # ------------------------------------------------------------------ anchors
    def event_head(self, token: Token, is_verb: bool) -> Token:
        """The verb that carries a noun trigger's clause ("ont mené des frappes")."""
        if is_verb:
            return token
        if token.dep_ == "nmod" and token.head.lemma_.lower() in self.lex["quantity_nouns"] and token.head.head.pos_ == "VERB":
            return token.head.head  # "ont lancé des dizaines de drones"
        head = token.head
        if token.dep_ == "nmod" and is_calendar(head) and head.head.pos_ == "VERB":
            return head.head  # "ont mené vendredi 2 février des frappes": the parse hangs them off the date
        if token.dep_ in {"obj", "nsubj:pass", "nsubj", "obl:arg", "obl:agent"} and head.pos_ == "VERB":
            return head  # "ont mené des frappes", "a été visée par une frappe"
        return token

    def verb_subject(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubj:pass"}:
                # the parser sometimes makes "Les" the subject of "Les Gardiens de la révolution ont tiré"
                if child.pos_ == "DET" and child.i + 1 in self.mentions.by_token:
                    return child.doc[child.i + 1]
                return child
        # "Les États-Unis affirment avoir mené des frappes": the infinitive's subject is the main verb's;
        # "..., affirmant avoir visé": the participle's is its clause's
        infinitive = "Inf" in verb.morph.get("VerbForm") or any(
            c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in verb.children)  # "avoir mené"
        if verb.dep_ in {"xcomp", "ccomp"} and infinitive and verb.head.i != verb.i:
            return self.verb_subject(verb.head)
        if verb.dep_ in {"advcl", "acl"} and "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense"):
            return self.verb_subject(verb.head)
        return None

    def is_passive(self, verb: Token) -> bool:
        return any(c.dep_ == "aux:pass" for c in verb.children) or "Pass" in verb.morph.get("Voice")

    # ------------------------------------------------------------------ roles
    def role_of_entity(self, ref: EntityRef, trigger: Token, is_verb: bool) -> str | None:
        """perpetrator | target | location | None for an entity near a trigger."""
        root = self.stand_in(mention_root(self.doc, ref.start, ref.end))
        head = self.event_head(trigger, is_verb)
        # "Les États-Unis et le Royaume-Uni ont bombardé": a conjunct shares its head's role
        while root.dep_ == "conj" and root.head.i in self.mentions.by_token and root.head.i != trigger.i:
            root = root.head
        if ref.source == "adjective":
            return self._role_of_adjective(root, trigger, head)
        role = self._direct_role(ref, root, trigger, head, is_verb)
        if role is not None:
            return role
        # inside a phrase the event aims at: "contre un véhicule appartenant à un
        # groupe", "a visé un site utilisé par ces groupes" -> that actor was targeted
        if ref.is_actor or ref.etype == "MilitaryBase":
            node = root
            for _ in range(6):
                if node.i in {trigger.i, head.i} or node.head.i == node.i:
                    break
                if node.lemma_.lower() in self._backers_words:
                    return None  # "contre des groupes soutenus par l'Iran": Iran is the backer
                prep = governing_preposition(node) if node.i != root.i else None
                if prep in {"contre", "visant", "ciblant"}:
                    return "target"
                if node.dep_ == "obj" and node.head.i == head.i and head.lemma_.lower() in self._target_verbs:
                    return "target"
                node = node.head
        elif ref.etype in {"Location", "State"}:
            # "a frappé un immeuble de la banlieue sud de Beyrouth", "une frappe sur une maison
            # de Khan Younès", "contre un pétrolier dans le golfe d'Aden": where what was hit stands
            node = root.head
            for _ in range(4):
                if node.dep_ == "obj" and node.head.i == head.i and head.lemma_.lower() in self._target_verbs:
                    return "location"
                if node.head.i == node.i or node.i in {trigger.i, head.i}:
                    break
                if governing_preposition(node) in {"contre", "sur", "visant", "ciblant", "devant", "à", "dans", "près"} \
                        and self.anchor_token(node, {trigger.i: None, head.i: None}, limit=5) is not None:
                    return "location"
                node = node.head
        return None

    def stand_in(self, root: Token) -> Token:
        """"la milice X", "la base de X": the common noun stands for the name in the parse."""
        head = root.head
        if root.dep_ == "amod" and head.lemma_.lower() in word_set("member_nouns"):
            ref = self.mentions.by_token.get(root.i)
            if ref is not None and ref.etype == "ArmedGroup" and ref.source != "adjective":
                return head  # "des combattants houthis ont tiré": the name, tagged an adjective, acts through them
        nouns = word_set("group_nouns") | word_set("base_nouns") | word_set("place_nouns")
        if root.dep_ in {"nmod", "appos", "flat:name"} and head.i < root.i and head.lemma_.lower() in nouns:
            cases = [c.lower_ for c in root.children if c.dep_ == "case"]
            if not cases:
                return head
            naming = word_set("base_nouns") | word_set("place_nouns")
            genitive = governing_preposition(root) in {"de", "d'", "du", "des"}
            if genitive and head.lemma_.lower() in naming:
                return head  # "la base de X", "la province de X"
            ref = self.mentions.by_token.get(root.i)
            if genitive and head.lemma_.lower() in word_set("member_nouns") and ref is not None and ref.is_actor:
                return head  # "des combattants de X" act for X
        return root

    @property
    def _backers_words(self) -> set[str]:
        return word_set("backing", "participles") | word_set("affiliation", "adjectives") | {
            "affilier", "lier", "rattacher"}

    @property
    def _target_verbs(self) -> set[str]:
        return word_set("target_verbs")

    def _role_of_adjective(self, root: Token, trigger: Token, head: Token) -> str | None:
        """"l'attaque américaine", "les forces américaines ont mené": the state did it."""
        if root.dep_ == "conj" and root.head.pos_ == "ADJ":
            root = root.head  # "américains et britanniques": the second shares the first's noun
        noun = root.head
        weapon = self.mentions.weapon_by_token.get(noun.i)
        if weapon is not None:
            noun = self.doc[weapon.start:weapon.end].root  # "avions de combat jordaniens": the aircraft
        if noun.i == trigger.i:
            return "perpetrator"
        if noun.dep_ == "nsubj" and noun.head.i == head.i and not self.is_passive(head):
            return "perpetrator"
        if noun.i in self.mentions.weapon_by_token:
            # "une frappe de drone israélien", "tué par un drone américain": whose weapon it was
            if noun.head.i in {trigger.i, head.i} or governing_preposition(noun) == "par":
                return "perpetrator"
            # "lorsqu'un drone israélien a frappé": the parse lost the subject just before the verb
            if head.pos_ == "VERB" and 0 < head.i - noun.i <= 4 and self.verb_subject(head) is None:
                return "perpetrator"
        if noun.lemma_.lower() in {"sol", "territoire"} and governing_preposition(noun) in {"sur", "en", "dans"}:
            return "location"
        ref = self.mentions.by_token.get(root.i)
        if ref is not None and ref.etype == "ArmedGroup":
            # "des frappes contre des positions houthies", "ont bombardé des sites houthis": theirs was hit
            if governing_preposition(noun) in {"contre", "visant", "ciblant", "sur"} or (
                    noun.dep_ == "obj" and noun.head.i == head.i and head.lemma_.lower() in self._target_verbs):
                return "target"
        return None

    def _direct_role(self, ref: EntityRef, root: Token, trigger: Token, head: Token, is_verb: bool) -> str | None:
        prep = governing_preposition(root)
        governor = root.head
        if governor.lemma_.lower() in self._backers_words and governor.i not in {trigger.i, head.i}:
            return None  # "des sites liés à l'Iran", "soutenus par l'Iran"
        if governor.lemma_.lower() in {"soutien", "solidarité", "hommage"} and governor.i not in {trigger.i, head.i}:
            return None  # "l'opération, menée en soutien à Gaza": whom it was for, not where
        if ref.etype == "MilitaryBase" and governor.lemma_.lower() in {"approche", "approcher", "abord", "abords"}:
            return "target"  # "abattus à l'approche de la base X", "alors qu'ils s'approchaient de la base X"
        if (prep in {None, "des", "du", "de", "d'"} and is_calendar(governor) and governor.head.i == head.i
                and root.dep_ in {"appos", "nmod", "obj"}):
            # "a visé mercredi soir la base de Balad": the parse hangs the object off the date
            if head.lemma_.lower() in self._target_verbs:
                return "location" if ref.etype == "Location" else "target"
        if prep in {"contre", "visant", "ciblant"}:
            # a town or region hit is where it happened; a state, base or actor is the target
            return "location" if ref.etype == "Location" else "target"
        if prep == "depuis":
            return None  # "tiré depuis le Liban": where it came from; the perpetrator did not strike it
        if prep in {"en", "à", "au", "aux", "dans", "près", "près de", "vers", "au large de"}:
            if ref.etype == "State" and prep == "à":
                return None  # countries take "en"/"au": "le soutien à Israël" is no place
            if ref.etype == "MilitaryBase" and prep in {"près", "près de", "sur", "à"}:
                return "target"  # "abattus à l'approche de la base X", "tirs sur la base": the base was aimed at
            return "location" if ref.is_place else None
        if prep == "sur":
            return "location" if ref.etype in {"Location", "State"} else "target"
        if prep == "par":
            # only the agent of the event itself ("l'attaque perpétrée par X"), not "soutenus par", "utilisé par"
            conduct = word_set("agentive_conduct_verbs") | set(self.event_verbs) | word_set("launch_verbs")
            agentive_head = head.i == trigger.i or head.lemma_.lower() in conduct
            if ref.is_actor and ((governor.i == trigger.i) or (governor.i == head.i and agentive_head)
                                 or (governor.lemma_.lower() in conduct and trigger in governor.ancestors)):
                return "perpetrator"
            return None  # "l'attaque a été imputée par Washington": not who carried it out
        if prep in {"de", "du", "des", "d'"} and governor.i in self.mentions.weapon_by_token and ref.is_actor \
                and ref.etype != "State" and (governor.head.i in {trigger.i, head.i} or governor.i == trigger.i):
            return "perpetrator"  # "un drone de Tsahal", "un tir de missile balistique des Houthis"
        if prep in {"de", "du", "des", "d'"} and governor.i == trigger.i:
            if ref.etype == "MilitaryBase":
                return "target"
            if ref.etype == "Location":
                return "location"
            if ref.etype == "State" and trigger.lemma_.lower() in {"frappe", "raid", "bombardement"}:
                return "location"
            return "perpetrator"
        subject = self.verb_subject(head) if head.pos_ == "VERB" else None
        if subject is not None and (ref.start <= subject.i < ref.end or subject.i == root.i):
            if self.is_passive(head):
                if head.lemma_.lower() in self._target_verbs or is_verb:
                    return "target"
                return None
            if ref.is_actor and head.lemma_.lower() in word_set("agentive_conduct_verbs") | set(self.event_verbs):
                return "perpetrator"
            if (ref.etype in {"State", "MilitaryOrganization", "Coalition"} and trigger.dep_ == "obj"
                    and head.lemma_.lower() in word_set("announce_verbs") and self.event_nouns.get(trigger.lemma_.lower()) == "Strike"):
                return "announced"  # "Washington a confirmé plusieurs frappes": probably its own
            return None
        if root.dep_ == "obj" and governor.i == head.i and head.lemma_.lower() in self._target_verbs:
            # "a bombardé plusieurs localités du Sud-Liban": towns and regions are where it struck
            return "location" if ref.etype == "Location" else "target"
        return None

    @staticmethod
    def anchor_token(token: Token, anchors: dict[int, Frame], limit: int = 8) -> Token | None:
        """Walk up the tree from ``token`` to the first event word or its verb."""
        current = token
        for _ in range(limit):
            if current.i in anchors:
                return current
            if current.head.i == current.i:
                return None
            current = current.head
        return None

    def anchor_frame(self, token: Token, anchors: dict[int, Frame], limit: int = 8) -> Frame | None:
        """The event of the first event word (or its verb) above ``token``."""
        anchor = self.anchor_token(token, anchors, limit)
        return anchors[anchor.i] if anchor is not None else None

    def nearest_frame(self, token: Token, positions: list[tuple[int, Frame]]) -> Frame | None:
        if not positions:
            return None
        return min(positions, key=lambda item: (abs(item[0] - token.i), item[0] > token.i))[1]
