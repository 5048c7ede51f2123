"""The event coder: a parsed document in, actors and events out.

The cascade, per sentence:
1. actor mentions from the dictionary automaton, grouped into noun phrases on the parse
   ("the Taliban defence minister": a role noun with a group modifier), locations set apart;
2. pronouns and definite phrases ("it", "the group") resolved to the nearest compatible actor;
3. verb triggers matched against verb patterns (most specific wins), source and target read off
   the parse (subject/agent, object/preposition, passives, control, relative clauses);
4. noun triggers ("the assassination of X at the hands of Y", "talks between X and Y");
5. flags (negated, hypothetical, intent), sectors, place and date for each event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from khyber import CODER
from khyber.coding.actors import ROLE_CODES, ActorDictionary, Entry, Match, load_dictionary
from khyber.coding.dates import DAYS, MONTH_NAMES, event_date
from khyber.coding.modality import Flags, Modality, flags_for, load_modality
from khyber.coding.ontology import lookup as cameo_lookup
from khyber.coding.patterns import Pattern, PatternIndex, load_patterns
from khyber.coding.places import crossing_countries, find_place
from khyber.coding.sectors import sectors_for
from khyber.nlp.segment import dateline_spans
from khyber.records import Actor, Document, Event, Location, Sentence, content_hash

MOD_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod", "nummod", "det", "case"}
LOCATIVE = {
    "in",
    "at",
    "near",
    "inside",
    "within",
    "across",
    "outside",
    "throughout",
    "around",
    "along",
    "over",
    "off",
    "beyond",
    "into",
    "through",
    "via",
}
# prepositions whose object can be where an act happened or set out from
PLACE_PREPS = frozenset(LOCATIVE | {"from"})
DEFAULT_TARGET_PREPS = ("with", "to", "against", "on", "at", "into", "toward", "towards", "upon", "from")
NOUN_SOURCE_PREPS = {"by", "from"}
NOUN_TARGET_PREPS = {"of", "with", "against", "on", "to", "toward", "towards", "into", "upon", "over", "for"}
SKIP_SUBTREE = {
    "nsubj",
    "nsubjpass",
    "csubj",
    "ccomp",
    "xcomp",
    "advcl",
    "relcl",
    "conj",
    "parataxis",
    "acl",
    "mark",
    "punct",
    "cc",
    "agent",
}
# dependency steps from a clause up to the clause that governs it
SALIENT_PATH = frozenset(("ccomp", "advcl", "conj", "xcomp", "relcl", "acl", "pcomp", "attr", "pobj", "prep", "dobj"))
# people's titles: "it" does not stand for them
THING_NOT = frozenset(
    ("minister", "diplomat", "envoy", "ambassador", "spokesman", "spokesperson", "official", "president", "chief")
)
# texts that speak for whoever issues them: "passed a resolution condemning", "issued a statement urging"
# nouns a city names rather than acts through: "the Doha agreement", "the Vienna Convention", "the Istanbul
# process", "the Moscow format"
NAMED_BY_PLACE = frozenset(
    (
        "agreement",
        "accord",
        "accords",
        "treaty",
        "convention",
        "declaration",
        "protocol",
        "process",
        "format",
        "pact",
        "charter",
        "communique",
        "communiqué",
        "conference",
        "summit",
        "consensus",
        "plan",
        "roadmap",
        # violence named by where it happened: "the Kabul bombing", "the Peshawar attack"
        "bombing",
        "blast",
        "attack",
        "explosion",
        "massacre",
        "shooting",
        "carnage",
    )
)
DOCUMENTS = frozenset(
    (
        "resolution",
        "statement",
        "declaration",
        "communique",
        "communiqué",
        "letter",
        "report",
        "notification",
        "circular",
        "order",
        "decree",
        "ruling",
        "verdict",
        "judgment",
        "judgement",
        "motion",
        "memorandum",
        "note",
        "law",
        "bill",
        "ordinance",
        "legislation",
        "amendment",
    )
)
# texts that propose or demand: vetoed or rejected, what they say did not happen
PROPOSALS = DOCUMENTS | {"bid", "proposal", "draft", "plan"}
# the state of being held: "beaten in Pakistani custody", "fishermen held in each other's custody"
CUSTODY = frozenset(("custody", "detention", "captivity", "arrest", "jail", "prison"))
# who takes a force posture of their own ("troops were deployed"): the state's armed and police forces
FORCE_ROLES = frozenset(("MIL", "COP", "SPY"))
# nouns whose possessor acts through them: "Pakistan's decision to close the border"
STANDS_FOR_OWNER = frozenset(
    (
        "decision",
        "move",
        "response",
        "side",
        "stance",
        "position",
        "policy",
        "plan",
        "proposal",
        "offer",
        "demand",
        "request",
        "call",
        "government",
        "administration",
        "delegation",
        "team",
        "envoy",
        "forces",
        "troops",
        "army",
        "military",
        "leadership",
        "leader",
        "authorities",
        "officials",
        "ministry",
        "office",
        "decree",
        "order",
    )
)
# bodies that act for whoever sets them up: "formed a commission to probe", "set up a task force to trace"
BODIES = frozenset(
    (
        "commission",
        "committee",
        "panel",
        "team",
        "task force",
        "force",
        "tribunal",
        "inquiry",
        "mission",
        "body",
        "board",
        "cell",
        "unit",
        "council",
        "jirga",
    )
)
# people a release or return (084) can be about even when no actor is named
CAPTIVES = frozenset(
    (
        "prisoner",
        "detainee",
        "hostage",
        "captive",
        "inmate",
        "convict",
        "fisherman",
        "fishermen",
        "national",
        "citizen",
        "pilot",
        "soldier",
        "official",
        "diplomat",
        "journalist",
        "worker",
        "student",
        "pilgrim",
        "him",
        "her",
        "them",
        "who",
        "body",
        "remains",
        "person",
        "people",
        "man",
        "woman",
        "child",
        "suspect",
        "commander",
        "leader",
        "member",
        "fighter",
        "militant",
        "activist",
        "politician",
    )
)
# "any government in Kabul", "the rulers in Kabul": the capital names the government
# participles that say where fighters are: "groups operating from its soil", "militants based in Afghanistan"
BASED_VERBS = frozenset(("operate", "base", "hide", "shelter", "live", "stay", "train"))
# nouns of degree that stand before what a pattern names: "a state of alert", "the level of cooperation"
DEGREE_NOUNS = frozenset(("state", "level", "status", "degree"))
# nouns that hold an event in their of-phrase: "a campaign of ethnic cleansing", "a wave of attacks"
CONTAINERS = frozenset(("campaign", "wave", "series", "spate", "string", "round", "cycle", "policy", "pattern"))
# time nouns of a custom: "every evening", "each year"
HABIT_TIMES = frozenset(("day", "morning", "evening", "night", "week", "month", "year", "sunset", "friday", "time"))
# addressees that are no actor: "appealed to the international community", "called on the world"
GENERIC_ADDRESSEES = frozenset(("world", "community", "donor", "everyone", "stakeholder", "humanity"))
# verbs of going somewhere: what they are "for" is the traveller's purpose
TRAVEL_VERBS = frozenset(("travel", "arrive", "fly", "visit", "come", "go", "reach", "head", "land", "leave"))
# verbs that name or judge what they take: "calling them a violation", "describing it as an illusion"
NAMING_VERBS = frozenset(("call", "describe", "term", "label", "brand", "dub", "declare", "consider", "deem"))
OWN = ("its ", "their ", "his ", "her ")  # an actor's own people or things: "its embassy", "their fighters"
MISSIONS = frozenset(("embassy", "embassies", "consulate", "consulates", "legation", "mission", "missions"))
SEATS = frozenset(("government", "administration", "regime", "ruler", "rulers", "authorities", "leadership", "setup"))
# subjects that make a killing a strike or bombing, not an assassination
WEAPON_SUBJECTS = frozenset(
    ("strike", "airstrike", "bombing", "bomb", "raid", "attack", "blast", "explosion", "shelling", "drone", "missile")
)
# people handed over who are being released rather than extradited
RETURNED = frozenset(
    (
        "pilot",
        "fisherman",
        "fishermen",
        "prisoner",
        "captive",
        "hostage",
        "national",
        "citizen",
        "soldier",
        "body",
        "remains",
        "pilgrim",
        "detainee",
    )
)
REFLEXIVE = frozenset(("itself", "themselves", "himself", "herself"))
PERSONAL = {
    "itself": "thing",
    "themselves": "any",
    "himself": "person",
    "herself": "person",
    "he": "person",
    "she": "person",
    "him": "person",
    "his": "person",
    "her": "person",
    "it": "thing",
    "its": "thing",
    "they": "any",
    "them": "any",
    "their": "any",
    "we": "any",
    "our": "any",
    "i": "person",
    "us": "any",
}
SPEAKERS = {
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "official",
    "representative",
    "delegation",
    "envoy",
    "negotiator",
    "member",
    "leader",
    "chief",
    "head",
}
COLLECTIVE = {
    "delegation",
    "member",
    "leader",
    "leadership",
    "representative",
    "team",
    "group",
    "head",
    "chief",
    "official",
    "spokesman",
    "spokesperson",
    "commander",
    "envoy",
    "minister",
    "wing",
    "side",
    "unit",
    "contingent",
    "convoy",
    "party",
    "body",
    "faction",
    "fighter",
    "militant",
    "supporter",
    "worker",
    # quantities: "hundreds of protesters", "thousands of Afghans", "dozens of Taliban fighters"
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "dozen",
    "dozens",
    "score",
    "scores",
    "ten",
    "tens",
    "million",
    "millions",
}
IGO_NOUNS = {
    "fund",
    "bloc",
    "body",
    "organisation",
    "organization",
    "agency",
    "alliance",
    "mission",
    "bank",
    "council",
    "union",
    "grouping",
    "forum",
}
PERSON_TITLES = {
    "general",
    "diplomat",
    "leader",
    "warlord",
    "minister",
    "envoy",
    "commander",
    "cleric",
    "politician",
    "premier",
    "president",
    "chief",
    "predecessor",
    "successor",
    "spymaster",
    "emir",
    "mullah",
    "former",
    "official",
    "ambassador",
    "negotiator",
    "detainee",
    "rapporteur",
}
PARTY_NOUNS = {"party", "alliance", "coalition"}
GROUP_NOUNS = {
    "islamist",
    "hardliner",
    "group",
    "outfit",
    "organisation",
    "organization",
    "militia",
    "movement",
    "network",
    "faction",
}
PAIR_NOUNS = {
    "side",
    "country",
    "nation",
    "neighbour",
    "neighbor",
    "government",
    "leader",
    "delegation",
    "military",
    "army",
    "state",
    "capital",
    "minister",
    "team",
    "party",
}
BOTH_SIDES = {
    "both sides",
    "the two sides",
    "the two countries",
    "both countries",
    "the two nations",
    "both nations",
    "the two neighbours",
    "the two neighbors",
    "the neighbours",
    "the neighbors",
    "both governments",
    "the two governments",
}
FIGHTERS = {"INS", "REB", "SEP", "RAD", "UAF"}
MATERIAL = {"06", "07", "08", "14", "15", "16", "17", "18", "19", "20"}
FOCUS_ROLES = {"GOV", "MIL", "SPY", "LEG", "JUD", "OPP", "COP"}
JOINT = {"03", "04", "05", "06", "08", "019"}  # "Pakistan and Afghanistan agreed/met": each side towards the other
STATE_ROLES = {"GOV", "MIL", "SPY", "LEG", "JUD"}
HUMAN_ROLES = ROLE_CODES - {"IGO", "IMG", "UNO", "SPO", "PTY", "SEC", "DEV", "ENV", "MOD", "NGO"}


@dataclass
class Phrase:
    """An actor phrase in a parsed sentence."""

    head: Any  # spaCy token
    tokens: list[Any]
    actor: Actor
    kind: str  # person | state | igo | group | generic | capital | metonym
    entry: Entry | None = None
    plural: bool = False
    pronoun: bool = False
    extra: list[Actor] = field(default_factory=list)  # "both sides": more than one actor
    orgs: list[Entry] = field(default_factory=list)  # groups and IGOs named inside ("Taliban leader X")

    @property
    def actors(self) -> list[Actor]:
        return [self.actor, *self.extra]


def _split_code(code: str) -> tuple[str, str]:
    """``PAKGOV`` → (PAK, GOV); ``PAK`` → (PAK, ""); a role alone (``INS``: country unknown) → ("", INS)."""
    if len(code) == 3 and code in ROLE_CODES and code not in ("IGO", "IMG"):
        return "", code
    return code[:3], code[3:6]


class Coder:
    """Holds the compiled data; one per process (it is cheap to share, costly to build)."""

    def __init__(
        self,
        dictionary: ActorDictionary | None = None,
        patterns: PatternIndex | None = None,
        modality: Modality | None = None,
    ) -> None:
        self.dict = dictionary or load_dictionary()
        self.patterns = patterns or load_patterns()
        self.modality = modality or load_modality()
        self.installations = self.modality.installations
        self._reporting_or_findings = self.modality.reporting | REPORT_FINDINGS
        self._home: str | None = None
        self._focus: str | None = None
        self._doc_group: Entry | None = None
        self._on: date | None = None
        self._sentence_matches: list[Match] = []
        self._doc_events: list[Event] = []  # the events of the document so far (what the story already told)

    # ------------------------------------------------------------------ actors ----------------
    def _actor(self, text: str, entry: Entry | None, code: str, name: str | None, start: int, end: int) -> Actor:
        country, role = _split_code(code)
        nm = name or (entry.name if entry else (self.dict.country_name(country) if country else role))
        return Actor(
            text=text,
            actor_id=entry.id if entry else None,
            name=nm,
            code=code,
            country=country,
            role=role,
            start=start,
            end=end,
        )

    def phrases(self, sent: Any, matches: list[Match], on: date | None) -> tuple[list[Phrase], list[Any]]:
        """Actor phrases of one sentence, and the tokens that name places (locations)."""
        doc = sent.doc
        spans = []
        for m in matches:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or span.start < sent.start or span.end > sent.end:
                continue
            spans.append((span, m))
        groups: dict[int, list[tuple[Any, Match]]] = {}
        folded: dict[int, int] = {}  # a person kept apart from the name it was misparsed into: that name's head
        for span, m in spans:
            top = span.root
            while top.dep_ == "conj" and top.head.dep_ in MOD_DEPS and top.head != top:
                top = top.head
            person = m.alias.kind == "entity" and self.dict.entries[m.alias.entry_id or ""].kind == "person"
            while (
                top.dep_ in MOD_DEPS
                and not (top.dep_ == "poss" and top.pos_ == "NOUN")  # "the Afghan diplomat's visit": own phrase
                # "ISI chief X and army spokesman Y rejected": a misparse folds X into Y's name
                and not (
                    person and any(c.dep_ == "cc" for c in top.children) and any(c.dep_ == "conj" for c in top.children)
                )
                and top.head != top
                and top.head.pos_ in ("NOUN", "PROPN")
                and top.head.i > top.i - 8
            ):
                top = top.head
                if top.lemma_.lower() in self.patterns.nouns:  # "the Taliban attack": the event noun's own
                    break
            if person and top.dep_ in MOD_DEPS and any(c.dep_ == "cc" for c in top.children):
                up = top
                while up.dep_ in MOD_DEPS and up.head != up and up.head.pos_ in ("NOUN", "PROPN"):
                    up = up.head
                if up is not top:
                    folded[top.i] = up.i
            groups.setdefault(top.i, []).append((span, m))
        phrases: list[Phrase] = []
        locations: list[Any] = []
        mentions_in: dict[int, list[Match]] = {i: [m for _s, m in ms] for i, ms in groups.items()}
        for top_i, members in groups.items():
            top = doc[top_i]
            head = [(s, m) for s, m in members if s.start <= top_i < s.end]
            mods = [(s, m) for s, m in members if not (s.start <= top_i < s.end)]
            if head:
                ph = self._resolve_head(top, head[0], mods, on)
                if ph is not None:
                    phrases.append(ph)
                    continue
            if not head and top.lemma_.lower() == "side" and top.tag_ == "NN":
                # "firing from the Afghan side", "the Pakistani side agreed": that country
                states = [
                    sm
                    for sm in mods
                    if sm[1].alias.kind == "demonym" or (sm[1].alias.kind == "entity" and self._is_state(sm[1]))
                ]
                if len(states) == 1 and len(mods) == 1:
                    country = states[0][1].alias.code if states[0][1].alias.kind == "demonym" else None
                    st = self.dict.entries.get(states[0][1].alias.entry_id or "")
                    country = country or (st.code[:3] if st is not None else None)
                    st = self.dict.state_by_iso.get(country or "")
                    if st is not None and country:
                        text = " ".join(t.text for t in top.subtree if t.i <= top.i)
                        actor = self._actor(text, st, country, None, top.idx, top.idx + len(top.text))
                        phrases.append(Phrase(top, [top], actor, "state", st))
                        continue
            if not head and top.lemma_.lower() in self.installations:
                # "Pakistani border posts", "an Afghan checkpoint": the country's
                country_mods = [
                    sm
                    for sm in mods
                    if sm[1].alias.kind in ("demonym", "capital")
                    or (sm[1].alias.kind == "entity" and self._is_state(sm[1]))
                ]
                country, _ent = self._country_from(country_mods, top, on) if country_mods else (None, None)
                if country and not any(m.alias.kind == "agent" for _s, m in mods):
                    text = " ".join(t.text for t in top.subtree if t.i <= top.i and t.dep_ != "prep")
                    st = self.dict.state_by_iso.get(country)
                    phrases.append(
                        Phrase(
                            top,
                            [top],
                            self._actor(text, st, country, None, top.idx, top.idx + len(top.text)),
                            "state",
                            st,
                        )
                    )
                    continue
            agent_mods = [(s, m) for s, m in mods if m.alias.kind == "agent"]
            if agent_mods and (
                top.lemma_.lower() in self.installations
                or top.pos_ == "PROPN"
                or top.lemma_.lower() not in self.patterns.nouns
            ):
                # "a police checkpoint": the institution; "foreign minister Amir Khan Muttaqi", a name the
                # dictionary does not know: a person in that role
                others = [sm for sm in mods if sm is not agent_mods[0]]
                ph = self._resolve_head(top, agent_mods[0], others, on)
                if ph is not None:
                    phrases.append(ph)
                    continue
            event_noun = top.lemma_.lower() in self.patterns.nouns
            for s, m in mods:  # stand-alone modifiers: "Pakistan's commitment", "a US drone strike"
                if m.alias.kind == "demonym" and event_noun and m.alias.entry_id:
                    st = self.dict.entries[m.alias.entry_id]
                    tok = s.root
                    phrases.append(
                        Phrase(
                            tok, list(s), self._actor(s.text, st, st.code, None, s.start_char, s.end_char), "state", st
                        )
                    )
                    continue
                if m.alias.kind in ("capital", "metonym") and _names_a_document(s.root):
                    continue  # "the Doha agreement", "the Vienna Convention": a name, not Qatar or Austria
                if m.alias.kind in ("entity", "capital", "metonym"):
                    person = m.alias.kind == "entity" and self.dict.entries[m.alias.entry_id or ""].kind == "person"
                    # "Prime Minister Shehbaz Sharif" matched as "Prime Minister Shehbaz": the name's last word
                    # is the phrase's head
                    at = top if person and top.pos_ == "PROPN" and s.end == top.i and len(mods) == 1 else s.root
                    ph = self._resolve_head(at, (s, m), [], on)
                    if ph is not None:
                        phrases.append(ph)
        kept = []
        for ph in phrases:
            h = ph.head
            if (
                h.dep_ == "pobj"
                and h.head.lower_ in LOCATIVE
                and ph.kind in ("state", "capital")
                and h.head.head.lemma_.lower() not in ("visit", "trip", "travel", "journey")
                and not (ph.kind == "capital" and h.head.head.lemma_.lower() in SEATS)
            ):
                locations.append(h)
                continue
            kept.append(ph)
        persons = {ph.head.i for ph in kept if ph.kind == "person"}
        kept = [  # "Deputy Prime Minister and Foreign Minister Ishaq Dar": the titles belong to the name
            ph
            for ph in kept
            if not (
                ph.kind == "generic"
                and not ph.actor.country
                and ph.head.pos_ == "PROPN"
                and any(c.dep_ == "conj" and c.i in persons for c in ph.head.children)
            )
        ]
        for ph in kept:
            ph.orgs = [
                self.dict.entries[m.alias.entry_id]
                for m in mentions_in.get(ph.head.i, [])
                if m.alias.kind == "entity"
                and m.alias.entry_id
                and self.dict.entries[m.alias.entry_id].kind in ("group", "igo")
            ]
        by_head = {p.head.i: p for p in kept}
        for inner, outer in folded.items():  # the pair acts together: "X and Y rejected the claims"
            a, b = by_head.get(inner), by_head.get(outer)
            if a is not None and b is not None and a is not b:
                b.extra.append(a.actor)
                b.plural = True
                b.tokens = [t for t in b.tokens if t.i not in {x.i for x in a.tokens}]
        kept.sort(key=lambda p: p.head.i)
        return kept, locations

    def _resolve_head(
        self, top: Any, head: tuple[Any, Match], mods: list[tuple[Any, Match]], on: date | None
    ) -> Phrase | None:
        m = head[1]
        alias = m.alias
        tokens = [t for s, _ in [head, *mods] for t in s]
        lo = min(t.i for t in [*tokens, top])
        hi = max(t.i for t in [*tokens, top])
        doc = top.doc
        # take in the determiner and adjectives that belong to the phrase ("the top Afghan diplomat")
        while (
            lo > 0
            and doc[lo - 1].head.i in range(lo, hi + 1)
            and doc[lo - 1].dep_ in ("det", "amod", "compound", "poss", "nummod")
        ):
            lo -= 1
        text = doc[lo : hi + 1].text
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        plural = top.tag_ in ("NNS", "NNPS") or (top.text.endswith("s") and not top.text.endswith("ss"))
        entry = self.dict.entries.get(alias.entry_id or "")
        if alias.kind == "entity" and entry is not None:
            regional = dict(entry.regional).get(self._focus or "")
            if regional:  # "Islamic State" in a story about Afghanistan: the Khorasan branch
                entry = self.dict.entries[regional]
            code, _ = entry.resolve(on)
            if entry.kind == "person" and code == entry.code:
                # "PTI chief Imran Khan" in 2014: no office of his own that day, so his party's standing
                for _s, mm in mods:
                    org = self.dict.entries.get(mm.alias.entry_id or "")
                    if org is not None and org.kind == "group" and mm.alias.kind == "entity":
                        code = org.resolve(on)[0]
                        break
                else:
                    title = next((mm.alias.code for _s, mm in mods if mm.alias.kind == "agent"), None)
                    former = any(
                        t.lower_ in ("former", "retired", "ex", "erstwhile", "late") for t in top.subtree if t.i < top.i
                    )
                    if title and title not in ("GOV", "ELI") and not former:
                        # "journalist Arshad Sharif", "Lt Gen Faiz Hameed" (not "retired army chief X")
                        code = entry.code[:3] + title
            if entry.kind == "state":
                # "Pakistan Army": a state name as modifier of a role noun is handled below; alone it is the state
                pass
            return Phrase(top, tokens, self._actor(text, entry, code, None, start, end), entry.kind, entry, plural)
        agent_alt = next((a for a in m.alts if a.kind == "agent"), None)
        if agent_alt is not None and alias.kind in ("capital", "metonym") and mods:
            # "the Afghan Foreign Office": the role noun reading, with the modifier's country
            alias = agent_alt
            entry = None
        if alias.kind in ("capital", "metonym") and entry is not None:
            code = alias.code or entry.code
            return Phrase(top, tokens, self._actor(text, entry, code, entry.name, start, end), alias.kind, entry)
        if alias.kind == "demonym" and entry is not None:
            if top.pos_ in ("NOUN", "PROPN") and plural:  # "Afghans", "the Pakistanis"
                sent_words = {t.lower_ for t in top.sent} | {t.lemma_.lower() for t in top.sent}
                role = "REF" if sent_words & self.modality.refugee_words else "CVL"
                return Phrase(
                    top,
                    tokens,
                    self._actor(text, None, (alias.code or "") + role, entry.name, start, end),
                    "generic",
                    None,
                    True,
                )
            return None
        if alias.kind == "agent":
            role = alias.code or ""
            if top.lemma_.lower() in SPEAKERS:  # "police officials", "CTD officials", "army spokesman"
                role = (
                    next(
                        (
                            mm.alias.code
                            for _s, mm in mods
                            if mm.alias.kind == "agent" and mm.alias.code not in ("GOV", "ELI")
                        ),
                        None,
                    )
                    or role
                )
            country, via_entry = self._country_from(mods, top, on)
            if via_entry is None and self.dict.needs_country(alias.surface):
                return None  # "commanders" alone may be anyone's; "Pakistani commanders" are the army's
            if (
                via_entry is not None
                and via_entry.family in ("institution", "party")
                and top.lemma_.lower() in SPEAKERS
            ):
                icode, _ = via_entry.resolve(on)  # "Counter Terrorism Department officials": the department
                return Phrase(top, tokens, self._actor(text, None, icode, None, start, end), "generic", None, plural)
            if via_entry is not None and via_entry.kind == "igo":  # "European Union ambassadors", "UN officials"
                icode, _ = via_entry.resolve(on)
                return Phrase(
                    top, tokens, self._actor(text, via_entry, icode, None, start, end), "igo", via_entry, plural
                )
            if via_entry is not None and via_entry.kind == "group":
                gcode, _ = via_entry.resolve(on)
                if not gcode.endswith("GOV") or role not in STATE_ROLES or role == "MIL":
                    return Phrase(
                        top, tokens, self._actor(text, via_entry, gcode, None, start, end), "group", via_entry, plural
                    )
            code = (country or "") + role
            ent = self.dict.state_by_iso.get(country or "")
            ph = Phrase(
                top,
                tokens,
                self._actor(text, None, code, ent.name if ent else None, start, end),
                "generic",
                None,
                plural,
            )
            for other in self._more_countries(mods, country) + self._of_countries(top, country):
                # "Pakistani and Afghan officials", "the foreign ministers of Pakistan and Afghanistan"
                oe = self.dict.state_by_iso.get(other)
                ph.extra.append(self._actor(text, None, other + role, oe.name if oe else None, start, end))
            for _s, m in mods:  # "talks between Pakistani and Afghan Taliban delegations": the group's side
                g = self.dict.entries.get(m.alias.entry_id or "") if m.alias.kind == "entity" else None
                if g is not None and g.kind == "group" and g.family == "armed" and country:
                    gcode, _ = g.resolve(on)
                    if gcode[:3] != country and not any(x.code == gcode for x in ph.extra):
                        ph.extra.append(self._actor(text, g, gcode, None, start, end))
            return ph
        return None

    def _repair_tags(self, sent: Any) -> None:
        """Mend what the small model gets wrong and coding depends on. "calling them a violation and warning
        that they would not go unanswered": the second participle is tagged a noun; one that takes a clause
        of its own is the verb it looks like. Words the model lemmatises wrongly for the news ("bases" as
        "basis") take the lemma ``lemma_fixes`` in modality.yml gives."""
        fixes = self.modality.lemma_fixes
        for tok in sent:
            if tok.lower_ in fixes:
                tok.lemma_ = fixes[tok.lower_]
            if not (
                tok.tag_ == "NN"
                and tok.lower_.endswith("ing")
                and tok.dep_ in ("conj", "advcl")
                and any(c.dep_ == "ccomp" for c in tok.children)
            ):
                continue
            stem = tok.lower_[:-3]
            for lemma in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
                if lemma and (lemma in self.patterns.verbs or lemma in self.modality.reporting):
                    tok.pos_, tok.tag_, tok.lemma_ = "VERB", "VBG", lemma
                    break

    def _is_state(self, m: Match) -> bool:
        e = self.dict.entries.get(m.alias.entry_id or "")
        return e is not None and e.kind == "state"

    def _of_countries(self, top: Any, first: str | None) -> list[str]:
        """Further states coordinated inside an of-phrase: "ministers of Pakistan and Afghanistan"."""
        if not top.tag_.startswith("NNS") and top.tag_ != "NNPS":
            return []
        out: list[str] = []
        for child in top.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for p in child.children:
                    if p.dep_ != "pobj":
                        continue
                    for t in [p, *_conjuncts(p)]:
                        for h in self.dict.find(t.text):
                            e = self.dict.entries.get(h.alias.entry_id or "")
                            if e is not None and e.kind == "state" and e.code[:3] != first and e.code[:3] not in out:
                                out.append(e.code[:3])
        return out

    def _more_countries(self, mods: list[tuple[Any, Match]], first: str | None) -> list[str]:
        out: list[str] = []
        for _s, m in mods:
            c = None
            if m.alias.kind == "demonym":
                c = m.alias.code
            elif m.alias.kind == "entity":
                e = self.dict.entries.get(m.alias.entry_id or "")
                c = e.code[:3] if e is not None and e.kind == "state" else None
            if c and c != first and c not in out:
                out.append(c)
        return out

    def _country_from(
        self, mods: list[tuple[Any, Match]], top: Any, on: date | None
    ) -> tuple[str | None, Entry | None]:
        for _s, m in sorted(mods, key=lambda sm: sm[0].start):
            e = self.dict.entries.get(m.alias.entry_id or "")
            if m.alias.kind == "demonym":
                return m.alias.code, e
            if m.alias.kind in ("capital", "metonym"):
                return (m.alias.code or "")[:3], e
            if e is not None:
                code, _ = e.resolve(on)
                return (code[:3] if len(code) >= 3 and not code.startswith(("IGO", "IMG")) else None), e
        for child in top.children:  # "Khyber Pakhtunkhwa police", "Ghazni provincial officials"
            if child.dep_ in ("compound", "nmod", "npadvmod", "amod") and child.pos_ == "PROPN" and child.i < top.i:
                name = " ".join(t.text for t in child.subtree if t.pos_ == "PROPN")
                loc = find_place(name) or find_place(child.text)
                if loc and loc.country:
                    return loc.country, None
        # "police in Peshawar", "officials from Kabul"; not "its embassy in Kabul", whose place is the host's
        for child in () if _is_mission(top) else top.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "from", "of", "at"):
                for p in child.children:
                    if p.dep_ == "pobj":
                        loc = find_place(p.text) or find_place(" ".join(t.text for t in p.subtree))
                        if loc and loc.country:
                            return loc.country, None
                        hits = self.dict.find(p.text)
                        for h in hits:
                            if h.alias.kind in ("entity", "capital") and h.alias.entry_id:
                                e = self.dict.entries[h.alias.entry_id]
                                if e.kind == "state":
                                    return e.code[:3], e
        return None, None

    def _begin_document(self, text: str, on: date | None, found: list[Match] | None = None) -> list[Match]:
        """Dictionary matches outside datelines; the dateline's and the document's countries."""
        datelines = dateline_spans(text)
        matches = [
            m
            for m in (found if found is not None else self.dict.find(text, on))
            if not any(a <= m.start < b for a, b in datelines) and not _inside_place(text, m)
        ]
        self._on = on
        self._home = self._dateline_country(text, datelines)
        self._focus = self._focus_country(matches, on)
        armed = {
            m.alias.entry_id
            for m in matches
            if m.alias.kind == "entity"
            and m.alias.entry_id
            and self.dict.entries[m.alias.entry_id].family == "armed"
            and _armed(self.dict.entries[m.alias.entry_id].resolve(on)[0])
        }
        self._doc_group = self.dict.entries[armed.pop()] if len(armed) == 1 else None
        return matches

    def doc_actors(self, parsed: Any, on: date | None) -> list[Actor]:
        """Every actor phrase of a parsed text, pronouns resolved (for the actor gold set)."""
        matches = self._begin_document(parsed.text, on)
        out: list[Actor] = []
        history: list[Phrase] = []
        for sent in parsed.sents:
            sm = [m for m in matches if sent.start_char <= m.start < sent.end_char]
            phrases, _ = self.phrases(sent, sm, on)
            self.definite_coref(phrases, history, on)
            by_token = {t.i: ph for ph in phrases for t in ph.tokens}
            ctx = _Ctx(self, sent, by_token, phrases, history)
            out.extend(a for ph in phrases for a in ph.actors)
            for tok in sent:
                both = ctx._both_sides(tok) if tok.i not in by_token else []
                if both:
                    out.extend(both)
                    continue
                if tok.i not in by_token:
                    ph = ctx._coref(tok)
                    if ph is not None:
                        out.extend(
                            Actor(
                                tok.text,
                                a.actor_id,
                                a.name,
                                a.code,
                                a.country,
                                a.role,
                                tok.idx,
                                tok.idx + len(tok.text),
                            )
                            for a in ph.actors
                        )
            history.extend(phrases)
        return out

    # ------------------------------------------------------------------ events ----------------
    def code(
        self, document: Document, parsed: Any, found: list[Match] | None = None
    ) -> tuple[list[Sentence], list[Event]]:
        """Sentences and events of one parsed document (``found``: its dictionary matches, if known)."""
        on = document.published
        matches = self._begin_document(document.text, on, found)
        sentences: list[Sentence] = []
        events: list[Event] = []
        history: list[Phrase] = []
        seen: set[str] = set()
        mi = 0
        from khyber.nlp.segment import sentences as segment

        for idx, (a, b) in enumerate(segment(document.text)):
            sent = parsed.char_span(a, b, alignment_mode="expand")
            if sent is None:
                continue
            s_start, s_end = sent.start_char, sent.end_char
            if not sent.text.strip():
                continue
            sentences.append(Sentence(document.doc_id, idx, s_start, s_end, sent.text))
            while mi < len(matches) and matches[mi].start < s_start:
                mi += 1
            sm = []
            j = mi
            while j < len(matches) and matches[j].start < s_end:
                sm.append(matches[j])
                j += 1
            if "\n" in document.text[max(0, s_start - 2) : s_start]:
                history = history[-8:]  # a new paragraph: keep only the last few mentions for coreference
            self._sentence_matches = sm  # this sentence's matches only: implicit targets look no further
            self._repair_tags(sent)
            phrases, locations = self.phrases(sent, sm, on)
            self.definite_coref(phrases, history, on)
            self._doc_events = events
            for ev in self._events(document, idx, sent, phrases, locations, history, on):
                if ev.event_id in seen:
                    continue
                seen.add(ev.event_id)
                again = self._told_again(ev, events, s_start)
                if again is not None:  # "Islamabad summoned the Afghan envoy. It conveyed a strong protest": one
                    first = events[again]
                    told = (*first.extra, ("also_told_as", f"{ev.trigger}: {ev.sentence}"))
                    sharper = (  # "the mosque in Kabul ... a gathering of Taliban officials": whom it hit
                        ev.target
                        if ev.target is not None
                        and first.target is not None
                        and ev.target.country == first.target.country
                        and len(ev.target.code) > len(first.target.code)
                        else first.target
                    )
                    events[again] = replace(first, target=sharper, extra=told)
                    continue
                events.append(self._host_of_visit(ev, events, s_start))
            history.extend(p for p in phrases if not p.pronoun)
        return sentences, events

    def _events(
        self,
        document: Document,
        idx: int,
        sent: Any,
        phrases: list[Phrase],
        locations: list[Any],
        history: list[Phrase],
        on: date | None,
    ) -> Iterable[Event]:
        by_token: dict[int, Phrase] = {}
        for ph in phrases:
            for t in ph.tokens:
                by_token.setdefault(t.i, ph)
            by_token[ph.head.i] = ph
        if not any(t.pos_ for t in sent):
            return []  # not parsed (the prefilter found nothing that could be coded)
        if self.modality.sports & {t.lower_ for t in sent}:
            return []  # "Afghanistan beat Pakistan by eight wickets": sport, not politics
        ctx = _Ctx(self, sent, by_token, phrases, history)
        coded_roots: dict[int, set[str]] = {}
        coded_codes: dict[int, set[str]] = {}
        consumed: set[int] = set()
        custom = _tells_custom(sent)  # "... draws crowds every evening": present-tense acts are customs
        out: list[Event] = []
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
                cands = self.patterns.verbs.get(tok.lemma_.lower())
                if (
                    cands
                    and tok.i not in consumed
                    and _is_casualty_clause(tok, coded_roots, self.modality, self.patterns.nouns)
                ):
                    continue
                if cands and tok.i not in consumed:
                    best = _best_verb_pattern(tok, cands, tok.lemma_.lower() not in self.modality.reporting)
                    if (
                        best is not None
                        and best[0].code == "063"
                        and tok.dep_ == "conj"
                        and "0841" in coded_codes.get(tok.head.i, set())
                    ):
                        # "released 72 Afghan prisoners ... and handed them over to Afghan authorities": the
                        # release, completed, to the authorities (not an extradition)
                        best = (replace(best[0], code="0841"), best[1])
                    if (
                        best is not None
                        and tok.dep_ in ("xcomp", "conj")
                        and _agreed_under(tok, coded_roots)
                        and best[0].code[:2] not in ("08",)
                    ):
                        continue  # "agreed to hold talks": the agreement (03) says it; a ceasefire stays (08)
                    if (
                        best is not None
                        and tok.dep_ in ("advcl", "xcomp")
                        and any(c.tag_ == "TO" for c in tok.children)
                        and best[0].code[:2] in coded_roots.get(tok.head.i, set())
                        # "made a stopover in Lahore to meet Sharif": the visit and the meeting
                        and not (best[0].code[:2] == "04" and tok.lemma_.lower() in ("meet", "negotiate", "talk"))
                    ):
                        continue  # "fired into the air to disperse them": one act and its purpose, one event
                    if (
                        best is not None
                        and tok.dep_ == "advcl"
                        and (
                            (
                                tok.lemma_.lower() in NAMING_VERBS
                                and best[0].code[:2] in coded_roots.get(tok.head.i, set())
                            )
                            or (tok.tag_ == "VBG" and best[0].code in coded_codes.get(tok.head.i, set()))
                        )
                    ):
                        # "condemned the strikes, calling them a violation", "praised Kabul's cooperation,
                        # thanking the Afghan government": the same act said twice, one event
                        continue
                    if best is not None and custom and tok.tag_ in ("VBP", "VBZ"):
                        continue  # "the ceremony, in which soldiers perform a drill, draws crowds every evening"
                    if (
                        best is not None
                        and tok.dep_ == "relcl"
                        and tok.head.lemma_.lower() == "time"
                        and tok.head.dep_ in ("npadvmod", "appos")  # not "It was the first time jets had struck"
                        and any(
                            c.dep_ in ("amod", "nummod") and c.tag_ in ("JJ", "JJS", "CD") for c in tok.head.children
                        )
                    ):
                        continue  # "vetoed the resolution, the third time it had blocked such a measure": a tally
                    if (
                        best is not None
                        and tok.dep_ in ("acl", "advcl")
                        and any(c.tag_ == "TO" for c in tok.children)
                        and (gov := (tok.head if tok.dep_ == "advcl" else _governing_verb(tok.head))) is not None
                        and coded_roots.get(gov.i, set()) & {"02", "10"}
                        and best[0].code[:2] not in coded_roots.get(gov.i, set())
                    ):
                        continue  # "appealed to the UN for funds to shelter the returning families": what for
                    if best is not None and _under_ultimatum(tok, coded_codes):
                        continue  # "gave the government 72 hours to release its commanders": what is demanded
                    if (
                        best is not None
                        and tok.dep_ == "acl"
                        and tok.tag_ == "VBN"
                        and any(
                            p.lemma_.lower() in CUSTODY
                            for c in tok.children
                            if c.dep_ == "prep" and c.lower_ in ("in", "under")
                            for p in c.children
                            if p.dep_ == "pobj"
                        )
                    ):
                        continue  # "fishermen held in each other's custody": who they are, not an arrest
                    if best is not None and tok.dep_ == "acl" and tok.tag_ == "VBG":
                        hit = _governing_verb(tok.head)
                        if hit is not None and coded_roots.get(hit.i, set()) & VIOLENCE:
                            continue  # "shot dead two polio workers and a police officer escorting them": who
                    if best is not None:
                        pat, used = best
                        # "declined to comment": one event, not two; but "demanded that Pakistan stop the
                        # deportations": the demand and, flagged, the act demanded
                        consumed.update(
                            t.i
                            for t in used
                            if not (t.dep_ == "ccomp" and t.head.i == tok.i)
                            # "called on Islamabad to reopen the crossing": the appeal and, flagged, the act
                            and not (t.dep_ == "xcomp" and t.head.i == tok.i and pat.code[:2] in ("02", "10"))
                        )
                        if pat.code == "030" and not pat.words and tok.lemma_.lower() == "agree":
                            # "the two countries agreed to hold regular consultations": the intent to meet (036)
                            acts = [
                                b[0]
                                for c in tok.children
                                if c.dep_ == "xcomp" and c.lemma_.lower() in self.patterns.verbs
                                for b in [_best_verb_pattern(c, self.patterns.verbs[c.lemma_.lower()])]
                                if b is not None
                            ]
                            if acts and acts[0].code[:2] == "08":
                                continue  # "agreed to strictly observe the ceasefire": the ceasefire (08) says it
                            agreed = self._intent_code(acts[0].code) if acts else None
                            if agreed:
                                pat = replace(pat, code=agreed)
                        ready = tok.head if tok.dep_ == "xcomp" else None
                        intent = self._intent_code(pat.code) if ready is not None else None
                        if intent and ready is not None and ready.lemma_.lower() in self.modality.readiness_words:
                            # "Pakistan remained willing to hold talks with Kabul": the intent to (036), stated
                            evs = [
                                replace(e, **_cameo_fields(cameo_lookup(intent)), hypothetical=False, intent=False)
                                for e in self._verb_events(document, idx, sent, tok, pat, ctx, locations, on)
                            ]
                            if evs:  # the bare "is ready" (030) said less
                                out = [x for x in out if not (x.cameo == "030" and x.trigger == ready.head.text)]
                        else:
                            evs = self._verb_events(document, idx, sent, tok, pat, ctx, locations, on)
                        if evs and evs[0].root == "13":
                            force = self._threatened_force(document, idx, sent, tok, evs, ctx, locations, on)
                            if force:
                                # "warned that Pakistan would respond with full force": a threat of military
                                # force (138), not a threat left unspecified (130)
                                evs = [
                                    replace(e, **_cameo_fields(cameo_lookup("138"))) if e.cameo == "130" else e
                                    for e in evs
                                ]
                            evs += force
                        if evs:
                            coded_roots[tok.i] = {e.root for e in evs}
                            coded_codes[tok.i] = {e.cameo for e in evs}
                            out.extend(evs)
        words = [t for t in sent if t.is_alpha and len(t) > 3]
        headline = bool(words) and sum(t.text[:1].isupper() for t in words) > 0.6 * len(words)
        for tok in sent:
            between = any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in tok.children)
            if tok.pos_ in ("NOUN", "PROPN") and (tok.i not in consumed or between):
                if (
                    tok.pos_ == "PROPN"
                    and not headline
                    and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)
                ):
                    continue  # "the Indus Waters Treaty", "Operation Sindoor": a name, not an event here
                cands = self.patterns.nouns.get(tok.lemma_.lower())
                npat = _best_noun_pattern(tok, cands) if cands else None
                if npat is not None:
                    governor = _governing_verb(tok)
                    verb_roots = coded_roots.get(governor.i, set()) if governor is not None else set()
                    if between:
                        verb_roots = set()  # "hosted talks between the Afghan government and the Taliban": theirs
                    during = (
                        (
                            tok.dep_ == "pobj"
                            and (
                                (tok.head.lower_ == "during" and npat.code[:3] in ("042", "043"))
                                or (tok.head.lower_ in ("in", "during", "over") and npat.code[:3] == "041")
                            )
                        )
                        or (  # "travel to Kabul for talks with the Afghan leadership": the purpose, flagged
                            tok.dep_ == "pobj"
                            and tok.head.lower_ == "for"
                            and governor is not None
                            and governor.lemma_.lower() in TRAVEL_VERBS
                            and npat.code[:3] not in ("042", "043")
                            and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
                            and flags_for(governor, self.modality).intent  # a trip made reports its talks itself
                        )
                    )  # "during a visit to Kabul", "agreed in a telephone call": events of their own
                    if npat.code[:2] in verb_roots and not during:  # "held talks during a visit to Kabul": both
                        continue  # "carried out air strikes": the verb's event already says it
                    if (
                        governor is not None
                        and verb_roots & {"17", "08"}
                        and tok.dep_ == "pobj"
                        and tok.head.lower_ in ("in", "during")
                        and npat.code[:2] in ("18", "19")
                    ):
                        continue  # "captured in a joint raid": the raid is how, the capture is the event
                    if (
                        governor is not None
                        and "015" in coded_codes.get(governor.i, set())
                        and npat.code[:2] in VIOLENCE
                    ):
                        # "the BLA claimed responsibility for the suicide bombing at Quetta railway station":
                        # the claimed attack is the claimant's, unless the story already told it
                        out.extend(
                            self._claimed_attack(document, idx, sent, tok, npat, governor, out, ctx, locations, on)
                        )
                        continue
                    if verb_roots & VERBAL and not during:
                        continue  # "discussed transit trade", "called for a ceasefire": a topic, not an event
                    if governor is not None and _agreed_under(governor, coded_roots) and npat.code[:2] != "08":
                        continue  # "agreed to hold regular consultations": the agreement says it
                    if "12" in verb_roots and tok.dep_ == "dobj" and npat.code[:2] in ("01", "02", "10", "11"):
                        continue  # "rejected the European demand", "rejected the allegation": what is rejected
                    if _in_adjunct(tok, self.modality):
                        continue  # "amid tensions", "ahead of the talks": background
                    if (
                        tok.lemma_.lower() in CUSTODY
                        and tok.dep_ == "pobj"
                        and tok.head.lower_ in ("in", "under", "while")
                    ):
                        continue  # "beaten in Pakistani custody", "died in detention": a state, not an arrest
                    if custom and (governor if governor is not None else tok).tag_ in ("VBP", "VBZ"):
                        continue  # "soldiers of both countries perform a drill at sunset ... every evening"
                    if self._alleged(tok, ctx):
                        continue  # "accused the West of failing to honour its commitments": what is alleged
                    if npat.code.startswith("01") and (
                        (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in self.modality.reporting)
                        or (governor is not None and (tok.dep_ == "dobj" or governor.i in coded_roots))
                    ):
                        continue  # "a Foreign Office statement said", "rejected the Indian statement": the report
                    out.extend(self._noun_events(document, idx, sent, tok, npat, ctx, locations, on))
        out = self._labelled_violence(sent, out)
        out += self._reported_abuses(document, idx, sent, ctx, out, locations, on)
        return _unique(out)

    def _labelled_violence(self, sent: Any, out: list[Event]) -> list[Event]:
        """Killings the sentence itself calls mass violence: "Taliban fighters killed nine Hazara men ..., local
        elders said, describing the killings as a massacre" (202, not 180)."""
        label = None
        for verb in sent:
            if verb.lemma_.lower() not in NAMING_VERBS or verb.dep_ not in ("advcl", "conj"):
                continue
            for c in verb.children:
                for p in [c, *c.children] if c.dep_ == "prep" and c.lower_ == "as" else [c]:
                    if p.dep_ in ("pobj", "oprd", "attr") and p.pos_ == "NOUN":
                        pats = self.patterns.nouns.get(p.lemma_.lower(), [])
                        hit = _best_noun_pattern(p, pats) if pats else None
                        if hit is not None and hit.code[:2] == "20":
                            label = hit.code
        if label is None:
            return out
        rec = cameo_lookup(label)
        return [replace(e, **_cameo_fields(rec)) if e.cameo in ("180", "190", "193") else e for e in out]

    def _reported_abuses(
        self,
        document: Document,
        idx: int,
        sent: Any,
        ctx: _Ctx,
        events: list[Event],
        locations: list[Any],
        on: date | None,
    ) -> list[Event]:
        """A human rights body reporting violence by a state or an armed group accuses it of abuses (1122):
        "the UN human rights office said China's detention of Uyghurs may amount to crimes against humanity"."""
        found: list[Event] = []
        reporting = self._reporting_or_findings
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in reporting:
                continue
            speakers, _ = ctx.subject(verb)
            speakers = [a for a in speakers if a.role == "HRI" or "rights" in a.text.lower()]
            if not speakers:
                continue
            for c in verb.children:
                if c.dep_ not in ("ccomp", "xcomp", "oprd", "dobj"):
                    continue
                cands = self.patterns.verbs.get(c.lemma_.lower())
                best = _best_verb_pattern(c, cands, True) if cands else None
                if best is not None and best[0].code[:2] == "09":
                    continue  # "said it was investigating allegations that ...": not yet its finding
                lo, hi = c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)
                accused = [
                    e.source
                    for e in events
                    if e.root in ("17", "18", "19", "20")
                    and lo <= e.span[0] < hi
                    and e.source.country
                    and e.source.country not in ("IGO", "NGO")
                    and not e.negated
                ]
                accused = list({(a.code, a.actor_id): a for a in accused}.values())
                if accused:
                    pat = Pattern(
                        "1122", "verb", verb.lemma_.lower(), (), None, True, True, verb.lemma_.lower(), "rule"
                    )
                    found += self._make(document, idx, sent, verb, pat, speakers, accused, locations, on)
        return found

    def _verb_events(
        self,
        document: Document,
        idx: int,
        sent: Any,
        verb: Any,
        pat: Pattern,
        ctx: _Ctx,
        locations: list[Any],
        on: date | None,
    ) -> list[Event]:
        if (
            verb.lemma_.lower() == "call"
            and _names_with(verb, pat)
            and not any(c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on", "upon", "in") for c in verb.children)
        ):
            # "stop calling the group terrorists", "what it called hideouts", "called the strikes unprecedented":
            # naming, not a call (and "called X a violation" is named by its pattern)
            return []
        if verb.lemma_.lower() in NAMING_VERBS and any(c.lower_ == "what" for c in verb.children):
            return []  # "lodged a protest over what it called violations of Afghan airspace": a label
        if verb.lemma_.lower() == "respond" and any(
            c.dep_ == "prep" and c.lower_ == "with" and p.lemma_.lower() in self.modality.threatened_force
            for c in verb.children
            for p in c.children
            if p.dep_ == "pobj"
        ):
            return []  # "would respond with full force": the force is the event (coded with the threat)
        if (
            pat.code == "070"
            and not pat.words
            and verb.lemma_.lower() in ("help", "assist")
            and not any(c.dep_ in ("dobj", "dative") for c in verb.children)
            and any(
                c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" and not any(g.dep_ == "nsubj" for g in c.children)
                for c in verb.children
            )
        ):
            # "help improve relations", "helped end the war": the act helped with is the event ("help Afghans
            # recover their assets" is aid to them)
            return []
        if (
            pat.code == "014"
            and verb.lemma_.lower() in ("consider", "deem")
            and any(
                c.dep_ in ("oprd", "attr", "acomp")
                or (c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("ADJ", "NOUN"))
                or (c.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in c.children) and c.tag_ != "VBG")
                for c in verb.children
            )
        ):
            return []  # "considered its decisions legally void", "would be considered an act of war": a judgement
        if (
            pat.code[:2] == "13"
            and verb.lemma_.lower() in self.modality.warning_verbs
            and not {t.lower_ for t in verb.subtree} & self.modality.threat_words
            and not {t.lemma_.lower() for t in verb.subtree} & self.modality.threat_words
        ):
            return []  # "warned that the economy was on the verge of collapse": a concern, not a threat
        if pat.code[:2] in ("01", "13") and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in self.modality.commentators for c in verb.children
        ):
            return []  # "analysts warned that ...": commentary, not a political actor's statement
        if _is_victims_clause(verb, self.patterns.nouns, self.modality):
            return []  # "children killed in the attack": the attack's toll, coded with the attack
        if (
            verb.dep_ == "acl"
            and verb.head.lemma_.lower() in PROPOSALS
            and verb.head.head.pos_ in ("VERB", "AUX")
            and any(p.code[:2] == "12" for p in self.patterns.verbs.get(verb.head.head.lemma_.lower(), ()))
        ):
            return []  # "vetoed a resolution demanding a ceasefire": what a rejected text says did not happen
        if pat.code[:2] == "03" and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ == "NOUN":
            return []  # "the ceasefire agreed with the government in June", "the amnesty offered by Khan": a label
        if verb.lemma_.lower() in self.modality.casualty_verbs and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in self.patterns.nouns and c.pos_ == "NOUN" for c in verb.children
        ):
            return []  # "a US drone strike killed Soleimani": the strike is the event, he its target
        sources, targets = ctx.verb_roles(verb, pat)
        if pat.code.startswith("043"):
            talks = [
                n
                for c in verb.children
                if c.dep_ == "dobj"
                for n in (c, *(p for g in c.children if g.dep_ == "prep" and g.lower_ == "of" for p in g.children))
                if any(g.dep_ == "prep" and g.lower_ in ("between", "among") for g in n.children)
            ]
            if talks:  # "Pakistan hosted talks between the Afghan government and the Taliban": a mediation
                parties = [a for g in talks[0].children if g.dep_ == "prep" for a in ctx.within(g)]
                parties = [a for a in parties if a not in sources]
                if len(parties) >= 2:
                    pat, targets = replace(pat, code="045"), parties
        if pat.code.startswith("084") and not pat.words:
            objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            objs += [  # "releasing what it said was an intercepted conversation": the free relative's thing
                a
                for c in verb.children
                if c.dep_ == "ccomp" and not objs
                for w in c.subtree
                if w.lower_ == "what" and w.dep_ == "nsubj"
                for a in w.head.children
                if a.dep_ == "attr"
            ]
            if objs and not any(ctx._np_actors(o) for o in objs) and objs[0].lemma_.lower() not in CAPTIVES:
                return []  # "releasing an intercepted conversation", "release the frozen reserves": not captives
        if pat.code in ("042", "043") and sources and all(a.role in ("CVL", "REF", "UAF") for a in sources):
            return []  # "asylum seekers arriving in the UK", "gunmen who arrived by sea": travel, not a visit
        if (
            verb.lemma_.lower() in self.modality.command_governors
            and pat.code == "100"
            and self._commands_own(verb, sources, targets)
        ):
            return []  # "ordered troops to withdraw": the withdrawal is the event, coded at its verb
        flags = None
        command = self._command(verb, ctx)
        if command is not None:
            sources, flags = command
        if pat.code.startswith("084") and not sources and targets:
            sources = self._captors(verb, targets, ctx)  # "they were released the next day": by their captors
        if not sources:
            return []
        if pat.code == "063" and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in RETURNED for c in verb.children
        ):
            pat = replace(pat, code="0841")  # "handed the Indian pilot over": a release, not an extradition
        taken = self._occupied(verb, sources)
        if taken is None and pat.code == "192" and verb.lemma_.lower() in ("enter", "overrun"):
            return []  # "the delegation entered the hall": only armed actors taking ground occupy it
        if taken is not None:  # "Taliban fighters entered Kabul": occupation, not a visit or an arrest
            pat = replace(pat, code="192", needs_target=False)
            targets = taken or targets  # the ground's country, not the capital's government
        if pat.code in ("1053", "0253") and targets and all(t.role not in STATE_ROLES for t in targets):
            # "PTI leaders demanded the release of Imran Khan": demanded of the state that holds him
            c = targets[0].country or (sources[0].country if sources else "")
            if c and c not in ("IGO", "IMG", "NGO"):
                targets = [self._actor(c, self.dict.state_by_iso.get(c), c + "GOV", None, -1, -1)]
        retold = self._retold_attack(verb, pat)
        if retold == "toll":
            return []  # "the attack, which killed two Chinese nationals": the toll of an attack told before
        if retold == "claim":
            # "The Baloch Liberation Army said it carried out the attack": a claim of the attack told before
            pat, targets = replace(pat, code="015", words=(), target_prep=None), []
        if (pat.needs_target or pat.code.startswith("045")) and not targets:
            return []  # a mediation needs parties: "the treaty, brokered by the World Bank in 1960"
        if pat.code.startswith("01") and verb.lemma_.lower() in self.modality.reporting and not pat.words:
            return []  # "officials said ...", "the minister told parliament ...": the report, not an event
        if not targets and pat.code in ("042", "043"):
            targets = self._visit_target(sources, locations, verb)
        return self._make(document, idx, sent, verb, pat, sources, targets, locations, on, flags)

    def _captors(self, verb: Any, freed: list[Actor], ctx: _Ctx) -> list[Actor]:
        """Who released people when the sentence does not say: whoever the story said took them ("Taliban
        intelligence officials detained two Pakistani journalists ... They were released the next day"),
        else the state official who announces it ("Imran Khan told parliament the pilot would be released")."""
        if any(c.dep_ == "agent" for c in verb.children):
            return []  # "freed by his captors": the sentence says, if in words no dictionary holds
        codes = {a.code for a in freed}
        for e in reversed(self._doc_events):
            if e.root in ("17", "18") and e.target is not None and e.target.code in codes and not e.negated:
                return [e.source]
        head = verb
        for _ in range(3):
            if head.dep_ != "ccomp" or head.head == head:
                break
            head = head.head
            if head.lemma_.lower() in self.modality.reporting:
                speakers, _passive = ctx.subject(head)
                return [a for a in speakers if a.actor_id and (a.role in STATE_ROLES or len(a.code) == 3)][:1]
        return []

    @staticmethod
    def _told_again(ev: Event, events: list[Event], sent_start: int) -> int | None:
        """The index of the event of the sentence before that this one retells: the same act by the same
        sides, its doer named only there ("... summoned the Afghan charge d'affaires. It conveyed a strong
        protest": "it" stands for a mention before this sentence)."""
        # told again by a mention that points back ("it", "the group", "its fighter")
        anaphoric = ev.source.text.lower().split(" ", 1)[0] in ("its", "their", "it", "they", "the")
        if not (0 <= ev.source.start < sent_start or (anaphoric and ev.source.actor_id)):
            return None
        for k in range(len(events) - 1, -1, -1):
            e = events[k]
            if e.sentence_index < ev.sentence_index - 1:
                break
            # "claimed responsibility for the bombing of the mosque in Kabul. The group said its fighter had
            # targeted a gathering of Taliban officials": an attack retold in other words is the same attack
            same_act = e.cameo == ev.cameo or (e.root == ev.root and e.root in VIOLENCE and ev.cameo in ("180", "190"))
            if (
                e.sentence_index == ev.sentence_index - 1
                and same_act
                and e.source.code == ev.source.code
                and (ev.target is None or (e.target is not None and e.target.country == ev.target.country))
                and e.negated == ev.negated
            ):
                return k
        return None

    @staticmethod
    def _host_of_visit(ev: Event, events: list[Event], sent_start: int) -> Event:
        """A meeting with no one named, by a visitor the sentence before brought somewhere: "X arrived in
        Islamabad on Tuesday. He is expected to hold talks on transit trade": the talks are with the host."""
        if ev.target is not None or ev.root not in ("03", "04", "05") or not 0 <= ev.source.start < sent_start:
            return ev
        for e in reversed(events):
            if e.sentence_index < ev.sentence_index - 1:
                break
            if (
                e.sentence_index == ev.sentence_index - 1
                and e.cameo in ("042", "043")
                and e.source.code == ev.source.code
                and e.target is not None
                and not e.negated
            ):
                return replace(ev, target=e.target)
        return ev

    def _countries_in(self, heads: list[Any]) -> list[str]:
        """The countries of the names these words are said to be in: "the town of Palma in northern
        Mozambique", "seized ... in Ghazni province"."""
        return [
            c
            for h in heads
            for g in h.children
            if g.dep_ == "prep" and g.lower_ == "in"
            for p in g.children
            if p.dep_ == "pobj" and p.pos_ == "PROPN"
            for c in [self._named_country(p)]
            if c
        ]

    def _named_country(self, tok: Any) -> str | None:
        """The country a proper name stands in or is: "northern Mozambique", "Peshawar"."""
        name = " ".join(t.text for t in tok.subtree if t.pos_ == "PROPN")
        place = find_place(name)
        if place is not None and place.country:
            return place.country
        for h in self.dict.find(name):
            e = self.dict.entries.get(h.alias.entry_id or "")
            if e is not None and e.kind == "state":
                return e.code[:3]
        return None

    def _occupied(self, verb: Any, sources: list[Actor]) -> list[Actor] | None:
        """The country whose ground armed actors took ("entered Kabul", "took control of the district"),
        or None when the verb is not taking ground."""
        m = self.modality
        lemma = verb.lemma_.lower()
        if lemma not in m.occupation_verbs or not all(
            a.role in FIGHTERS | {"MIL"}
            or a.country == "IMG"
            or (a.actor_id in self.dict.entries and self.dict.entries[a.actor_id].family == "armed")
            for a in sources
        ):
            return None
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if not objs:  # "the power plant, which has been occupied by Russian troops": what was taken
            objs = [
                verb.head if c.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" else c
                for c in verb.children
                if c.dep_ == "nsubjpass"
            ]
        objs += [p for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        if lemma == "take":  # "took control of X", "took over X"
            objs = [
                p
                for c in verb.children
                if c.dep_ in ("dobj", "prep", "prt") and c.lower_ in ("control", "over", "of")
                for g in [c, *c.children]
                for p in ([g] if g.dep_ in ("pobj", "dobj") and g is not c else [])
                + [pp for gg in g.children if gg.dep_ == "prep" for pp in gg.children if pp.dep_ == "pobj"]
            ]
        territory = False
        # "seized the town of Palma in northern Mozambique": the country the sentence places it in
        within = self._countries_in([verb, *objs])
        for o in objs:
            compound = " ".join(
                t.text for t in o.subtree if (t.i <= o.i and t.dep_ in ("compound", "amod")) or t.i == o.i
            )
            place = find_place(compound) or find_place(o.text)
            if place is not None and within and within[0] != place.country:
                place = Location(place.name, within[0], None, None)
            if place is None:  # "Ghazni province's Malistan district", "Malistan district in Ghazni"
                owner = within + [
                    c
                    for g in [o, *(p for p in o.children if p.dep_ == "prep" and p.lower_ in ("of", "in"))]
                    for x in g.children
                    if x.dep_ in ("poss", "pobj", "compound", "nmod") and (x.pos_ == "PROPN" or x.dep_ == "poss")
                    for c in [self._named_country(x)]
                    if c
                ]
                if owner:
                    place = Location(o.text, owner[0], None, None)
            if place is not None and place.country:
                st = self.dict.state_by_iso.get(place.country)
                return [self._actor(o.text, st, place.country, None, o.idx, o.idx + len(o.text))]
            territory = territory or o.lemma_.lower() in m.territory_words
        if territory:
            return []  # ground was taken, the sentence does not say whose
        return None

    def _command(self, trigger: Any, ctx: _Ctx) -> tuple[list[Actor], Flags] | None:
        """The authority and the flags of a command that makes this trigger an act: "Moscow ordered
        troops to withdraw" (the ordered are its own), "Putin ordered the mobilisation" (no one named)."""
        gov = trigger.head
        if trigger.dep_ not in ("xcomp", "dobj", "ccomp") or gov.lemma_.lower() not in self.modality.command_governors:
            return None
        authority, passive = ctx.subject(gov)
        if not authority or passive:
            return None
        ordered = [c for c in gov.children if c.dep_ in ("dobj", "dative") and c.i != trigger.i]
        actors = [a for o in ordered for a in ctx.at(o)]
        if trigger.dep_ == "xcomp" and (not actors or not self._own(authority, actors)):
            return None  # "ordered Pakistan to review": a demand on another
        return authority, flags_for(gov, self.modality)

    def _commands_own(self, verb: Any, sources: list[Actor], targets: list[Actor]) -> bool:
        """A command whose ordered act is coded on its own: its targets (if any) are the orderer's own."""
        acts = [
            c
            for c in verb.children
            if (c.dep_ == "xcomp" and c.lemma_.lower() in self.patterns.verbs)
            or (c.dep_ == "dobj" and c.lemma_.lower() in self.patterns.nouns)
        ]
        return bool(acts) and bool(sources) and (not targets or self._own(sources, targets))

    @staticmethod
    def _own(authority: list[Actor], ordered: list[Actor]) -> bool:
        countries = {a.country for a in authority if a.country}
        return bool(countries) and all(o.country in countries and o.role not in ("", None) for o in ordered)

    def _noun_events(
        self,
        document: Document,
        idx: int,
        sent: Any,
        noun: Any,
        pat: Pattern,
        ctx: _Ctx,
        locations: list[Any],
        on: date | None,
    ) -> list[Event]:
        if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in ("expire", "lapse"):
            return []  # "as Pakistan's deadline for undocumented migrants expired": set before, not now
        if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in PLANS:
            return []  # "a timetable for the withdrawal of foreign troops": what is planned, not done
        sources, targets, pairs = ctx.noun_roles(noun, pat)
        if (
            pat.code[:2] == "04"
            and sources
            and not targets
            and not pairs
            and (named := [c for c in noun.children if c.i in ctx.by_token])
            and all(c.dep_ == "amod" and c.pos_ == "ADJ" for c in named)
        ):
            return []  # "to facilitate the Afghan peace process": what the process is about, not who is in it
        flags = None
        command = self._command(noun, ctx)
        if command is not None:  # "Putin ordered the mobilisation of 300,000 reservists": his act
            sources, flags = command
            if noun.lemma_.lower() not in self.modality.patient_nouns:  # "ordered his release": keep him
                targets = [t for t in targets if not self._own(sources, [t])]
            pairs = []
        events: list[Event] = []
        if pairs:
            for a, b in pairs:
                events += self._make(document, idx, sent, noun, pat, [a], [b], locations, on)
        if sources:
            events += self._make(document, idx, sent, noun, pat, sources, targets, locations, on, flags)
        return events

    def _violence_told(self, also: list[Event] | None = None) -> bool:
        """Whether the story has told an act of violence so far (in earlier sentences, or in ``also``)."""
        return any(e.root in VIOLENCE for e in [*self._doc_events, *(also or [])])

    def _retold_attack(self, verb: Any, pat: Pattern) -> str | None:
        """ "said it carried out the attack" (a claim), "the attack, which killed two Chinese nationals" (its
        toll): the attack the story told already, named by a definite event noun after an attack was coded."""
        if pat.code[:2] not in VIOLENCE or not self._violence_told():
            return None
        if verb.lemma_.lower() in self.modality.light_verbs:
            nouns, kind = [c for c in verb.children if c.dep_ == "dobj"], "claim"
        elif verb.dep_ == "relcl" and verb.lemma_.lower() in self.modality.casualty_verbs:
            nouns, kind = [verb.head], "toll"
        else:
            return None
        told = any(
            n.lemma_.lower() in self.patterns.nouns and any(c.lower_ in ("the", "this", "that") for c in n.children)
            for n in nouns
        )
        return kind if told else None

    def _claimed_attack(
        self,
        document: Document,
        idx: int,
        sent: Any,
        noun: Any,
        pat: Pattern,
        claim: Any,
        so_far: list[Event],
        ctx: _Ctx,
        locations: list[Any],
        on: date | None,
    ) -> list[Event]:
        """An attack named only in a claim of responsibility, done by the claimant; none when the story
        already told an attack ("A suicide bomber struck ... IS-K claimed responsibility for the attack")."""
        if self._violence_told(so_far):
            return []
        claims = [e for e in so_far if e.cameo == "015" and e.trigger == claim.text and not e.negated]
        if not claims:
            return []
        _src, targets, _pairs = ctx.noun_roles(noun, pat)
        return self._make(document, idx, sent, noun, pat, [claims[0].source], targets, locations, on)

    def _alleged(self, tok: Any, ctx: _Ctx) -> bool:
        """Whether a word lies in what an accusation or condemnation alleges ("accused X of failing to honour
        its commitments", "condemned Pakistan for bombing a market")."""
        t = tok
        for _ in range(6):
            if t.head == t:
                return False
            if t.dep_ == "pcomp" and t.head.lower_ in ("of", "for") and t.head.head.pos_ in ("VERB", "AUX"):
                return ctx._disapproves(t.head.head)
            if (
                t.dep_ == "pobj"
                and t.head.lower_ in ("on", "to")
                and t.head.head.lemma_.lower() in ("blame", "attribute")
            ):
                return True  # "which Hamas blamed on an Israeli air strike": the strike is the accusation's
            t = t.head
        return False

    def _intent_code(self, code: str) -> str | None:
        """The intent (03) code of an act's code: 046 -> 036, 063 -> 0313; none for acts with no intent code."""
        if code.startswith("03"):
            return code
        table = self.modality.intent_codes
        for k in (code, code[:3], code[:2]):
            if k in table:
                return table[k]
        return None

    def _threatened_force(
        self,
        document: Document,
        idx: int,
        sent: Any,
        verb: Any,
        threats: list[Event],
        ctx: _Ctx,
        locations: list[Any],
        on: date | None,
    ) -> list[Event]:
        """ "warned that if the talks failed it would mean open war with Afghanistan": the threat, and the
        force it threatens, flagged hypothetical (190); "warned that Pakistan's army would face retaliation":
        the one who faces it is the target."""
        if any(e.negated for e in threats):
            return []
        words = self.modality.threatened_force
        subj = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        force = next(
            (
                t
                for t in verb.subtree
                if t.i not in subj
                and t.i != verb.i
                and not (t.i in ctx.by_token and ctx.by_token[t.i].head.i == t.i)  # "security forces": actors
                and t.tag_ != "NNS"
                and t.lemma_.lower() in words
                and t.pos_ in ("NOUN", "VERB")
                and not (t.pos_ == "VERB" and t.lemma_.lower() in self.patterns.verbs)  # coded in its own right
            ),
            None,
        )
        if force is None:
            return []
        clause = force
        while clause.head != verb and clause.head != clause:
            clause = clause.head
        ultimatum = threats[0].cameo == "139"  # "gave the junta a week to ... or face military intervention"
        if clause.head != verb or (clause.dep_ in ("dobj", "dative", "nsubj") and not ultimatum):
            return []  # "warned of attacks by militants", "threatened the attackers": not force it threatens
        sources = [e.source for e in threats][:1]
        targets = [e.target for e in threats if e.target is not None][:1]
        inner = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it", "this")]
        inner_actors = [a for c in inner for a in ctx._np_actors(c)]
        if inner_actors and clause.lemma_.lower() in ("face", "suffer", "meet", "invite"):
            targets = inner_actors[:1]  # "Pakistan's army would face retaliation"
        elif inner_actors and inner_actors[0].country not in {t.country for t in targets}:
            sources = inner_actors[:1]  # "warned the Taliban that Pakistan would respond with full force"
        withs = [
            p for c in force.children if c.dep_ == "prep" and c.lower_ in ("with", "against", "on") for p in c.children
        ]
        with_actors = [a for p in withs for a in ctx._np_actors(p)]
        if with_actors:
            targets = with_actors[:1]  # "open war with Afghanistan"
        if not sources:
            return []
        pat = Pattern("190", "verb", force.lemma_.lower(), (), None, False, False, "threatened force", "coder")
        return self._make(document, idx, sent, force, pat, sources, targets, locations, on, Flags(False, True, False))

    def _make(
        self,
        document: Document,
        idx: int,
        sent: Any,
        trigger: Any,
        pat: Pattern,
        sources: list[Actor],
        targets: list[Actor],
        locations: list[Any],
        on: date | None,
        flags: Flags | None = None,
    ) -> list[Event]:
        code = self._adjust_code(pat.code, trigger, sources)
        rec = cameo_lookup(code)
        flags = flags or flags_for(trigger, self.modality)
        words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        low = sent.text.lower()
        when = event_date(sent.text, on)
        loc = self._location(trigger, locations)
        out = []
        sources = [x for x in (self._fill_country(a, loc, sent) for a in sources) if x is not None]
        force = {a.country for a in sources if a.country and (len(a.code) == 3 or a.role in STATE_ROLES)}
        avoid = next(iter(force)) if len(force) == 1 and code[:2] in VIOLENCE else None
        targets = [x for x in (self._fill_country(a, loc, sent, avoid) for a in targets) if x is not None]
        joint = (_is_joint(rec.code) or trigger.lemma_.lower() in RECIPROCAL or _each_other(trigger)) and len(
            {(a.code, a.actor_id) for a in sources}
        ) >= 2  # "Indian and Pakistani troops exchanged fire": each side at the other
        if (
            not targets
            and not joint
            and rec.code[:2] in ("03", "04", "05", "08")
            and sources
            and all(a.role in FIGHTERS and a.country and a.country != "IMG" for a in sources)
        ):
            # "the Pakistani Taliban agreed to extend their ceasefire": with the state they fight
            c = sources[0].country or ""
            targets = [self._actor(c, self.dict.state_by_iso.get(c), c + "GOV", None, -1, -1)]
        if not targets and rec.code in self.modality.home_codes:
            targets = self._home_country(sources)  # "imposed a curfew", "declared martial law"
        if not targets and not joint and pat.code[:2] in MATERIAL - {"16", "14"}:  # talks broken off in Istanbul
            if sources and all(_armed(a.code) for a in sources):
                # "struck a convoy carrying Chinese engineers near Karachi": the foreigners it hit, else home
                lo, hi = min(t.idx for t in trigger.subtree), max(t.idx + len(t) for t in trigger.subtree)
                within = [m for m in self._sentence_matches if lo <= m.start < hi]
                foreign = self._other_country(sources, sent) if within else []
                foreign = [a for a in foreign if any(self._match_country(m, self._on) == a.country for m in within)]
                targets = foreign or self._place_target(sources, trigger, loc)
            else:
                targets = self._place_target(sources, trigger, loc)
        if not targets and rec.code[:2] == "20" and sources:
            # "carried out ethnic cleansing", "executed hundreds of men": mass violence falls on civilians,
            # of the place where it happened or else of the perpetrator's own country
            home = (
                loc.country
                if loc and loc.country
                else next((a.country for a in sources if len(a.country) == 3 and a.country not in ("IMG", "IGO")), "")
            )
            ent = self.dict.state_by_iso.get(home)
            if ent is not None:
                targets = [Actor(ent.name + " civilians", None, ent.name, home + "CVL", home, "CVL", -1, -1)]
        civilians = bool(sources) and all(s.role in self.modality.civilian_roles for s in sources)
        if (
            not targets
            and not joint
            and (rec.code[:2] not in ("01", "09", "14") or rec.code[:3] in ("012", "013", "018"))
            and not (rec.code[:2] == "10" and civilians)  # protesters demand of their own state (below)
            and sources
            and not _generic_addressee(trigger)  # "appealed to the international community": no one in particular
        ):
            targets = self._other_country(sources, sent)
        if not targets and (rec.code[:2] == "14" or (rec.code[:2] == "10" and civilians)):
            # a protest, or protesters' demand, with no named target is against the state
            targets = [
                self._actor(s.country, self.dict.state_by_iso[s.country], s.country + "GOV", None, -1, -1)
                for s in sources[:1]
                if s.country in self.dict.state_by_iso and s.role not in STATE_ROLES
            ]
        pairs: list[tuple[Actor, Actor | None]]
        if (
            joint
            and trigger.lemma_.lower() in RECIPROCAL
            and all(t.country in {a.country for a in sources} for t in targets)
        ):
            # "India and Pakistan exchanged lists of civilian prisoners": what they exchanged, not a side
            targets = []
        if not targets and joint:
            # "Pakistan and Afghanistan agreed ...", "government negotiators and Taliban representatives met":
            # each side acts towards the other
            pairs = [(a, b) for a in sources for b in sources if (a.code, a.actor_id) != (b.code, b.actor_id)]
        else:
            objs: list[Actor | None] = list(targets) if targets else [None]
            pairs = [(a, b) for a in sources for b in objs]
        if (
            not joint
            and rec.code[:2] in ("01", "11", "12")
            and pairs
            and all(t and t.code == s.code and t.text.lower().startswith(OWN) for s, t in pairs)
        ):
            # "Pakistan's Foreign Office condemned the attack on its embassy": the victim is its own; no target
            pairs = [(s, None) for s in dict.fromkeys(s for s, _t in pairs)]
        for s, t in pairs:
            if t is not None and t.code == s.code:
                continue  # an actor acting on its own kind is nearly always a misread side ("both sides")
            prec = rec
            if (
                t is not None
                and rec.code in ("180", "190", "193")
                and trigger.lemma_.lower() in ("kill", "shoot", "assassinate", "murder", "gun")
                and (
                    (t.actor_id in self.dict.entries and self.dict.entries[t.actor_id].kind == "person")
                    or any(  # "shot dead a local leader of a religious party": a figure, not a bystander
                        c.dep_ == "dobj" and c.tag_ == "NN" and c.lemma_.lower() in FIGURES for c in trigger.children
                    )
                )
                and not any(  # "a US drone strike killed Soleimani": the strike's code stands
                    w.lemma_.lower() in WEAPON_SUBJECTS
                    for c in trigger.children
                    if c.dep_ in ("nsubj", "agent")
                    for w in [c, *c.children]
                )
                and not any(  # "killed Hassan Nasrallah in a massive air strike", "with a drone" (not "in a raid")
                    p.lemma_.lower() in WEAPON_SUBJECTS - {"raid", "attack"}
                    for c in trigger.children
                    if c.dep_ == "prep" and c.lower_ in ("in", "with", "by")
                    for p in c.children
                    if p.dep_ == "pobj"
                )
            ):
                prec = cameo_lookup("186")  # "US Navy SEALs killed Osama bin Laden": a named person is assassinated
            if (
                t is not None
                and prec.code in ("190", "193")
                and s.role in ("COP", "MIL", "GOV")
                and t.country == s.country
                and t.role in ("CVL", "OPP", "LAB", "EDU", "REL", "MED", "HRI")
                and trigger.lemma_.lower() in ("fire", "shoot", "open", "kill", "beat", "crack")
            ):
                prec = cameo_lookup("175")  # "security forces fired live ammunition at protesters": repression
            roles = {s.role} | ({t.role} if t else set())
            kinds = {self._kind(s)} | ({self._kind(t)} if t else set())
            sectors = sectors_for(prec.code, words, low, roles, kinds)
            lo = min([trigger.idx, s.start] + ([t.start] if t and t.start >= 0 else []))
            hi = max([trigger.idx + len(trigger.text), s.end] + ([t.end] if t else []))
            conf = 0.5 + 0.1 * min(pat.specificity, 2) + (0.15 if t else 0) + (0.1 if s.actor_id else 0)
            eid = content_hash(
                document.doc_id,
                str(idx),
                str(trigger.idx),
                prec.code,
                s.code,
                s.text,
                t.code if t else "",
                t.text if t else "",
            )
            out.append(
                Event(
                    event_id=eid,
                    doc_id=document.doc_id,
                    doc_ref=document.ref,
                    date=when,
                    source=s,
                    target=t,
                    **_cameo_fields(prec),
                    sectors=sectors,
                    negated=flags.negated,
                    hypothetical=flags.hypothetical,
                    intent=flags.intent,
                    location=loc,
                    trigger=trigger.text,
                    sentence=sent.text,
                    sentence_index=idx,
                    span=(lo, hi),
                    confidence=round(min(conf, 0.99), 2),
                    coder=CODER,
                    pattern=pat.text,
                )
            )
        return out

    def definite_coref(self, phrases: list[Phrase], history: list[Phrase], on: date | None) -> None:
        """Generic phrases that lean on earlier ones, in order:
        1. fighters ("the militants", "its fighters", "all 16 attackers"): the armed group named last;
        2. a possessive pronoun ("its air force"): the owner's country;
        3. a definite phrase ("the ministry"): the last one of that kind named with a country;
        4. a state institution with no country ("the government", "troops"): the document's country."""
        for i, ph in enumerate(phrases):
            a = ph.actor
            if ph.kind != "generic" or a.actor_id:
                continue
            earlier = history + phrases[:i]
            head = ph.head
            if (
                not ph.plural
                and head.lemma_.lower() in PERSON_TITLES
                and any(c.lower_ in ("the", "his", "her") for c in head.children if c.dep_ in ("det", "poss"))
                and not a.country
                and self._of_country(head, on) is None  # "the acting foreign minister of the Taliban administration"
            ):  # "the general", "the former diplomat", "the reclusive leader": the person named before
                person = next(
                    (
                        p
                        for p in reversed(earlier)
                        if p.kind == "person"
                        or (p.kind == "generic" and not p.plural and p.actor.role in HUMAN_ROLES and p.actor.country)
                    ),
                    None,
                )
                if person is not None:
                    pa = person.actor
                    ph.actor = Actor(a.text, pa.actor_id, pa.name, pa.code, pa.country, pa.role, a.start, a.end)
                    ph.kind, ph.entry = "person", person.entry
                    continue
            definite = any(c.lower_ in ("the", "those", "these") for c in head.children)
            if a.role in FIGHTERS and (a.role != "UAF" or definite):  # "gunmen" stay unidentified
                found = self._last_group(earlier, on)
                if found is not None and (not a.country or a.country == found[1][:3]):
                    g, code = found
                    c, r = _split_code(code)
                    ph.actor = Actor(a.text, g.id, g.name, code, c, r, a.start, a.end)
                    ph.kind, ph.entry = "group", g
                    continue
            if a.country or _foreign_forces(a) or a.role == "NGO":
                continue  # "foreign troops" take no country from the place or the story, nor do charities
            if a.role in FIGHTERS:
                # "terror groups operating from its soil", "militants based in Afghanistan": where they are
                based = [
                    p
                    for acl in head.children
                    if acl.dep_ == "acl" and acl.lemma_.lower() in BASED_VERBS
                    for g in acl.children
                    if g.dep_ == "prep" and g.lower_ in ("from", "in", "inside", "on")
                    for p in g.children
                    if p.dep_ == "pobj"
                ]
                base: str | None = None
                for p in based:
                    if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in p.children):
                        named = [q for q in earlier if q.actor.country and q.kind in ("state", "capital", "metonym")]
                        base = named[-1].actor.country if named else None
                    else:
                        base = self._named_country(p)
                    if base:
                        break
                if base:
                    self._set_country(ph, base)
                    continue
            poss = next((c for c in ph.head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
            if poss is not None:  # "its embassy in Kabul", "their forces in Afghanistan": the owner's
                named = [p for p in earlier if p.actor.country]
                owner = self._speaker_of(ph.head, earlier) if ph.head.dep_ in ("nsubj", "nsubjpass") else None
                owner = (
                    owner
                    or next((p for p in reversed(named) if p.kind in ("state", "capital", "metonym", "group")), None)
                    or (named[-1] if named else None)
                )
                if owner is not None:
                    self._set_country(ph, owner.actor.country)
                    continue
            here = (None if _is_mission(ph.head) else self._place_of(ph.head)) or self._of_country(ph.head, on)
            if here:  # "Balochistan's home department", "police in Peshawar", "residents of Swat's Matta tehsil",
                # "the acting foreign minister of the Taliban administration"
                self._set_country(ph, here)
                continue
            if any(c.lower_ in ("the", "this", "that") for c in ph.head.children):
                lemma = ph.head.lemma_.lower()
                ante = next((p for p in reversed(earlier) if p.head.lemma_.lower() == lemma and p.actor.country), None)
                ante = ante or next(
                    (
                        p
                        for p in reversed(earlier)
                        if p.kind == "generic" and p.actor.role == a.role and p.actor.country
                    ),
                    None,
                )
                if ante is not None:
                    self._set_country(ph, ante.actor.country)
                    continue
            if a.role in FOCUS_ROLES and self._focus:
                self._set_country(ph, self._focus)

    def _speaker_of(self, tok: Any, earlier: list[Phrase]) -> Phrase | None:
        """Who reports the clause a subject stands in: "Pakistan's military said ... that its air force had shot
        down five Indian jets" (its: Pakistan's)."""
        t = tok.head
        for _ in range(5):
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.modality.reporting and t != tok.head:
                for c in t.children:
                    if c.dep_ == "nsubj":
                        return next((p for p in earlier if p.head.i == c.i and p.actor.country), None)
                return None
            if t.head == t or t.dep_ not in ("ccomp", "conj"):
                return None
            t = t.head
        return None

    def _place_of(self, head: Any) -> str | None:
        """The country of a place named as a generic actor's possessor, compound or in/of/from phrase."""
        cands = [c for c in head.children if c.dep_ in ("poss", "compound", "nmod")]
        cands += [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "from") for p in c.children]
        for c in cands:
            if c.pos_ != "PROPN":
                continue
            words = " ".join(t.text for t in c.subtree if t.dep_ not in ("case", "punct", "det"))
            place = find_place(words) or find_place(c.text)
            if place is not None and place.country:
                return place.country
        return None

    def _last_group(self, earlier: list[Phrase], on: date | None) -> tuple[Entry, str] | None:
        """The armed group named last, as a phrase or inside one ("Taliban leader X"), not in government."""
        for p in reversed(earlier):
            for g in ([p.entry] if p.kind == "group" and p.entry is not None else []) + p.orgs:
                code = g.resolve(on)[0]
                if _armed(code):
                    return g, code
        if self._doc_group is not None:  # "Nine militants attacked ... the TJP claimed the attack"
            return self._doc_group, self._doc_group.resolve(on)[0]
        return None

    def _set_country(self, ph: Phrase, c: str) -> None:
        a = ph.actor
        ent = self.dict.state_by_iso.get(c)
        ph.actor = Actor(a.text, None, ent.name if ent else c, c + a.role, c, a.role, a.start, a.end)

    def _of_country(self, head: Any, on: date | None) -> str | None:
        """The country of a state body a generic actor belongs to: "the acting foreign minister of the
        Taliban administration", "officials from the Afghan interior ministry"."""
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    text = "".join(t.text_with_ws for t in p.subtree).strip()
                    for m in self.dict.find(text):
                        country = self._match_country(m, on)
                        if country:
                            return country
        return None

    def _match_country(self, m: Match, on: date | None) -> str | None:
        """The country a dictionary match names on a date (none for IGOs, international groups, NGOs)."""
        if m.alias.kind == "demonym":
            return m.alias.code
        if m.alias.kind in ("capital", "metonym"):
            return (m.alias.code or "")[:3] or None
        if m.alias.kind == "entity":
            e = self.dict.entries.get(m.alias.entry_id or "")
            if e is not None:
                code = e.resolve(on)[0]
                return None if code.startswith(("IGO", "IMG", "NGO")) else code[:3]
        return None

    def _focus_country(self, matches: list[Match], on: date | None) -> str | None:
        """The country a document is mostly about: the one its actors name most (the dateline counts twice)."""
        counts: dict[str, int] = {}
        for m in matches:
            c = self._match_country(m, on)
            if c:
                counts[c] = counts.get(c, 0) + 1
        if self._home:
            counts[self._home] = counts.get(self._home, 0) + 2
        if not counts:
            return None
        return max(counts.items(), key=lambda kv: kv[1])[0]

    def _dateline_country(self, text: str, spans: list[tuple[int, int]]) -> str | None:
        for a, b in spans[:1]:
            words = text[a:b].split(",")[0].strip(" -:(")
            loc = find_place(words.title()) or find_place(words)
            if loc and loc.country:
                return loc.country
            for m in self.dict.find(words.title()):
                e = self.dict.entries.get(m.alias.entry_id or "")
                if e is not None and e.kind == "state":
                    return e.code[:3]
        return None

    def _fill_country(
        self, a: Actor | None, loc: Location | None, sent: Any = None, avoid: str | None = None
    ) -> Actor | None:
        """A generic actor with no country takes it from where the event happened (or a place the
        sentence names), from the dateline, or from the country the document is about. ``avoid``: the
        country of a state that used force on them ("31 civilians were killed by the Indian missile
        strikes", said Pakistan's military): not India's civilians, so the next country named."""
        if a is None or a.country or a.actor_id or _foreign_forces(a) or a.role == "NGO":
            return a  # "foreign troops" in Afghanistan are not Afghan; a charity is no country's
        place = loc.country if loc else None
        if place is None and sent is not None:
            place = self._sentence_country(sent)
        if a.role in STATE_ROLES:  # a minister in Kabul is not therefore Afghan: the dateline first
            order = [self._home, place, self._focus]
        else:  # police, militants, civilians: where it happened
            order = [place, self._home, self._focus]
        country = next((c for c in order if c), None)
        if avoid and country == avoid and country != place:  # a place named where it happened is trusted
            named = [self._match_country(m, self._on) for m in self._sentence_matches]
            country = next((c for c in [*order, *named] if c and c != avoid and c not in ("IMG", "IGO")), country)
        if not country:
            return a
        ent = self.dict.state_by_iso.get(country)
        return Actor(a.text, None, ent.name if ent else country, country + a.role, country, a.role, a.start, a.end)

    def _adjust_code(self, code: str, trigger: Any, sources: list[Actor]) -> str:
        """Codes that the actors or numbers change: civilians using force riot (145); deporting tens of
        thousands is a mass expulsion (201)."""
        m = self.modality
        if code[:2] in ("17", "18", "19") and sources and all(s.role in m.civilian_roles for s in sources):
            return "145"
        if code == "154" and sources and all(s.role == "COP" for s in sources):
            return "153"  # "10,000 police officers deployed": police power, not armed forces
        if code == "150" and len({s.country for s in sources if s.country and len(s.country) == 3}) >= 2:
            return "062"  # "the armies of India and the United States began their annual exercise": together
        if code in ("180", "190"):
            low = trigger.sent.text.lower()
            if any(w in low for w in m.melee_words):
                return "182"  # "a clash ..., with both sides fighting with rocks and clubs": a physical assault
            if any(w in low for w in m.small_arms_words):
                code = "193"  # "gunmen attacked the parliament": a fight with small arms
        if (
            code == "190"
            and sources
            and all(s.role in FIGHTERS or s.country == "IMG" for s in sources)
            and trigger.lemma_.lower() not in RECIPROCAL_NOUNS | RECIPROCAL | {"fight"}
        ):
            # an armed group's attack is unconventional violence (CAMEO 18), not military force (19); fighting
            # or a clash between an army and an armed group is force on both sides
            return "180"
        if code in m.mass_codes:
            n = _largest_number(trigger)
            if n >= 10_000:
                return m.mass_codes[code]
        if code in m.mass_killing_codes and m.mass_killing_threshold and _killed(trigger) >= m.mass_killing_threshold:
            return "202"  # "security forces cleared the camps, killing more than 800 people"
        return code

    def _other_country(self, sources: list[Actor], sent: Any) -> list[Actor]:
        """With no target named, the one other country the sentence speaks of, if there is exactly one
        ("its forces destroyed several Taliban posts", "issues with Pakistan")."""
        mine = {s.country for s in sources}
        others: set[str] = set()
        for m in self._sentence_matches:
            if not (sent.start_char <= m.start < sent.end_char):
                continue
            span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and _names_a_document(span.root):
                continue  # "the Doha agreement" speaks of no Qatar
            c = self._match_country(m, self._on)
            if c and c not in mine:
                others.add(c)
        if len(others) != 1:
            return []
        ent = self.dict.state_by_iso.get(others.pop())
        return [self._actor(ent.name, ent, ent.code, ent.name, -1, -1)] if ent else []

    def _sentence_country(self, sent: Any) -> str | None:
        """The country of the first gazetteer place the sentence names ("in the Mohmand district")."""
        for tok in sent:
            if _hyphen_joined(tok):
                continue  # "Natal" of "KwaZulu-Natal" is no place of its own
            if tok.pos_ == "PROPN" and (tok.i == sent.start or tok.nbor(-1).pos_ != "PROPN"):
                run = [tok]
                while run[-1].i + 1 < sent.end and run[-1].nbor(1).pos_ == "PROPN":
                    run.append(run[-1].nbor(1))
                for k in range(len(run), 0, -1):
                    found = find_place(" ".join(t.text for t in run[:k]))
                    if found is not None and found.country:
                        return found.country
        return None

    def _place_target(self, sources: list[Actor], trigger: Any, loc: Location | None) -> list[Actor]:
        """A material act with no target actor falls on the country where it happened ("sent trucks to
        Herat", "strikes in Paktika"); at a border crossing, on the country across it."""
        places: list[Location] = [loc] if loc else []
        for tok in trigger.subtree:  # "to quake-hit areas of Herat province"
            if (
                tok.pos_ == "PROPN"
                and tok.dep_ in ("pobj", "compound", "dobj", "nmod", "conj")
                and not _hyphen_joined(tok)
                and not (tok.dep_ == "compound" and tok.head.pos_ == "PROPN")  # the whole name is looked up
            ):
                whole = " ".join(t.text for t in tok.subtree if t.pos_ == "PROPN")
                # a name's first part alone is no place ("Hassan" of "Hassan Nasrallah")
                alone = find_place(tok.text) if tok.dep_ != "compound" else None
                found = find_place(whole) or alone
                if found is not None:
                    # "the town of Palma in northern Mozambique": the country named with it wins
                    inside = [c for c in self._countries_in([tok]) if c != found.country]
                    places.append(Location(found.name, inside[0], None, None) if inside else found)
        # a state's act falls on another country; an armed group's at home falls on its own
        src = {s.country for s in sources if not _armed(s.code)}
        for place in places:
            sides = crossing_countries(place.name) or frozenset([place.country] if place.country else [])
            other = sorted(c for c in sides if c not in src)
            if other and len(other) == 1:
                ent = self.dict.state_by_iso.get(other[0])
                if ent is not None:
                    return [self._actor(place.name, ent, ent.code, ent.name, -1, -1)]
        return []

    def _home_country(self, sources: list[Actor]) -> list[Actor]:
        """A state's restriction with no one named falls on its own country's people."""
        homes = {a.country for a in sources if a.country and (a.role in STATE_ROLES or len(a.code) == 3)}
        if len(homes) != 1 or len(homes) != len({a.country for a in sources}):
            return []
        ent = self.dict.state_by_iso.get(homes.pop())
        return [self._actor(ent.name, ent, ent.code, ent.name, -1, -1)] if ent is not None else []

    def _visit_target(self, sources: list[Actor], locations: list[Any], trigger: Any) -> list[Actor]:
        """ "arrived in Kabul", "a visit to Islamabad": the host government is the target."""
        loc = self._location(trigger, locations)
        if loc is None or not loc.country or any(s.country == loc.country for s in sources):
            return []
        ent = self.dict.state_by_iso.get(loc.country)
        if ent is None:
            return []
        return [self._actor(loc.name, ent, loc.country + "GOV", ent.name, -1, -1)]

    def _kind(self, a: Actor) -> str:
        e = self.dict.entries.get(a.actor_id or "")
        return e.kind if e else "generic"

    def _location(self, trigger: Any, locations: list[Any]) -> Location | None:
        # the place named in the trigger's own clause first, then anywhere in the sentence
        clause = {t.i for t in trigger.subtree} | {t.i for t in trigger.head.subtree}
        # the trigger's own clause, without clauses joined to it ("abducted them from the Gomal area of
        # South Waziristan and took them into Afghanistan": abducted in Pakistan)
        own = {t.i for t in trigger.subtree} - {
            t.i for c in trigger.children if c.dep_ in ("conj", "advcl", "ccomp", "relcl") for t in c.subtree
        }
        cands = sorted(locations, key=lambda t: (t.i not in own, t.i not in clause, abs(t.i - trigger.i)))
        n_own = sum(t.i in own for t in cands)
        for k, tok in enumerate([*cands, None]):
            if k == n_own:  # past the clause's own places: a place name the tagger missed in it comes first
                here = self._locative_place(trigger, own)
                if here is not None:
                    return here
                if not n_own and trigger.dep_ in ("advcl", "xcomp", "conj") and trigger.head.pos_ in ("VERB", "AUX"):
                    # "staged a sit-in near the Friendship Gate, demanding that ... cross into Afghanistan":
                    # where the clause it hangs on happened
                    return self._location(trigger.head, locations)
            if tok is None:
                break
            loc = find_place(tok.text) or self._state_location(tok)
            if loc:
                return self._container(tok) or loc
        return self._locative_place(trigger)

    @staticmethod
    def _container(span: Any) -> Location | None:
        """The place a name is said to lie in: "the Gomal area of South Waziristan" is in Pakistan, whatever
        else is called Gomal."""
        head = getattr(span, "root", span)
        while head.dep_ in ("compound", "amod") and head.head != head:
            head = head.head
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and p.pos_ == "PROPN":
                        outer = find_place(" ".join(t.text for t in p.subtree if t.pos_ == "PROPN"))
                        if outer is not None:
                            return outer
        return None

    def _locative_place(self, trigger: Any, within: set[int] | None = None) -> Location | None:
        for tok in trigger.sent:
            if within is not None and tok.i not in within:
                continue
            if tok.dep_ != "pobj" or tok.head.lower_ not in PLACE_PREPS:
                continue
            if tok.pos_ == "PROPN":
                name = " ".join(t.text for t in tok.subtree if t.pos_ == "PROPN")
                loc = find_place(name) or (None if _hyphen_joined(tok) else find_place(tok.text))
                # "in Sui, Dera Bugti district": a village the gazetteer lacks, then the district it is in
                appos = [c for c in tok.children if c.dep_ == "appos"]
                loc = loc or next((x for c in appos for x in [self._named_area(c)] if x), None)
                if loc:
                    return loc
            elif tok.pos_ == "NOUN":  # "from the Gomal area of South Waziristan", "in the Kurram district"
                loc = self._container(tok) or self._named_area(tok)
                if loc:
                    return loc
        return None

    @staticmethod
    def _named_area(tok: Any) -> Location | None:
        """The place a noun names with the proper nouns before it: "Dera Bugti district", "the Kurram
        district"; or a proper name itself."""
        if tok.pos_ == "PROPN":
            return find_place(" ".join(t.text for t in tok.subtree if t.pos_ == "PROPN"))
        name = " ".join(
            t.text for t in tok.subtree if t.i < tok.i and t.pos_ == "PROPN" and t.dep_ in ("compound", "amod")
        )
        return find_place(name) if name else None

    def _state_location(self, tok: Any) -> Location | None:
        for m in self.dict.find(tok.text):
            e = self.dict.entries.get(m.alias.entry_id or "")
            if e is not None and e.kind == "state":
                if m.alias.kind == "capital":
                    return find_place(tok.text) or Location(tok.text, e.code[:3], None, None)
                return Location(e.name, e.code[:3], None, None)
        return None


def _dependents(tok: Any, depth: int = 2) -> list[Any]:
    """The token's dependents down to ``depth``, nearest first ("hold talks with Sharif on reviving the
    process with the Taliban": the talks' own with-phrase before the one inside the topic)."""
    out = []
    level = [c for c in tok.children if c.dep_ not in SKIP_SUBTREE]
    for d in range(1, depth + 1):
        out.extend(level)
        if d < depth:
            level = [g for c in level for g in c.children if g.dep_ not in SKIP_SUBTREE]
    return out


TIME_WORDS = (
    set(DAYS)
    | set(MONTH_NAMES)
    | {
        "night",
        "morning",
        "evening",
        "afternoon",
        "day",
        "week",
        "month",
        "year",
        "weekend",
        "occasion",
        "behalf",
        "condition",
        "basis",
        "way",
        "time",
        "eve",
        "arrival",
        "return",
    }
)


def _is_time_prep(prep: Any) -> bool:
    """ "on Tuesday", "on the sidelines"? Only times: a preposition that dates, never a target."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and (objs[0].lemma_.lower() in TIME_WORDS or objs[0].like_num)


def _pattern_words(verb: Any, clause: bool = True) -> dict[str, Any]:
    """Lemmas (and forms) around a verb that a pattern may name, with the token that carries each.

    With ``clause``, the verb of a that-clause counts ("demanded that the government release them");
    not for reporting verbs, whose clause is what they report."""
    out: dict[str, Any] = {}
    stack = [(c, 1) for c in verb.children if c.dep_ not in SKIP_SUBTREE or c.dep_ == "xcomp"]
    if any(c.dep_ == "auxpass" for c in verb.children) and any(c.dep_ == "agent" for c in verb.children):
        # "the Torkham border crossing was reopened by Pakistani authorities": a passive's subject is what a
        # pattern's object names (not without a doer: "the visit was postponed" stays the visit, not postponed)
        stack += [(c, 2) for c in verb.children if c.dep_ == "nsubjpass"]
    for c in verb.children:
        if c.dep_ == "ccomp":
            # "agreed that ...": the clause's conjunction is a pattern word; "demanded that the government
            # release them": so is the clause's verb
            for g in c.children:
                if g.dep_ == "mark":
                    out.setdefault(g.lower_, g)
            if clause:
                out.setdefault(c.lemma_.lower(), c)
                # "allowed UN aid agencies to use its ports": the parser makes the object the subject of a
                # clause of its own
                if any(g.tag_ == "TO" for g in c.children):
                    for g in c.children:
                        if g.dep_ == "nsubj":
                            for t in g.subtree:
                                out.setdefault(t.lemma_.lower(), t)
                                out.setdefault(t.lower_, t)
    while stack:
        c, d = stack.pop()
        if c.dep_ == "prep" and _is_time_prep(c):
            continue
        if c.lower_ == "according":
            continue  # "according to the census": attribution, not "accord"
        if (
            c.tag_ == "TO"
            and c.dep_ == "aux"
            and (c.head.dep_ != "xcomp" or (verb.dep_ == "acl" and verb.tag_ == "VBN"))
        ):
            continue  # "a commission headed by a judge to investigate": a purpose clause's "to", not "head to"
        out.setdefault(c.lemma_.lower(), c)
        out.setdefault(c.lower_, c)
        if d < 3:
            # "placed on their highest state of alert": "state of" adds no depth
            through = c.lemma_.lower() in DEGREE_NOUNS or (
                c.dep_ == "prep" and c.lower_ == "of" and c.head.lemma_.lower() in DEGREE_NOUNS
            )
            stack.extend((g, d if through else d + 1) for g in c.children if g.dep_ not in SKIP_SUBTREE)
    return out


def _best_verb_pattern(verb: Any, cands: list[Pattern], clause: bool = True) -> tuple[Pattern, list[Any]] | None:
    words = _pattern_words(verb, clause)
    for p in cands:  # most specific first
        if all(w in words for w in p.words):
            return p, [words[w] for w in p.words]
    return None


def _best_noun_pattern(noun: Any, cands: list[Pattern]) -> Pattern | None:
    mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    mods |= {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    # "an exchange of fire", "a hail of bullets": the of-object qualifies the noun as a modifier would
    mods |= {
        p.lemma_.lower()
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj" and p.pos_ != "PROPN"
    }
    for p in cands:
        if all(w in mods for w in p.words):
            return p
    return None


class _Ctx:
    """Role finding for one sentence: which phrases stand where around a trigger."""

    def __init__(
        self, coder: Coder, sent: Any, by_token: dict[int, Phrase], phrases: list[Phrase], history: list[Phrase]
    ) -> None:
        self.coder = coder
        self.sent = sent
        self.by_token = by_token
        self.phrases = phrases
        self.history = history

    def at(self, tok: Any | None) -> list[Actor]:
        """Actors standing at a token, with its conjuncts ("Pakistan and Afghanistan")."""
        if tok is None:
            return []
        both = self._both_sides(tok)
        if both:
            return both
        out: list[Actor] = []
        if tok.lower_ in REFLEXIVE:  # "the TTP distanced itself from": no one else is acted on
            return out
        first = self.by_token.get(tok.i)
        for t in [tok, *_conjuncts(tok)]:
            ph = self.by_token.get(t.i)
            if ph is None and t.dep_ == "appos":
                continue
            if (
                t is not tok
                and ph is not None
                and ph.kind == "generic"
                and first is not None
                and first.kind == "person"
                and t.text[:1].isupper()
                and not any(c.dep_ == "det" for c in t.children)
            ):
                continue  # "Deputy Prime Minister and Foreign Minister Ishaq Dar": two titles of one man
            if ph is None:
                ph = self._coref(t)
            if ph is None and t is not tok and t.pos_ == "NOUN":
                # "Afghan government negotiators and Taliban representatives": a member stands for the group
                out.extend(self._members(t))
                continue
            if ph is None:
                # "the visit of X": an actor one step inside a noun's of-phrase is not this token
                continue
            if t is not tok and out and not ph.actor.country and ph.actor.actor_id is None and ph.actor.role:
                # "Pakistani fishermen and traders": the nationality written once is both nouns'
                shared = out[0]
                if shared.actor_id is None and shared.country and len(shared.country) == 3:
                    a = ph.actor
                    ent = self.coder.dict.state_by_iso.get(shared.country)
                    code = shared.country + a.role
                    name = ent.name if ent else shared.country
                    out.append(Actor(a.text, None, name, code, shared.country, a.role, a.start, a.end))
                    continue
            out.extend(ph.actors)
        return out

    def _members(self, tok: Any) -> list[Actor]:
        """A noun naming members of a group or state named inside it: "TTP leaders", "Taliban envoys"."""
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.i in self.by_token:
                ph = self.by_token[c.i]
                if ph.kind in ("group", "state", "igo"):
                    return ph.actors
        return []

    def _both_sides(self, tok: Any) -> list[Actor]:
        """ "the two sides", "both countries": the last two actors of different countries named before."""
        if tok.pos_ != "NOUN" or tok.i in self.by_token:
            return []
        words = " ".join(
            t.lower_
            for t in tok.subtree
            if (t.i <= tok.i and t.dep_ in ("det", "nummod", "predet", "amod", "preconj")) or t.i == tok.i
        )
        two = words.startswith(("the two ", "both ", "two ")) and tok.lemma_.lower() in PAIR_NOUNS
        if words not in BOTH_SIDES and f"the {words}" not in BOTH_SIDES and not two and words != "each other":
            return []
        earlier = [p for p in self.phrases if p.head.i < tok.i]
        picked: list[Actor] = []
        sides = tok.lemma_.lower() in ("side", "party", "delegation")  # may be one country's government and rebels
        for ph in reversed(self.history + earlier):  # "help Islamabad and Kabul ... the two neighbours"
            pair = [ph.actor]
            for c in ph.head.children:
                if c.dep_ != "conj":
                    continue
                q = self.by_token.get(c.i) or next((q for q in self.history if q.head.i == c.i), None)
                if q is not None:
                    pair.append(q.actor)
                elif sides:  # "government negotiators and Taliban representatives": the group inside
                    known = {q.head.i: q for q in self.history + earlier}
                    inner = [
                        known[g.i]
                        for g in c.children
                        if g.dep_ in ("compound", "amod", "nmod")
                        and g.i in known
                        and known[g.i].kind in ("group", "state", "igo")
                    ]
                    pair.extend(q.actor for q in inner[:1])
            if (
                len(pair) == 2
                and pair[0].country
                and pair[1].country
                and (pair[0].country != pair[1].country or (sides and pair[0].code != pair[1].code))
                and not {pair[0].country, pair[1].country} & {"IGO", "IMG", "NGO"}
            ):
                picked = [pair[1], pair[0]]
                break
        for ph in reversed(self.history + earlier) if not picked else []:
            for a in ph.actors:
                if a.country in ("IGO", "IMG", "NGO") or ph.kind == "group":
                    continue  # "the two countries" are states
                if a.country and a.country not in {p.country for p in picked}:
                    picked.append(a)
            if len(picked) >= 2:
                break
        if len(picked) < 2:
            # "an exchange of fire at Torkham between border guards of the two countries": a border crossing
            # named in the sentence says which two
            crossing = next(
                (
                    sides
                    for t in tok.sent
                    if t.pos_ == "PROPN"
                    for sides in [crossing_countries(t.text)]
                    if sides and len(sides) == 2
                ),
                None,
            )
            if crossing:
                have = {a.country for a in picked}
                for k in sorted(crossing - have):
                    ent = self.coder.dict.state_by_iso.get(k)
                    if ent is not None:
                        picked.append(self.coder._actor(ent.name, ent, ent.code, ent.name, -1, -1))
        if len(picked) == 1:
            # "the Iranian foreign minister arrived in Islamabad, and the two countries agreed": the host, a
            # place named before in the sentence, is the other
            first = picked[0].country
            for m in self.coder._sentence_matches:
                if m.start >= tok.idx or not (tok.sent.start_char <= m.start):
                    continue
                host = self.coder._match_country(m, self.coder._on)
                ent = self.coder.dict.state_by_iso.get(host or "")
                if ent is not None and host != first:
                    picked.append(self.coder._actor(ent.name, ent, ent.code, ent.name, -1, -1))
                    break
        if len(picked) < 2:
            return []
        text = " ".join(t.text for t in tok.subtree if t.i <= tok.i)
        out = []
        for a in reversed(picked[:2]):
            ent = self.coder.dict.state_by_iso.get(a.country)
            # "the two leaders", "both governments": the states' governments, whoever was named before
            govern = tok.lemma_.lower() in ("leader", "government", "minister", "president", "premier")
            code = a.country + "GOV" if a.role in ("GOV", "") or govern else a.code
            out.append(
                Actor(
                    text,
                    ent.id if ent else None,
                    ent.name if ent else a.country,
                    code,
                    a.country,
                    code[3:6],
                    tok.idx,
                    tok.idx + len(tok.text),
                )
            )
        return out

    def victims(self, trigger: Any) -> list[Actor]:
        """The people a violent event fell on, when the sentence says so through a casualty verb:
        "X were killed in the strikes", "X were martyred when militants ambushed their convoy",
        "detonated a bomb targeting a police vehicle, killing three policemen"."""
        if trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in self.coder.modality.casualty_verbs:
            for o in trigger.head.children:  # "a US drone strike killed Qassem Soleimani, the commander of ..."
                if o.dep_ == "dobj":
                    acts = (
                        self._np_actors(o)
                        or [a for ap in o.children if ap.dep_ == "appos" for a in self._np_actors(ap)]
                        or self._unknown_person(o)
                    )
                    if acts:
                        return acts
        below = [c for c in trigger.children if c.dep_ in ("advcl", "acl", "xcomp")]
        below += [g for c in trigger.children if c.dep_ == "dobj" for g in c.children if g.dep_ == "acl"]
        for c in below:
            if c.tag_ == "VBG" and c.lemma_.lower() in self.coder.modality.casualty_verbs | {"target"}:
                for o in c.children:
                    if o.dep_ == "dobj":
                        acts = self._np_actors(o)
                        if not acts and c.lemma_.lower() == "target" and o.lemma_.lower() in self.coder.installations:
                            acts = self._installation_owners(o)  # "targeting hideouts of the group"
                        if acts:
                            return acts
        if trigger.dep_ == "advcl" and trigger.tag_ == "VBG":
            return []  # "soldiers were killed repulsing attacks": the killed are who repulsed them
        t = trigger
        for _ in range(5):  # "killed in one of its air strikes": through "one of"
            if t.head == t:
                return []
            if t.dep_ in ("pobj", "prep", "agent", "advcl", "conj", "pcomp"):
                t = t.head
            else:
                return []
            if t.pos_ == "NOUN" and t.lemma_.lower() in ("killing", "death", "murder"):
                # "the killing of seven aid workers in one of its air strikes": those the noun's of-phrase names
                return [a for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for a in self._pobj(c)]
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.coder.modality.casualty_verbs | {"martyr", "die"}:
                # "three soldiers were killed and four others injured by a roadside bomb": the first verb's too
                verbs = [t, t.head] if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX") else [t]
                for v in verbs:
                    for c in v.children:
                        if c.dep_ in ("nsubjpass", "nsubj") and c.i != trigger.i:
                            acts = self._np_actors(c)
                            if acts:
                                return acts
                return []
        return []

    def within(self, tok: Any) -> list[Actor]:
        """Every actor phrase inside a token's subtree ("between X in Kabul and Y": X and Y)."""
        seen: list[Actor] = []
        heads = {t.i for t in tok.subtree}
        for ph in self.phrases:
            if ph.head.i in heads:
                for a in ph.actors:
                    if a not in seen:
                        seen.append(a)
        if len(seen) == 1 and seen[0].actor_id is None and seen[0].role:
            # "between border guards of the two countries": the role, once for each country
            for t in tok.subtree:
                sides = self._both_sides(t) if t.i != tok.i else []
                if len(sides) == 2:
                    g, role = seen[0], seen[0].role
                    return [
                        Actor(g.text, None, a.name, a.country + role, a.country, role, g.start, g.end)
                        for a in sides
                        if a.country
                    ]
        return seen or self.at(tok)

    def _coref(self, tok: Any) -> Phrase | None:
        low = tok.lower_
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
            return self.by_token.get(tok.head.head.i)
        want = PERSONAL.get(low)
        definite = any(c.lower_ in ("the", "this", "that", "its", "his", "their", "her") for c in tok.children)
        lemma = tok.lemma_.lower()
        if tok.tag_ == "NNPS" and lemma.endswith("s"):  # "the Islamists": the tagger leaves proper plurals whole
            lemma = lemma[:-1]
        if want is None and tok.pos_ in ("NOUN", "PROPN") and definite and lemma in GROUP_NOUNS:
            want = "group"
        if want is None and tok.pos_ == "NOUN" and definite and lemma in PARTY_NOUNS:
            want = "party"
        if want is None and tok.pos_ in ("NOUN", "PROPN") and definite and tok.lemma_.lower() in IGO_NOUNS:
            want = "igo"
        if (
            want is None
            and tok.pos_ == "NOUN"
            and lemma in ("country", "nation")
            and tok.tag_ == "NN"
            and [c.lower_ for c in tok.children if c.dep_ != "punct"] == ["the"]
        ):
            want = "state"  # "Flags flew at half-mast across Pakistan as the country observed a day of mourning"
        if (
            want is None
            and tok.pos_ == "NOUN"
            and lemma in PERSON_TITLES
            and lemma not in ("predecessor", "successor")
            and tok.tag_ == "NN"
            and not any(c.dep_ in ("compound", "appos", "nmod", "npadvmod") for c in tok.children)
            and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "his", "her") for c in tok.children)
        ):
            return self._title_antecedent(tok)  # "the general", "the reclusive leader"
        if want is None:
            return None
        earlier = [p for p in self.phrases if p.head.i < tok.i]
        pool = self.history + earlier
        if low in REFLEXIVE and tok.dep_ in ("dobj", "pobj", "dative"):  # "the Foreign Office distanced itself"
            verb = tok.head if tok.dep_ != "pobj" else tok.head.head
            for v in (verb, verb.head):
                for c in v.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and c.i in self.by_token:
                        return self.by_token[c.i]
        # "ordered his release": whoever is released is not who orders it
        patient_poss = tok.dep_ == "poss" and tok.head.lemma_.lower() in self.coder.modality.patient_nouns
        if (tok.dep_ in ("dobj", "pobj", "dative") or patient_poss) and want in ("person", "any", "thing"):
            verb = tok.head if tok.dep_ != "pobj" and not patient_poss else tok.head.head
            for _ in range(3):  # "held talks with him": up to the clause's verb
                if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                    break
                verb = verb.head
            subj_toks = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            up = verb
            for _ in range(3):  # "Bajwa met Ghani and assured him", "telephoned Ghani to express condolences
                # and assured him": the clause's subject up the chain; not "X told Y ..., and Z assured him"
                if subj_toks or up.dep_ not in ("conj", "xcomp", "advcl") or up.head == up:
                    break
                up = up.head
                subj_toks = [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")]
            subj = {c.i for c in subj_toks}
            # "He thanked him": not whoever "he" is either
            taken = [
                self._coref(c) for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PRON" and c.i != tok.i
            ]  # the clause's own subject only: "he would return when the courts guaranteed him" is still him
            subj |= {ph.head.i for ph in taken if ph is not None}
            pool = [p for p in pool if p.head.i not in subj]  # "Bajwa met Ghani and assured him": not Bajwa
        if want == "any" and tok.dep_ in ("nsubj", "nsubjpass"):
            # "gunmen attacked the parliament, killing seven people before they were shot dead": the subject of
            # the governing clause before the nearest plural
            salient = self._salient(tok, want, lemma)
            if salient is not None:
                return salient
        if want == "any":  # "they": a plural phrase first, then groups and states; "fighters fired to disperse
            # them": not the fighters
            plural = next((p for p in reversed(pool) if p.plural), None)
            if plural is not None and _in_background_clause(plural.head) and tok.dep_ in ("dobj", "pobj", "dative"):
                # "protesters stormed parliament as lawmakers passed a bill. Police opened fire on them": the
                # main clause's doers, not those of the clause that says when
                main = next(
                    (
                        p
                        for p in reversed(pool)
                        if p.plural and p.head.sent == plural.head.sent and not _in_background_clause(p.head)
                    ),
                    None,
                )
                plural = main or plural
            if plural is not None:
                return plural
        if want == "person":  # "he": the last person who was a subject, then any person
            pool = [p for p in pool if p.head.dep_ not in ("nsubj", "nsubjpass")] + [
                p for p in pool if p.head.dep_ in ("nsubj", "nsubjpass")
            ]
        salient = self._salient(tok, want, lemma)
        if salient is not None:
            return salient
        for ph in reversed(pool):
            hit = self._fits(ph, want, lemma, tok)
            if hit is not None:
                return hit
        if want == "group" and lemma == "group":  # "ordered the charity Save the Children ..., accusing the group"
            ngo = next((p for p in reversed(pool) if p.actor.code.startswith("NGO") and p.actor.actor_id), None)
            if ngo is not None:
                return ngo
        if want == "state":  # "across Pakistan ... the country": a state named as a place before it
            for m in reversed(self.coder._sentence_matches):
                if tok.sent.start_char <= m.start < tok.idx:
                    ent = self.coder.dict.state_by_iso.get(self.coder._match_country(m, self.coder._on) or "")
                    if ent is not None:
                        actor = self.coder._actor(tok.text, ent, ent.code, None, tok.idx, tok.idx + len(tok.text))
                        return Phrase(tok, [tok], actor, "state", ent)
        return None

    def _title_antecedent(self, tok: Any) -> Phrase | None:
        """The person a definite title ("the general") stands for: the last person named, or the last
        singular official named by role ("the Afghan charge d'affaires ... the diplomat")."""
        for ph in reversed(self.history + [p for p in self.phrases if p.head.i < tok.i]):
            if ph.kind == "person" or (
                ph.kind == "generic" and not ph.plural and ph.actor.role in HUMAN_ROLES and ph.actor.country
            ):
                return ph
        return None

    def _salient(self, tok: Any, want: str, lemma: str) -> Phrase | None:
        """A subject pronoun inside a clause usually means the subject of the clause that governs it
        ("the World Bank halted ..., saying it was concerned"; "the Taliban government said ..., and its
        defence ministry vowed"), not the nearest name."""
        if (
            tok.pos_ != "PRON"
            or want not in ("thing", "person", "any")
            or tok.dep_ not in ("nsubj", "nsubjpass", "poss")
        ):
            return None
        if tok.dep_ == "poss" and tok.head.dep_ not in ("nsubj", "nsubjpass"):
            return None  # "captured its pilot": the jet's, not the subject's
        own = tok.head if tok.dep_ != "poss" else tok.head.head  # the pronoun's own clause
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in own.children):
            return None  # "warning Tehran of consequences if it did not comply": the one warned
        node = own
        came_from = tok
        for _ in range(6):
            # "..., a week after the Taliban seized power, saying it was concerned": the participle
            # belongs to the main clause even when the parser hangs it on the time clause
            skip = node is own or (
                came_from.tag_ == "VBG" and came_from.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children)
            )
            if node.pos_ in ("VERB", "AUX") and not skip:
                subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
                if not subj and node.dep_ == "conj":
                    subj = [c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
                for sj in subj:
                    ph = self.by_token.get(sj.i)
                    if ph is not None and not ph.pronoun:
                        if want == "any" and not ph.plural:
                            return None
                        return self._fits(ph, want, lemma, tok)
            if node.head == node or node.dep_ not in SALIENT_PATH:
                return None
            came_from = node
            node = node.head
        return None

    def _fits(self, ph: Phrase, want: str, lemma: str, tok: Any) -> Phrase | None:
        """The phrase (or a group named inside it) when it can be what the pronoun or noun stands for."""
        k = ph.kind
        if want == "person" and (k == "person" or (k == "generic" and not ph.plural and ph.actor.role in HUMAN_ROLES)):
            return ph
        if (want == "thing" and k in ("state", "igo", "group", "capital", "metonym")) or (
            want == "thing"
            and k == "generic"
            and ph.actor.role not in ("CVL", "REF")
            and not ph.plural
            and ph.head.lemma_.lower() not in THING_NOT
        ):
            return ph
        if want == "state" and k == "state" and not ph.plural:
            return ph
        if want == "group" and k == "group" and ph.entry is not None and ph.entry.family == "armed":
            return ph
        if want == "party" and k == "group" and ph.entry is not None and ph.entry.family == "party":
            return ph
        if want in ("group", "party"):  # "Taliban deputy leader X ... the movement": the group inside
            org = next((o for o in ph.orgs if o.family == ("armed" if want == "group" else "party")), None)
            if org is not None:
                code = org.resolve(self.coder._on)[0]
                actor = self.coder._actor(tok.text, org, code, None, tok.idx, tok.idx + len(tok.text))
                return Phrase(tok, [tok], actor, "group", org)
        if want == "party" and k == "igo" and lemma == "alliance":
            return ph
        if want == "party" and lemma == "alliance":  # "NATO Secretary-General X said the alliance"
            org = next((o for o in ph.orgs if o.kind == "igo"), None)
            if org is not None:
                code = org.resolve(self.coder._on)[0]
                actor = self.coder._actor(tok.text, org, code, None, tok.idx, tok.idx + len(tok.text))
                return Phrase(tok, [tok], actor, "igo", org)
        if want == "igo" and k == "igo":
            return ph
        if want == "any" and (ph.plural or k in ("group", "state", "igo", "generic")):
            return ph
        return None

    def subject(self, verb: Any, depth: int = 0) -> tuple[list[Actor], bool]:
        """Actors of the verb's subject; True when it is a passive subject."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
            verb.dep_ == "acl"
            and verb.tag_ == "VBN"  # "mortar shells fired by Afghan forces"
            # not "reports that Pakistani jets had struck hideouts": a perfect with its own subject
            and not any(c.dep_ == "nsubj" or (c.dep_ == "aux" and c.lemma_ == "have") for c in verb.children)
        )
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "nsubjpass")]
        found = [self._np_actors(c) for c in subjects]
        if (
            len(subjects) > 1
            and all(found)
            and any(t.lower_ == "and" for t in verb.doc[subjects[0].i : subjects[-1].i])
        ):
            # "Delegations led by Khawaja Asif and Mullah Mohammad Yaqoob held talks": the parser made the
            # second name a subject of its own; both act
            return list(dict.fromkeys(a for acts in found for a in acts)), passive
        for acts in found:
            if acts:
                return acts, passive
        if not subjects and verb.lemma_.lower() in self.coder.modality.reporting and verb.i > 0:
            # "... in West Darfur, Human Rights Watch said": the parser hangs the speaker on the word before
            prev = verb.doc[verb.i - 1]
            ph = self.by_token.get(prev.i)
            if ph is not None and ph.head.i == prev.i and prev.dep_ in ("appos", "conj", "npadvmod", "pobj", "dobj"):
                return ph.actors, passive
        if (
            subjects
            and verb.dep_ == "pcomp"
            and verb.head.lower_ == "with"
            and verb.tag_ == "VBN"
            and verb.head.head.pos_ in ("VERB", "AUX")
        ):
            # "police were put on high alert, with 10,000 officers deployed along the routes": the main clause's
            # subject did it
            acts, _ = self.subject(verb.head.head, depth + 1)
            return acts, False
        # "COLOMBO: Thousands of protesters stormed ...": a dateline parsed as a second subject names no one
        if any(c.pos_ != "PRON" for c in subjects):
            return [], passive
        if depth > 6:
            return [], passive
        # no subject of its own: inherit through control, coordination, relative and noun clauses
        head = verb.head
        if (
            verb.dep_ == "pcomp"
            and head.head.pos_ in ("VERB", "AUX")
            and (
                # "thanked him for condemning the attack": the object did it ("condemned Pakistan for bombing a
                # market" is an accusation: what is alleged is not coded as done)
                (head.lower_ == "for" and not self._disapproves(head.head))
                # "India accused Pakistan of violating the ceasefire": the accused is said to have done it (the
                # act is coded as alleged: hypothetical, not reported as done)
                or (head.lower_ == "of" and head.head.lemma_.lower() in self.coder.modality.accusing_verbs)
            )
        ):
            objs = [c for c in head.head.children if c.dep_ in ("dobj", "dative")]
            acts = self._np_actors(objs[0]) if objs else []
            if acts:
                return acts, passive
        if (
            verb.dep_ == "xcomp"
            and head.dep_ == "acl"
            and head.tag_ == "VBN"
            and head.head.lemma_.lower() in BODIES
            and head.head.dep_ == "dobj"
            and head.head.head.pos_ in ("VERB", "AUX")
        ):
            # "set up a commission headed by a judge to investigate the raid": whoever set it up
            acts, head_passive = self.subject(head.head.head, depth + 1)
            return ([] if head_passive else acts), passive
        if (
            verb.dep_ == "pcomp"
            and head.lower_ in ("after", "before", "while", "upon", "on", "without", "since")
            and head.head.pos_ in ("VERB", "AUX")
        ):
            # "killed nine men after taking control of the district": the same doers
            acts, head_passive = self.subject(head.head, depth + 1)
            return ([] if head_passive else acts), passive
        if (
            verb.dep_ == "conj"
            and verb.tag_ == "VBD"
            and head.lemma_ == "be"
            and head.dep_ == "acl"
            and head.head.pos_ == "NOUN"
            and head.head.lemma_.lower() in self.coder.modality.claim_nouns
            and (gov := _governing_verb(head.head)) is not None
        ):
            # "said it had received reports that civilians were among those killed ... and called for an
            # investigation": the parser joins the call to the report's clause; the one who received it called
            return self.subject(gov, depth + 1)
        if verb.dep_ == "conj" and head != verb:
            acts, head_passive = self.subject(head, depth + 1)
            if (
                head_passive
                and not passive
                and verb.tag_ in ("VBD", "VBZ", "VBP")
                and head.dep_ == "ccomp"
                and head.head != head
            ):
                # "said eight people were killed in the strikes, and warned that ...": an active verb
                # joined to a reported passive clause is the reporter's own
                acts, _ = self.subject(head.head, depth + 1)
            return acts, passive
        if verb.dep_ in ("xcomp", "acomp", "oprd") and head != verb:
            objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            objs += [
                p
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                for p in c.children
                if p.dep_ == "pobj"
            ]  # "called on the world to provide"
            obj_actors = self._np_actors(objs[0]) if objs else []
            if obj_actors:  # "urged the Taliban to act", "urged Taliban groups to come": the object acts
                return obj_actors, passive
            if objs and (objs[0].lemma_.lower() in GENERIC_ADDRESSEES or objs[0].tag_ == "NNS"):
                # "called on the world to provide aid", "lobbying Muslim nations to engage with the Taliban":
                # those asked act, whoever they are, not the one asking
                return [], passive
            acts, _ = self.subject(head, depth + 1)
            return acts, passive
        if verb.dep_ in ("relcl", "acl", "advcl") and head != verb:
            if head.pos_ in ("NOUN", "PROPN"):
                acts = self.at(head)  # "militants who attacked": the noun itself
                if acts:
                    # "three Pakistani nationals detained in Nangarhar": a past participle's noun is acted on
                    return acts, verb.dep_ == "acl" and verb.tag_ == "VBN"
                if verb.dep_ == "acl" and head.dep_ == "dobj":
                    # "gave Russia an ultimatum to accept a ceasefire": the one given it is to act
                    dative = [c for c in head.head.children if c.dep_ in ("dative", "iobj")]
                    acts = self._np_actors(dative[0]) if dative else []
                    if acts:
                        return acts, False
                src, _t, _p = self.noun_roles(head, None)  # "the visit of X to meet Y"
                if (
                    not src
                    and verb.dep_ in ("acl", "relcl")
                    and verb.tag_ in ("VBG", "VB")
                    and head.dep_ == "dobj"
                    and head.lemma_.lower() in DOCUMENTS | BODIES
                ):
                    # "the National Assembly adopted a resolution condemning the strikes", "the government
                    # formed a commission to probe the deaths": whoever adopted or formed it
                    src, _passive = self.subject(head.head, depth + 1)
                if (
                    not src
                    and verb.dep_ == "acl"
                    and verb.tag_ == "VB"
                    and head.dep_ == "dobj"
                    and head.lemma_.lower() in INTENT_NOUNS
                ):
                    # "Pakistan has no plans to carry out further strikes", "took the decision to close": theirs
                    src, _passive = self.subject(head.head, depth + 1)
                # "the bodies of soldiers killed near Bakhmut": a past participle's noun is acted on
                return src, verb.dep_ == "acl" and verb.tag_ == "VBN"
            if verb.dep_ == "advcl":
                acts, head_passive = self.subject(head, depth + 1)
                # "said Iran's envoy would not be allowed to return, calling the strike a violation": the
                # passive's subject is acted on, so the participle is the reporter's
                undergoer = head_passive and not any(c.dep_ == "agent" for c in head.children)
                # a participle the parser hangs inside a clause that reports or blames is the reporter's:
                # "denied that any strikes had taken place, describing the claim as an illusion", "condemned
                # Pakistan for violating its airspace and bombing a market, warning of consequences"
                content = head
                while content.dep_ == "conj" and content.head != content:
                    content = content.head
                blamed = content.dep_ == "pcomp" and content.head.lower_ == "for"
                if verb.tag_ == "VBG" and head_passive and head.lemma_.lower() in self.coder.modality.casualty_verbs:
                    return acts, passive  # "soldiers were killed repulsing attacks": they repulsed them
                if verb.tag_ == "VBG" and (blamed or ((not acts or undergoer) and content.dep_ == "ccomp")):
                    owner = content.head.head if blamed else content.head
                    if owner != content:
                        acts, _ = self.subject(owner, depth + 1)
                return acts, passive
        return [], passive

    def _disapproves(self, verb: Any) -> bool:
        """Whether the verb's patterns disapprove or reject (CAMEO 11, 12): "condemn", "blame", "accuse"."""
        return any(p.code[:2] in ("11", "12") for p in self.coder.patterns.verbs.get(verb.lemma_.lower(), ()))

    def _np_actors(self, tok: Any) -> list[Actor]:
        act = self._labelled_act(tok)
        if act is not None:  # "condemned the strikes, calling them a violation": whose strikes they were
            return self.act_owners(act)
        acts = self.at(tok)
        ph = self.by_token.get(tok.i)
        if ph is not None and ph.kind == "generic" and tok.tag_ == "NNS":
            # "local and foreign militants, including the TTP and the Haqqani network": the groups named
            named = [
                a
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "including"
                for p in c.children
                if p.dep_ == "pobj"
                for x in [p, *_conjuncts(p)]
                for a in self.at(x)
                if a.actor_id is not None
            ]
            if named:
                return list(dict.fromkeys(named))
        if (
            acts
            and ph is not None
            and ph.kind == "generic"
            and tok.lemma_.lower() in SPEAKERS
            and not any(c.dep_ == "poss" for c in tok.children)  # "Pakistan's special representative for Afghanistan"
        ):
            # "a spokesman for the Taliban", "officials of the interior ministry": the body they speak for
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("for", "of", "from"):
                    inner = self._pobj(c)
                    if inner:
                        return inner
        if acts and ph is not None and ph.kind == "generic" and tok.tag_ == "NNS":
            # "the foreign ministers of Congo and Rwanda", "the armies of India and the United States": one each
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    owners = [a for p in c.children if p.dep_ == "pobj" for a in self.at(p)]
                    countries = list(
                        dict.fromkeys(a.country for a in owners if a.country and a.country not in ("IGO", "IMG"))
                    )
                    if len(countries) >= 2:
                        role = ph.actor.role
                        return [
                            Actor(
                                ph.actor.text,
                                None,
                                self.coder.dict.country_name(k),
                                k + role,
                                k,
                                role,
                                ph.actor.start,
                                ph.actor.end,
                            )
                            for k in countries
                        ]
        if acts and ph is not None and ph.kind == "generic" and ph.actor.role in FIGHTERS:
            for c in tok.children:  # "gunmen of the Baloch Liberation Army": the group's
                if c.dep_ == "prep" and c.lower_ in ("of", "from", "belonging"):
                    inner = [a for a in self._pobj(c) if a.role in FIGHTERS or a.country == "IMG"]
                    if inner:
                        return inner
        if acts:
            return acts
        for c in tok.children:  # "the captured Indian pilot, Wing Commander Abhinandan Varthaman": the name
            if c.dep_ == "appos" and c.i in self.by_token:
                named = self.at(c)
                if named:
                    return named
        for c in tok.children:  # "a sniper firing from the Afghan side": whose side
            if c.dep_ == "acl" and c.tag_ == "VBG" and c.lemma_.lower() in self.coder.patterns.verbs:
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ == "from":
                        sides = [a for a in self._pobj(g) if a.actor_id and a.code == a.country]
                        if sides:
                            return sides
        for c in tok.children:  # "delegations led by X and Y"
            if c.dep_ == "acl" and c.lemma_.lower() in ("lead", "head", "chair"):
                for a in c.children:
                    if a.dep_ == "agent":
                        for p in a.children:
                            if p.dep_ == "pobj":
                                return self.at(p)
        # "a delegation of X", "leaders of X": look one step into the noun phrase of a collective noun
        for c in tok.children:
            if tok.lemma_.lower() in COLLECTIVE and c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        return self.at(p)
        lemma = tok.lemma_.lower()
        if lemma in self.coder.patterns.nouns or lemma in STANDS_FOR_OWNER or lemma in DOCUMENTS:
            for c in tok.children:  # "Pakistan's decision", "Kabul's response"; not "Kabul's first snowfall"
                if c.dep_ == "poss":
                    return self.at(c)
        if tok.pos_ == "NOUN":
            return self._members(tok)  # "a senior Taliban commander", "TTP leaders": the group or state
        return []

    def _investigated(self, objs: list[Any]) -> list[Actor]:
        """Whom an investigation into these objects is about: "into alleged war crimes, including abuses by
        US forces" (whose acts), else "into possible crimes against humanity in Venezuela" (where)."""
        owners = [
            a for o in objs for x in (o, *(y for y in o.subtree if y.dep_ == "pobj")) for a in self.act_owners(x)
        ][:2]
        if owners:
            return owners
        return [
            a
            for o in objs
            for y in o.subtree
            if y.dep_ == "prep" and y.lower_ == "in"
            for a in self._pobj(y, allow_places=True)
            if len(a.code) == 3
        ][:1]

    def _labelled_act(self, tok: Any) -> Any | None:
        """The event noun an object pronoun of a naming verb stands for: "condemned Pakistan's air strikes,
        calling them a violation" (them: the strikes)."""
        if tok.lower_ not in ("it", "them") or tok.dep_ not in ("dobj", "dative"):
            return None
        verb = tok.head
        if verb.lemma_.lower() not in NAMING_VERBS or verb.dep_ not in ("advcl", "conj", "xcomp"):
            return None
        gov = verb.head
        while gov.dep_ == "conj" and gov.head != gov:
            gov = gov.head
        for c in gov.children:
            if c.dep_ == "dobj" and c.lemma_.lower() in self.coder.patterns.nouns:
                return c
        return None

    def verb_roles(self, verb: Any, pat: Pattern) -> tuple[list[Actor], list[Actor]]:
        sources, targets = self._verb_roles(verb, pat)
        if _each_other(verb):  # "India and Pakistan accused each other": each side the other's target
            return sources, []
        if pat.code[:2] == "15" and targets:
            # "NATO put forces on standby", "placed its units on high alert": its own forces, not a target
            own = {a.country for a in sources}
            targets = [
                a
                for a in targets
                if not (
                    a.actor_id is None
                    and a.role in FORCE_ROLES
                    and (
                        not a.country
                        or a.country in own
                        or a.text.lower().startswith(OWN)
                        or not any(ch.isupper() for ch in a.text)  # no country named with them
                    )
                )
            ]
        if pat.code[:2] in ("18", "19") and all(a.actor_id is None for a in targets):
            # "a suicide bomber struck a crowd as thousands tried to flee, killing 170 civilians and 13 US service
            # members": the toll, wherever the parser hangs it, names whom the attack hit
            toll = [
                t
                for t in verb.subtree
                if t is not verb
                and t.tag_ == "VBG"
                and t.dep_ in ("advcl", "conj")
                and t.lemma_.lower() in self.coder.modality.casualty_verbs
                and t.head is not verb
                and t.head.dep_ in ("advcl", "ccomp", "relcl", "xcomp")
            ]
            fell = [
                a
                for t in toll[:1]
                for o in t.children
                if o.dep_ == "dobj"
                for a in self._np_actors(o)
                if a not in sources
            ]
            if len({a.code for a in fell}) >= 2:
                targets = fell
        if pat.code == "115" and not targets:
            # "filed a case ... accusing Israel of genocide": the accused
            targets = [
                a
                for c in verb.children
                if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in ("accuse", "charge", "allege")
                for o in c.children
                if o.dep_ == "dobj"
                for a in self._np_actors(o)
                if a not in sources
            ]
        if pat.code[:2] == "02" and _generic_addressee(verb):
            # "called on the world to provide urgent humanitarian assistance to Afghanistan": the appeal is
            # to no one in particular; who would benefit is not its target
            targets = []
        if pat.code[:2] in PERSON_ACTS and all(a.actor_id is None for a in targets):
            # "arrested a suspect linked to the Islamic State group", "..., saying he belonged to the TTP":
            # the group named is who was arrested or killed
            group = self._affiliation(verb)
            if group:
                targets = [a for a in group if a not in sources]
        if pat.subject_target:  # "Pakistan received a cargo of Russian crude": Russia supplied it
            givers = [a for a in targets if a not in sources] or self.coder._other_country(sources, verb.sent)
            return givers, sources
        return sources, targets

    def _affiliation(self, verb: Any) -> list[Actor]:
        """The group a verb's patient is said to belong to: "a suspect linked to the Islamic State group",
        "militants affiliated with the TTP", or a reporting clause beside the verb ("arrested a facilitator,
        saying he was linked to the IS group")."""

        def named(tok: Any) -> list[Actor]:
            if tok.lemma_.lower() not in AFFILIATION:
                return []
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "with"):
                    acts = [a for a in self._pobj(c) if a.actor_id is not None]
                    if acts:
                        return acts
            return []

        for c in verb.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                for n in [c, *(a for a in c.children if a.dep_ == "appos")]:
                    for g in n.children:
                        if g.dep_ in ("acl", "relcl") and named(g):
                            return named(g)
        for c in verb.children:
            if c.dep_ in ("advcl", "conj") and c.lemma_.lower() in self.coder.modality.reporting:
                for g in c.children:
                    pron = any(s.pos_ == "PRON" for s in g.children if s.dep_.startswith("nsubj"))
                    if g.dep_ == "ccomp" and pron and named(g):
                        return named(g)
        return []

    def _verb_roles(self, verb: Any, pat: Pattern) -> tuple[list[Actor], list[Actor]]:
        sources, passive = self.subject(verb)
        violent = pat.code[:2] in VIOLENCE
        # the with-phrase of an attack names its weapon, not its target ("struck a refinery with drones")
        weapon = {"with"} if violent else set()
        if verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
            passive = True  # "talks mediated by Qatar": the agent acts; the noun (if an actor) is acted on
            if verb.dep_ == "acl":
                sources = self.at(verb.head)
        targets: list[Actor] = []
        if passive:
            agent = [c for c in verb.children if c.dep_ == "agent"]
            by = [p for a in agent for p in a.children if p.dep_ == "pobj"]
            doers = self._np_actors(by[0]) if by else []
            if not doers and pat.code[:2] in ("17", "08"):
                for c in verb.children:  # "was captured in a joint raid by Pakistani and American agents"
                    if c.dep_ == "prep" and c.lower_ in ("in", "during"):
                        for p in c.children:
                            if p.dep_ == "pobj" and p.lemma_.lower() in self.coder.patterns.nouns:
                                doers = self.noun_roles(p, None)[0]
            if not sources and pat.code.startswith("045"):
                sources = self._mediated(verb, doers)
            if not doers and pat.code[:2] == "15" and all(a.role in FORCE_ROLES for a in sources):
                return sources, []  # "troops were deployed", "police were placed on high alert": their posture
            if not sources and pat.code[:2] in PERSON_ACTS:  # "Alexei Navalny was detained by police"
                sources = [a for c in verb.children if c.dep_ == "nsubjpass" for a in self._unknown_person(c)]
            return doers, sources
        deps = _dependents(verb, 3)
        if pat.target_prep:
            for d in deps:
                if d.dep_ == "prep" and d.lower_ == pat.target_prep and not _is_time_prep(d):
                    targets = self._pobj(d)
                    if targets:
                        break
        if not targets:
            for c in verb.children:
                if c.dep_ in ("dobj", "dative", "attr", "oprd") and (
                    c.lemma_.lower() not in pat.words or (c.pos_ == "PROPN" and c.i in self.by_token)
                ):  # "banned the Pashtun Tahaffuz Movement": a name, though "ban movement" is the pattern
                    targets = self._np_actors(c)
                    if pat.code.startswith("129") and c.lemma_.lower() in PROPOSALS:
                        # "vetoed a Security Council resolution": the council's text, not the council vetoed
                        targets = [a for a in targets if a.country != "IGO"]
                    if (
                        targets
                        and len({a.code for a in sources}) >= 2
                        and any(g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children)
                    ):
                        targets = []  # "X and Y met ..., their first formal talks": the talks are theirs
                    if not targets and c.dep_ == "dobj" and c.lemma_.lower() in self.coder.modality.territory_words:
                        # "annexing four Ukrainian regions": the state the land belongs to
                        states = [
                            e
                            for g in c.children
                            if g.dep_ in ("amod", "compound", "poss", "nmod") and g.pos_ in ("ADJ", "PROPN")
                            for h in self.coder.dict.find(g.text)
                            for e in [self.coder.dict.entries.get(h.alias.entry_id or "")]
                            if e is not None and e.kind == "state"
                        ]
                        targets = [
                            self.coder._actor(e.name, e, e.code, e.name, -1, -1)
                            for e in states
                            if e.code[:3] not in {a.country for a in sources}
                        ]
                    if not targets and pat.code[:2] in PERSON_ACTS and c.dep_ == "dobj":
                        targets = self._unknown_person(c)  # "detained Alexei Navalny"
                    if targets:
                        break
        if not targets and pat.code[:2] in ("17", "18", "19"):
            # "hijacked a passenger train carrying more than 400 people": those on board
            targets = [
                a
                for c in verb.children
                if c.dep_ == "dobj"
                for g in c.children
                if g.dep_ == "acl" and g.lemma_.lower() in ("carry", "transport", "ferry")
                for o in g.children
                if o.dep_ == "dobj"
                for a in self._np_actors(o)
                if a not in sources
            ]
        if not targets and (not violent or pat.code.startswith("191")):
            # "accept Qatari and Turkish mediation", "welcomed Pakistan's offer", "closed the NATO supply
            # routes": the pattern's own noun, offered, made or used by the states named on it
            for c in verb.children:
                if c.dep_ == "dobj" and c.lemma_.lower() in pat.words and c.pos_ == "NOUN":
                    named = [g for g in c.children if g.dep_ in ("amod", "compound", "poss") and g.i in self.by_token]
                    named += [x for g in named for x in _conjuncts(g) if x.i in self.by_token]
                    targets = [
                        a
                        for g in named
                        if self.by_token[g.i].kind in ("state", "igo", "capital", "metonym")
                        for a in self.by_token[g.i].actors
                        if a not in sources and a.country not in {s.country for s in sources}
                    ]
        if not targets and violent:
            # "struck what it said were bases of Jaish al-Adl": the free relative's named object
            for t in verb.subtree:
                if t.lower_ == "what" and t.dep_ == "nsubj" and t.head.lemma_.lower() == "be":
                    for attr in (c for c in t.head.children if c.dep_ == "attr"):
                        owners = (
                            self._installation_owners(attr)
                            if attr.lemma_.lower() in self.coder.installations
                            else self._np_actors(attr)
                        )
                        targets = [a for a in owners if a not in sources]
                    break
        if not targets:
            near = [c for c in verb.children if c.dep_ == "prep"]
            near += [
                g
                for c in verb.children
                if c.dep_ in ("dobj", "prt") and c.lemma_.lower() in pat.words
                for g in c.children
                if g.dep_ == "prep"
            ]
            if pat.code[:2] == "07":  # "distributed biscuits and cash to more than 10,000 returnees": who got it
                near += [
                    g
                    for c in verb.children
                    if c.dep_ == "dobj"
                    for x in [c, *_conjuncts(c)]
                    for g in x.children
                    if g.dep_ == "prep" and g.lower_ in ("to", "for", "among") and g not in near
                ]
            if pat.words:  # "come to the negotiating table with the Kabul government"
                pw = _pattern_words(verb)
                near += [
                    g
                    for w in pat.words
                    if w in pw and pw[w].pos_ in ("NOUN", "PROPN")
                    for g in pw[w].children
                    if g.dep_ == "prep" and g not in near
                ]
                near += [  # "offered to mediate between Islamabad and the TTP": the two sides
                    g
                    for w in pat.words
                    if w in pw and pw[w].dep_ == "xcomp" and pw[w] != verb
                    for g in pw[w].children
                    if g.dep_ == "prep" and g.lower_ in ("between", "among") and g not in near
                ]
            preps = (*(p for p in DEFAULT_TARGET_PREPS if p not in weapon), "between", "among")
            if pat.code[:2] == "12":  # "blocked a bid at the UN Security Council": where, not whom
                preps = tuple(p for p in preps if p != "at")
            if pat.code == "115":  # "filed a case at the International Court of Justice": the court hears it
                preps = tuple(p for p in preps if p not in ("at", "to", "with", "in", "before"))
            if _is_joint(pat.code) and len({a.code for a in sources}) >= 2:
                # "Israel, the UAE and Bahrain signed agreements at the White House": a venue; the
                # parties act towards each other
                preps = tuple(p for p in preps if p not in ("at", "on"))
            for prep in preps:
                for d in near:
                    if d.dep_ == "prep" and d.lower_ == prep and not _is_time_prep(d):
                        if prep in ("between", "among"):
                            targets = self.within(d)
                        elif prep == "into" and pat.code[:2] == "09":  # "into Israeli allegations that ..."
                            probed = self._investigated([p for p in d.children if p.dep_ == "pobj"])
                            # "opened an investigation into the killing of aid workers in one of its strikes":
                            # itself, so no one else
                            targets = [a for a in probed if a.code not in {s.code for s in sources}]
                            if not probed:
                                targets = self._pobj(d)
                        else:
                            targets = self._pobj(d)
                        if not targets and violent:
                            targets = [  # "fired missiles at two bases in Iraq housing US troops"
                                a
                                for p in d.children
                                if p.dep_ == "pobj" and p.lemma_.lower() in self.coder.installations
                                for a in self._installation_owners(p)
                                if a not in sources
                            ]
                        if targets:
                            break
                if targets:
                    break
        if not targets:
            for c in verb.children:  # "asked the ministry", "hosted talks between A and B"
                if c.dep_ in ("dobj", "attr") and not self.at(c):
                    for g in c.children:
                        if (
                            g.dep_ == "prep"
                            and g.lower_ in ("between", "with", "against", "on", "to", "of", "among")
                            and g.lower_ not in weapon
                        ):
                            targets = self.within(g) if g.lower_ in ("between", "among") else self._pobj(g)
                            if targets:
                                break
                if targets:
                    break
        if not targets:
            for c in verb.children:  # "pledged $30 million in assistance to Afghanistan": deeper in the object
                if c.dep_ in ("dobj", "attr"):
                    for d in _dependents(c, 3):
                        if (
                            d.dep_ == "prep"
                            and d.lower_ in ("to", "against", "toward", "towards", "with", "on", "for")
                            and d.lower_ not in weapon
                            and not _is_time_prep(d)
                        ):
                            targets = [a for a in self._pobj(d) if a not in sources]
                            if targets:
                                break
                if targets:
                    break
        if not targets:
            for c in verb.children:  # "demanded that the Afghan government investigate": who is asked
                if (
                    c.dep_ in ("ccomp", "xcomp")
                    and verb.lemma_.lower() not in self.coder.modality.reporting
                    and pat.code[:3] not in ("015", "016")  # "admitted its military had shot down the plane"
                    and not (  # "to investigate how the attackers entered the compound": a question, no suspect
                        pat.code[:2] == "09"
                        and any(w.lower_ in ("how", "whether", "why", "if", "what") for w in c.children)
                    )
                ):
                    inner, _ = self.subject(c)
                    inner = [a for a in inner if a not in sources]
                    if inner:
                        targets = inner
                        break
        if (
            not targets
            and verb.dep_ in ("xcomp", "advcl", "conj")
            and verb.head.pos_ in ("VERB", "AUX")
            # "visited the chamber of commerce, and both sides agreed": a clause of its own
            and not (verb.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))
        ):
            # "telephoned Ghani to express condolences": the same addressee
            for c in verb.head.children:
                if c.dep_ in ("dobj", "dative") and c.i != verb.i:
                    targets = [a for a in self._np_actors(c) if a not in sources]
                    if targets:
                        break
            if not targets and verb.head.lemma_.lower() in ("write", "send", "turn", "petition", "complain"):
                # "wrote to the UN Security Council seeking an urgent meeting": the one written to
                targets = [
                    a
                    for c in verb.head.children
                    if c.dep_ == "prep" and c.lower_ == "to" and c.i < verb.i
                    for a in self._pobj(c)
                    if a not in sources
                ]
        if not targets and pat.code[:2] in ("09", "10", "11", "12", "13"):
            # "condemned the US drone strike", "rejected the amnesty offered by Imran Khan", "investigate the
            # circumstances of the US raid": whose act it was
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if pat.code[:2] == "09":  # "launched an investigation into reports that ...": the parser hangs it here
                objects += [
                    p
                    for c in [*verb.children, *(g for o in objects for g in o.children)]
                    if c.dep_ == "prep" and c.lower_ in ("into", "over")
                    for p in c.children
                    if p.dep_ == "pobj"
                ]
            for c in objects:
                targets = [a for a in self.act_owners(c) if a not in sources]
                if targets:
                    break
                for acl in (x for x in c.children if x.dep_ == "acl" and not targets):
                    for ag in (x for x in acl.children if x.dep_ == "agent"):
                        targets = [
                            a for p in ag.children if p.dep_ == "pobj" for a in self._np_actors(p) if a not in sources
                        ]
            if not targets and pat.code[:2] == "09":
                into = [o for o in objects if o.dep_ == "pobj" and o.head.lower_ == "into"]
                targets = [a for a in self._investigated(into) if a.country not in {s.country for s in sources}]
        if not targets and violent and not pat.code.startswith("191"):
            struck = [c for c in verb.children if c.dep_ == "dobj"]
            struck += [  # "fired missiles at two bases in Iraq housing US troops"
                p
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in ("at", "on", "against")
                for p in c.children
                if p.dep_ == "pobj"
            ]
            for c in struck:  # "militants attacked a security check post": the forces it stands for
                if c.lemma_.lower() in self.coder.installations:
                    owners = self._installation_owners(c)
                    if owners:
                        targets = [a for a in owners if a not in sources]
                    elif not any(t.i in self.by_token for t in c.subtree):
                        targets = self._installation_actor(c)
                    break
        if not targets and pat.code[:2] in ("05", "16"):
            # "plans to open a new consulate in Quetta", "closed its embassy in Kabul": the host country
            mine = {a.country for a in sources}
            for c in verb.children:
                if c.dep_ == "dobj" and c.lemma_.lower() in ("embassy", "consulate", "mission", "legation"):
                    places = [
                        a
                        for g in c.children
                        if g.dep_ == "prep" and g.lower_ == "in"
                        for a in self._pobj(g, allow_places=True)
                    ]
                    if not places:
                        names = [
                            p
                            for g in c.children
                            if g.dep_ == "prep" and g.lower_ == "in"
                            for p in g.children
                            if p.dep_ == "pobj"
                        ]
                        found = [find_place(" ".join(t.text for t in p.subtree if t.pos_ == "PROPN")) for p in names]
                        places = [
                            self.coder._actor(f.name, ent, ent.code, ent.name, -1, -1)
                            for f in found
                            if f is not None and f.country
                            for ent in [self.coder.dict.state_by_iso.get(f.country)]
                            if ent is not None
                        ]
                    targets = [a for a in places if a.country not in mine]
                    break
        if not targets and pat.code[:2] == "14":
            joined = [d for c in verb.children if c.dep_ == "conj" for d in _dependents(c, 2)]
            for d in [*deps, *joined]:  # "burned effigies and shouted slogans outside Pakistan's High Commission"
                if d.dep_ == "prep" and d.lower_ in ("outside", "near", "at", "before"):
                    targets = [
                        a
                        for p in d.children
                        if p.dep_ == "pobj"
                        for g in p.children
                        if g.dep_ == "poss"
                        for a in self.at(g)
                        if a not in sources
                    ]
                    if targets:
                        break
        if not targets and pat.code[:2] == "15":
            # "massed troops near Ukraine's borders", "moved troops ... to the frontier with India": the country
            # across the border they were sent to (not the one they left)
            mine = {a.country for a in sources}
            for d in deps:
                if d.dep_ != "prep" or d.lower_ not in ("to", "near", "along", "toward", "towards", "on", "at"):
                    continue
                for p in d.children:
                    if p.dep_ == "pobj" and p.lemma_.lower() in ("border", "frontier", "boundary"):
                        across = [a for g in p.children if g.dep_ == "poss" for a in self.at(g)]
                        across += [
                            a for g in p.children if g.dep_ == "prep" and g.lower_ == "with" for a in self._pobj(g)
                        ]
                        targets = [a for a in across if a.country not in mine]
                if targets:
                    break
        if not targets and pat.code[:2] in ("17", "18", "19"):
            for c in verb.children:  # "fired into the air to disperse them": whom the force was for
                if c.dep_ in ("advcl", "xcomp") and any(g.tag_ == "TO" for g in c.children):
                    targets = [
                        a for o in c.children if o.dep_ == "dobj" for a in self._np_actors(o) if a not in sources
                    ]
                    if targets:
                        break
        if not targets and pat.words:
            # "agreed to allow UN humanitarian workers to operate", "offered to help Kabul": the pattern's own
            # verb acts on them
            pw = _pattern_words(verb)
            for w in pat.words:
                x = pw.get(w)
                if x is None or x == verb or x.dep_ != "xcomp" or x.pos_ != "VERB":
                    continue
                for c in x.children:
                    if c.dep_ in ("dobj", "dative"):
                        targets = [a for a in self._np_actors(c) if a not in sources]
                    elif c.dep_ in ("ccomp", "xcomp"):
                        targets = [a for a in self.subject(c)[0] if a not in sources]
                    if targets:
                        break
                if targets:
                    break
        if not targets and pat.code.startswith("045"):
            targets = self._mediated(verb, sources)
        if not targets and violent:
            # "repulsed attacks by Afghan Taliban forces": force against the attackers
            attacks = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ATTACK_NOUNS]
            targets = [a for c in attacks for a in self.noun_roles(c, None)[0] if a not in sources]
            if attacks and not targets:  # "repulsing an attack by militants": the parser hangs "by" on the verb
                targets = [
                    a
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ == "by" and c.i > attacks[0].i
                    for a in self._pobj(c)
                    if a not in sources
                ]
        if not targets and violent:
            targets = self.victims(verb)  # "seven soldiers were killed when militants ambushed their convoy"
        if not targets and pat.code[:2] in ("14", "15", "17", "18", "19", "20", "16"):
            for d in deps:  # "strikes in Afghanistan": a country named where force was used
                if d.dep_ == "prep" and d.lower_ in ("in", "inside"):
                    targets = [a for a in self._pobj(d, allow_places=True) if a.role in ("", "GOV") or len(a.code) == 3]
                    if targets:
                        break
        return sources, targets

    def _mediated(self, verb: Any, mediators: list[Actor]) -> list[Actor]:
        """The parties of a mediation: "talks between A and B mediated by Qatar", "A and B agreed to a
        ceasefire brokered by C", "the ceasefire between A and B was reached after talks mediated by C"."""
        if verb.head.pos_ not in ("NOUN", "PROPN"):
            # "... after talks in Istanbul mediated by Turkey" parsed as a clause: the talks are its subject,
            # and the parties are whoever the governing clause names
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                src, tgt, pairs = self.noun_roles(subj, None)
                parties = [a for a in ([a for a, _b in pairs] or [*src, *tgt]) if a not in mediators]
                if len(parties) >= 2:
                    return parties
            if verb.dep_ != "advcl" or verb.head == verb:
                return []
        node = verb.head
        for _ in range(6):
            if node.pos_ in ("NOUN", "PROPN"):
                src, tgt, pairs = self.noun_roles(node, None)
                found = [a for a, _b in pairs] or [*src, *tgt]
                parties = [a for a in found if a not in mediators]
                if len(parties) >= 2:
                    return parties
            elif node.pos_ in ("VERB", "AUX"):
                subj, _passive = self.subject(node)
                if not subj:
                    subj_tok = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    if subj_tok is not None and subj_tok.pos_ in ("NOUN", "PROPN"):
                        src, tgt, pairs = self.noun_roles(subj_tok, None)
                        subj = [a for a, _b in pairs] or [*src, *tgt]
                parties = [a for a in subj if a not in mediators]
                if parties:
                    return parties
            if node.head == node or node.dep_ not in (
                "pobj",
                "prep",
                "dobj",
                "advcl",
                "nsubj",
                "nsubjpass",
                "acl",
                "conj",
            ):
                break
            node = node.head
        return []

    def _pobj(self, prep: Any, allow_places: bool = False) -> list[Actor]:
        for p in prep.children:
            if p.lemma_.lower() in ("sideline", "sidelines", "margin", "margins"):
                return []  # "on the sidelines of the BRICS summit": where, not with whom
            if p.lemma_.lower() == "head" and prep.lower_ == "at":
                return []  # "arrived at the head of a trade delegation": leading it, not going to it
            if p.dep_ in ("pobj", "pcomp"):
                acts = self._np_actors(p)
                if acts:
                    return acts
                if prep.lower_ in ("on", "against") and p.pos_ == "NOUN":
                    # "its ban on girls' secondary education", "restrictions on Afghans' movement": theirs
                    acts = [a for c in p.children if c.dep_ == "poss" for a in self.at(c)]
                    if acts:
                        return acts
                if allow_places:
                    for h in self.coder.dict.find(p.text):
                        e = self.coder.dict.entries.get(h.alias.entry_id or "")
                        if e is not None and e.kind == "state":
                            return [self.coder._actor(p.text, e, e.code, None, p.idx, p.idx + len(p.text))]
        return []

    def _place_state(self, prep: Any) -> list[Actor]:
        """The state a place named as a preposition's object lies in ("on the Gaza Strip", "on Kharkiv")."""
        for p in prep.children:
            if p.dep_ != "pobj" or p.pos_ != "PROPN":
                continue
            toks = [t for t in p.subtree if t.pos_ == "PROPN"]
            names = [t.text for t in toks]
            loc = find_place(" ".join(names)) or (find_place(names[0]) if names else None)
            ent = self.coder.dict.state_by_iso.get(loc.country) if loc is not None and loc.country else None
            if ent is not None:
                return [self.coder._actor(" ".join(names), ent, ent.code, ent.name, toks[0].idx, p.idx + len(p.text))]
        return []

    def _unknown_person(self, tok: Any) -> list[Actor]:
        """A person the dictionary does not know, named as the one arrested, released or killed: two or
        more capitalised proper nouns that are no place ("detained Alexei Navalny"). The actor has no role;
        its country is filled later from the place, the dateline or the story."""
        if tok.pos_ != "PROPN" or tok.i in self.by_token:
            return []
        name = [t for t in tok.subtree if (t.i <= tok.i and t.dep_ in ("compound", "flat")) or t.i == tok.i]
        if len(name) < 2 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name):
            return []
        text = " ".join(t.text for t in name)
        if find_place(text) is not None or any(t.i in self.by_token for t in name):
            return []
        if name[0].lower_ in ("operation", "exercise", "mission", "campaign", "project", "plan"):
            return []  # "launched Operation Zarb-e-Azb": the name of an operation, not a person
        return [Actor(text, None, text, "", "", "", name[0].idx, tok.idx + len(tok.text))]

    def _installation_owners(self, tok: Any) -> list[Actor]:
        """Whose an attacked installation is: "the army's headquarters", "Taliban posts", "bases of Jaish
        al-Adl", "two bases in Iraq housing US troops"."""
        owners = [a for g in tok.children if g.dep_ in ("poss", "compound", "amod", "nmod") for a in self.at(g)]
        near = list(tok.children)
        if tok.dep_ == "pobj" and tok.head.head != tok.head:
            # "fired missiles at two bases in Iraq housing US troops": the parser hangs the participle on the verb
            near += [
                g for g in tok.head.head.children if g.dep_ == "advcl" and g.lower_.endswith("ing") and g.i > tok.i
            ]
        return owners or [
            a
            for g in near
            if (g.dep_ == "prep" and g.lower_ == "of")
            or (
                g.dep_ in ("acl", "advcl")
                # the tagger may read "housing" as the noun
                and (g.lemma_.lower() in ("house", "host", "shelter", "use") or g.lower_ in ("housing", "hosting"))
            )
            for o in g.children
            if o.dep_ in ("pobj", "dobj", "agent")
            for a in (self._pobj(o) if o.dep_ == "agent" else self._np_actors(o))
        ]

    def _installation_actor(self, tok: Any) -> list[Actor]:
        """A generic actor for an attacked installation named with no country or group; its country is
        filled later from the place, the dateline or the story."""
        roles = self.coder.modality.installation_roles
        words = [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")] + [tok.lemma_.lower()]
        role = next((roles[w] for w in words if w in roles), None)
        if role is None:
            return []
        text = " ".join(t.text for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "prep"))
        start = min(t.idx for t in tok.subtree if t.i <= tok.i)
        return [Actor(text, None, role, role, "", role, start, tok.idx + len(tok.text))]

    def act_owners(self, tok: Any) -> list[Actor]:
        """Who did the act a noun phrase names: the noun itself if it is an event noun ("the US drone
        strike"), else one held in its phrases ("the circumstances of the US raid", "an inquiry into war
        crimes, including abuses by US forces", "the deaths of detainees beaten in Pakistani custody")."""
        nouns = self.coder.patterns.nouns
        level, clauses = [tok], 0
        for _ in range(4):  # nearest first
            for n in level:
                claim = n.lemma_.lower() in self.coder.modality.claim_nouns and any(
                    v.dep_ in ("acl", "ccomp", "relcl") and v.pos_ in ("VERB", "AUX") for v in n.children
                )  # "Israeli allegations that UNRWA staff took part": about UNRWA staff, not Israel
                if (
                    not claim
                    and n.pos_ in ("NOUN", "PROPN")
                    and (n.lemma_.lower() in nouns or n.lemma_.lower() == "custody")
                ):
                    srcs, _t, _p = self.noun_roles(n, None)
                    if srcs:
                        return srcs
                if n.lemma_.lower() in self.coder.modality.claim_nouns:
                    # "reports that a NATO air strike killed civilians", "allegations that special forces executed
                    # detainees", "reports that refugees were harassed by police": whom the claim is about
                    for v in n.children:
                        if v.dep_ in ("acl", "ccomp", "relcl") and v.pos_ in ("VERB", "AUX"):
                            doers = self._clause_doers(v)
                            if doers:
                                return doers
                if n.head.dep_ == "prep" and n.head.lower_ in ("into", "against") and n.lemma_.lower() not in nouns:
                    # "an inquiry into former prime minister Imran Khan's assets": him
                    named = self._np_actors(n) or [a for c in n.children if c.dep_ == "poss" for a in self.at(c)]
                    if named:
                        return named
            nxt = []
            for n in level:
                for c in n.children:
                    if c.dep_ == "prep" and c.lower_ in ("of", "into", "over", "including", "in", "by", "on"):
                        nxt += [p for p in c.children if p.dep_ == "pobj"]
                    elif c.dep_ in ("relcl", "acl") and clauses < 2:  # "detainees who were beaten in custody"
                        clauses += 1
                        nxt += [p for d in c.children if d.dep_ == "prep" for p in d.children if p.dep_ == "pobj"]
            level = nxt
        return []

    def _clause_doers(self, verb: Any) -> list[Actor]:
        """Who does what a clause says: its subject, or a passive's agent; an event noun subject's source
        ("a NATO air strike killed civilians")."""
        acts, _ = self.subject(verb)
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):  # "that refugees were harassed by police"
            return [a for c in verb.children if c.dep_ == "agent" for a in self._pobj(c)]
        if acts:
            return acts
        for c in verb.children:
            if c.dep_ == "nsubj" and c.lemma_.lower() in self.coder.patterns.nouns:
                return self.noun_roles(c, None)[0]
        return []

    def noun_roles(self, noun: Any, pat: Pattern | None) -> tuple[list[Actor], list[Actor], list[tuple[Actor, Actor]]]:
        sources: list[Actor] = []
        targets: list[Actor] = []
        pairs: list[tuple[Actor, Actor]] = []
        m = self.coder.modality
        is_patient = noun.lemma_.lower() in m.patient_nouns
        # with no pattern to say, "of" marks the one acted on for patient nouns ("the killing of aid workers")
        of_source = pat.of_source if pat else not is_patient
        places: list[Actor] = []
        # "ordered his release", "Khan's arrest": with no of-object the possessor is the one acted on
        patient = is_patient and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
        children = list(noun.children)
        # "carried out a campaign of ethnic cleansing against the Masalit": the campaign carries the event
        carrier = noun
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
            and noun.head.head.lemma_.lower() in CONTAINERS
            and noun.head.head.pos_ == "NOUN"
        ):
            carrier = noun.head.head
            children += [c for c in carrier.children if c.dep_ == "prep" and c.lower_ != "of"]
        if carrier.dep_ == "dobj" and carrier.head.lemma_.lower() in m.light_verbs:
            # "opened an inquiry into former prime minister Imran Khan": the parser hangs the noun's
            # preposition on the light verb
            own = {c.lower_ for c in children if c.dep_ == "prep"}
            children += [
                c
                for c in carrier.head.children
                if c.dep_ == "prep"
                and c.i > carrier.i
                and c.lower_ in ("into", "against", "with", "between", "on")
                and c.lower_ not in own
                and not _is_time_prep(c)
            ]
        for c in children:
            if c.dep_ == "poss":
                if patient:
                    targets += self.at(c)
                else:
                    sources += self.at(c)
            elif c.dep_ in ("compound", "amod", "nmod") and c.i in self.by_token:
                ph = self.by_token[c.i]
                if ph.head.i != noun.i:
                    sources += ph.actors
            elif c.dep_ in ("compound", "amod", "nmod"):  # "a US drone strike": US modifies "drone"
                for g in c.children:
                    if g.dep_ in ("compound", "amod", "nmod") and g.i in self.by_token:
                        ph = self.by_token[g.i]
                        if ph.head.i not in (noun.i, c.i):
                            sources += ph.actors
            elif c.dep_ == "prep":
                p = c.lower_
                objs = [x for x in c.children if x.dep_ == "pobj"]
                if p == "at" and objs and objs[0].lemma_.lower() == "hand":  # at the hands of X
                    for cc in objs[0].children:
                        if cc.dep_ == "prep" and cc.lower_ == "of":
                            sources += self._pobj(cc)
                elif p in ("between", "among") and objs:
                    both = self.within(objs[0])
                    for i, a in enumerate(both):
                        for b in both[i + 1 :]:
                            pairs += [(a, b), (b, a)]
                elif p == "into" and pat is not None and pat.code[:2] == "09":
                    targets += self._investigated(objs)
                elif p == "from" and noun.lemma_.lower() in m.departure_nouns:
                    targets += self._pobj(c)  # "the withdrawal of foreign troops from Afghanistan"
                elif p in NOUN_SOURCE_PREPS or (p == "of" and of_source):
                    sources += self._pobj(c)
                elif p in NOUN_TARGET_PREPS:
                    violent = pat is not None and pat.code[:2] in VIOLENCE and p in ("on", "against")
                    # "a bombing campaign on the Gaza Strip": a place bombed stands for its state
                    targets += self._pobj(c) or (self._place_state(c) if violent else [])
                elif p in ("in", "inside") and pat and pat.code[:2] in ("18", "19", "20", "17"):
                    places += [a for a in self._pobj(c, allow_places=True) if len(a.code) == 3]
        if not sources and not pairs and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in m.occurrence_verbs:
            for c in noun.head.children:  # "fighting erupted on Saturday between the army and the RSF"
                if c.dep_ == "prep" and c.lower_ in ("between", "among"):
                    both = [a for p in c.children if p.dep_ == "pobj" for a in self.within(p)]
                    pairs += [(a, b) for a in both for b in both if a is not b]
        if not sources and pat is not None and pat.code[:2] in VIOLENCE:
            # "a roadside bomb planted by militants", "the raid carried out by US forces"
            for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
                for ag in (c for c in acl.children if c.dep_ == "agent"):
                    sources += [a for p in ag.children if p.dep_ == "pobj" for a in self._np_actors(p)]
        if (
            not targets
            and noun.lemma_.lower() in ("request", "behest", "invitation", "urging", "insistence")
            and noun.dep_ == "pobj"
            and noun.head.lower_ in ("at", "after", "following", "upon", "on")
            and noun.head.head.pos_ in ("VERB", "AUX")
        ):
            # "Pakistan released Baradar at the request of the United States", "agreed ... after a request from
            # the UN refugee agency": asked of the one who did it
            targets = [a for a in self.subject(noun.head.head)[0] if a not in sources]
        if not targets and noun.lemma_.lower() in m.claim_nouns:
            # "Israeli allegations that a dozen UNRWA employees took part in the attack": whom the claim is about
            for c in noun.children:
                if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
                    targets = [a for a in self.subject(c)[0] if a not in sources]
                    break
        if not targets and pat and pat.code[:2] in VIOLENCE:
            targets = self.victims(noun)  # "eight people were killed in the Pakistani strikes"
        targets = targets or places  # "strikes in Afghanistan": only when no one is named
        if (
            not sources
            and carrier.dep_ in ("dobj", "attr")
            and carrier.head.pos_ in ("VERB", "AUX")
            and carrier.head.lemma_.lower() in self.coder.modality.light_verbs
        ):
            # "Pakistan carried out air strikes" when no verb pattern took the object
            sources, _ = self.subject(carrier.head)
        if (
            not sources
            and pat is not None
            and pat.code[:2] == "04"
            and pat.code not in ("042", "043")
            and noun.dep_ == "pobj"
            and noun.head.lower_ == "for"
            and noun.head.head.lemma_.lower() in TRAVEL_VERBS
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children)
        ):
            # "will travel to Kabul next week for talks with the Afghan leadership": the traveller's talks
            sources, _ = self.subject(noun.head.head)
        if (
            not sources
            and pat is not None
            and (
                (pat.code in ("042", "043") and noun.head.lower_ in ("during", "on"))
                or (pat.code[:3] == "041" and noun.head.lower_ in ("in", "during", "over"))
            )
            and noun.dep_ == "pobj"
            and noun.head.head.pos_ in ("VERB", "AUX")
        ):
            # "..., Foreign Minister Qureshi said during a visit to Kabul": the speaker is the visitor
            sources, _ = self.subject(noun.head.head)
        if (
            not sources
            and not pairs
            and targets
            and pat is not None
            and pat.code[:2] in VIOLENCE
            and noun.lemma_.lower() in RECIPROCAL_NOUNS
            and noun.dep_ == "pobj"
            and noun.head.lower_ in ("in", "during")
            and noun.head.head.lemma_.lower() in m.casualty_verbs | {"martyr"}
        ):
            # "two soldiers were martyred in a clash with militants": those killed fought those named
            fell = [a for c in noun.head.head.children if c.dep_ == "nsubjpass" for a in self._np_actors(c)]
            pairs = [(x, y) for x in fell for y in targets if x.code != y.code] + [
                (y, x) for x in fell for y in targets if x.code != y.code
            ]
            if pairs:
                targets = []
        if not sources and not pairs and pat is not None and pat.code[:2] == "04":
            # "the two leaders emerged from nearly three hours of talks": who came out of them took part
            t = noun
            if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN":
                t = t.head.head  # "hours of talks"
            if (
                t.dep_ == "pobj"
                and t.head.lower_ in ("from", "of")
                and t.head.head.pos_ == "VERB"
                and t.head.head.lemma_.lower() in ("emerge", "walk", "come")
            ):
                sources, _ = self.subject(t.head.head)
        return sources, targets, pairs


VERBAL = {"01", "02", "03", "04", "05"}
# roots of violence: assault (18), fight (19), mass violence (20)
VIOLENCE = frozenset(("18", "19", "20"))
# verbs by which a body reports what it found (besides the reporting verbs of modality.yml)
REPORT_FINDINGS = frozenset(("conclude", "find", "describe", "determine", "document", "establish"))
# verbs of mutual force: joint subjects act on each other
RECIPROCAL = frozenset(("exchange", "swap", "clash", "skirmish", "trade"))
# nouns of fighting in which both sides act ("were martyred in a clash with militants")
RECIPROCAL_NOUNS = frozenset(
    (
        "clash",
        "skirmish",
        "exchange",
        "fighting",
        "gunfight",
        "firefight",
        "battle",
        "shootout",
        "encounter",
        "gunbattle",
    )
)
# nouns whose infinitive is their holder's own act ("has no plans to strike", "took the decision to close")
INTENT_NOUNS = frozenset(
    (
        "plan",
        "intention",
        "decision",
        "commitment",
        "resolve",
        "bid",
        "attempt",
        "effort",
        "move",
        "step",
    )
)
# roots whose acts fall on individuals the dictionary may not know: release (08), coerce (17), assault (18)
PERSON_ACTS = {"08", "17", "18", "19"}
# one person whose killing is an assassination though the dictionary does not name them
FIGURES = frozenset(
    ("leader", "politician", "lawmaker", "legislator", "mayor", "governor", "judge", "senator", "candidate", "cleric")
)
# nouns of attacks that force can be turned against ("repulsed attacks by militants")
ATTACK_NOUNS = frozenset(("attack", "assault", "raid", "offensive", "incursion", "infiltration", "ambush", "advance"))
# nouns of plans: what they are for is planned, not done ("a timetable for the withdrawal of foreign troops")
PLANS = frozenset(("timetable", "roadmap", "schedule", "timeline", "framework", "blueprint"))
# participles that say whom someone belongs to ("a suspect linked to the IS group")
AFFILIATION = frozenset(("link", "belong", "affiliate", "tie", "associate", "connect"))


def _names_a_document(tok: Any) -> bool:
    """A place name that only names an agreement, convention or process ("the Vienna Convention")."""
    while tok.dep_ == "compound" and tok.head != tok:
        tok = tok.head
        if tok.lemma_.lower() in NAMED_BY_PLACE or tok.lower_ in NAMED_BY_PLACE:
            return True
    return False


def _names_with(verb: Any, pat: Pattern) -> bool:
    """Whether a verb of calling names something with a complement its pattern does not speak of: "called
    the strikes unprecedented" (no pattern word in the label) but not "called the strike a violation"."""
    labels = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp")]
    if not labels:
        return False
    label_words = {t.lemma_.lower() for c in labels for t in (c, *c.children) if t.dep_ != "prep"}
    return not any(w in label_words for w in pat.words)


def _foreign_forces(a: Actor) -> bool:
    """ "foreign troops", "the foreign fighters": no country of the place or story is theirs ("the
    foreign minister" is the story's country's)."""
    return a.role != "GOV" and a.text.lower().startswith(("foreign ", "the foreign "))


def _hyphen_joined(tok: Any) -> bool:
    """A token written onto a hyphen after another word ("Natal" in "KwaZulu-Natal")."""
    if tok.i == 0:
        return False
    prev = tok.nbor(-1)
    hyphen = prev.text in ("-", "\u2010", "\u2011") and not prev.whitespace_
    return hyphen and prev.i > 0 and not prev.nbor(-1).whitespace_


def _unique(events: list[Event]) -> list[Event]:
    """One trigger, one code, the same two actors: one event, however many paths found it. An actor
    named only by a description (no dictionary id) is the same as a named one with its code ("US special
    envoy Zalmay Khalilzad"; "eight people, all of them women and children"). Then one event per act and
    pair of sides (codes) in a sentence: "Sharif and Dar met Muttaqi" is one meeting of Pakistan's government
    with Afghanistan's, the other wording kept in ``extra`` as evidence."""

    def ids(e: Event) -> tuple[str | None, str | None]:
        return e.source.actor_id, e.target.actor_id if e.target else None

    groups: dict[tuple[Any, ...], list[Event]] = {}
    for e in events:
        key = (e.sentence_index, e.trigger, e.pattern, e.cameo, e.source.code, e.target.code if e.target else None)
        groups.setdefault(key, []).append(e)
    keep: set[int] = set()
    for group in groups.values():
        kept: list[Event] = []
        for e in sorted(group, key=lambda x: -sum(i is not None for i in ids(x))):  # named ones first
            s, t = ids(e)
            if not any((s is None or s == ks) and (t is None or t == kt) for ks, kt in map(ids, kept)):
                kept.append(e)
        keep.update(id(e) for e in kept)
    # the same act by the same sides told twice in one sentence ("convicted Hafiz Saeed of financing terrorism
    # and sentenced him", "Trump and Vance berated Zelensky"): one event, the first told
    # and the other wording is kept with it as evidence
    at: dict[tuple[Any, ...], int] = {}
    out: list[Event] = []
    for e in events:
        if id(e) not in keep:
            continue
        act = (e.sentence_index, e.cameo, e.source.code, e.target.code if e.target else None, e.negated)
        if act in at:
            first = out[at[act]]
            told = f"{e.trigger}: {e.source.text} -> {e.target.text if e.target else ''}".rstrip(" ->")
            out[at[act]] = replace(first, extra=(*first.extra, ("also_told_as", told)))
            continue
        at[act] = len(out)
        out.append(e)

    # one trigger read twice, once with a side's country alone and once with its role ("a heated Oval Office
    # meeting between President Trump and President Zelensky": USAGOV>UKR beside USAGOV>UKRGOV): the
    # fuller reading is the event
    def codes(e: Event) -> tuple[str, str]:
        return e.source.code, e.target.code if e.target else ""

    def vaguer(e: Event, f: Event) -> bool:
        (es, et), (fs, ft) = codes(e), codes(f)
        return (es, et) != (fs, ft) and fs.startswith(es) and ft.startswith(et) and bool(et) and len(es) >= 3

    def retold(e: Event, f: Event) -> bool:
        # "arrived in Islamabad ..., the first visit by an Indian foreign minister to Pakistan": one visit, to
        # the government named and to the country
        (es, et), (fs, ft) = codes(e), codes(f)
        return es == fs and len(et) == 3 and len(ft) > 3 and ft.startswith(et) and e.cameo[:2] in VERBAL

    return [
        e
        for e in out
        if not any(
            f is not e
            and (
                (
                    (f.sentence_index, f.trigger, f.pattern, f.cameo, f.negated)
                    == (e.sentence_index, e.trigger, e.pattern, e.cameo, e.negated)
                    and vaguer(e, f)
                )
                or ((f.sentence_index, f.cameo, f.negated) == (e.sentence_index, e.cameo, e.negated) and retold(e, f))
            )
            for f in out
        )
    ]


def _is_casualty_clause(
    verb: Any, coded_roots: dict[int, set[str]], m: Modality, nouns: dict[str, list[Pattern]] | None = None
) -> bool:
    """ "..., killing three policemen": the toll of an attack already coded, not an event of its own."""
    if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.tag_ != "VBG":
        return False
    if nouns and verb.lemma_.lower() in m.casualty_verbs:
        # "carried out a campaign of ethnic cleansing ..., killing thousands": the attack is the verb's object
        objs = [c for c in verb.head.children if c.dep_ == "dobj"]
        objs += [p for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        if any(p.code[:2] in VIOLENCE for o in objs for p in nouns.get(o.lemma_.lower(), ())):
            return True
    if verb.lemma_.lower() == "target" and verb.dep_ == "advcl":
        # "carried out air strikes ... targeting hideouts of the group": what the strikes were aimed at
        return bool(coded_roots.get(verb.head.i, set()) & {"18", "19", "20"})
    if verb.lemma_.lower() not in m.casualty_verbs:
        return False
    if verb.head.lemma_.lower() in m.occupation_verbs:
        return False  # "seized the town of Palma ..., killing dozens of residents": the killing is violence too
    head_roots = coded_roots.get(verb.head.i, set())
    if head_roots & {"14", "15", "17", "18", "19", "20"}:
        return True
    # "a suicide bomber struck a crowd as thousands tried to flee, killing 170": the parser hangs the toll on
    # the nearer verb; it is still the attack's
    return any(roots & {"18", "19", "20"} for i, roots in coded_roots.items() if i < verb.i)


def _is_victims_clause(verb: Any, nouns: dict[str, Any], m: Modality) -> bool:
    """A passive casualty verb whose cause is an event noun: "were killed in the attack"."""
    if verb.lemma_.lower() not in m.casualty_verbs | {"martyr"}:
        return False
    passive = verb.tag_ == "VBN" and (
        verb.dep_ in ("acl", "relcl") or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    )
    if not passive:
        return False
    return any(
        c.dep_ in ("prep", "agent")
        and c.lower_ in ("in", "during", "by")
        and any(p.dep_ == "pobj" and p.lemma_.lower() in nouns for p in c.children)
        for c in verb.children
    )


def _in_adjunct(noun: Any, m: Modality) -> bool:
    """A noun inside "amid ...", "despite ...", "ahead of ...": background, not an event reported here."""
    t = noun
    for _ in range(4):
        if t.head == t:
            return False
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            prep = t.head
            if prep.lower_ in m.background_preps:
                return True
            if prep.lower_ == "of" and prep.head.lower_ in m.background_preps:
                return True  # "ahead of an expected Israeli retaliation"
            if prep.lower_ == "for" and prep.head.lemma_.lower() in ("return", "exchange"):
                return True  # "in return for Taliban security guarantees": what was promised, not done
        t = t.head
    return False


def _inside_place(text: str, m: Match) -> bool:
    """An alias that is part of a longer place name ("Ismail Khan" in "Dera Ismail Khan") is no actor."""
    from khyber.coding.actors import normalize
    from khyber.coding.places import place_words

    names = place_words()
    before = normalize(text[max(0, m.start - 30) : m.start]).split()
    after = normalize(text[m.end : m.end + 30]).split()
    alias = " ".join(normalize(text[m.start : m.end]).split())
    for i in range(1, 3):
        if len(before) >= i and " ".join([*before[-i:], alias]) in names:
            return True
        if len(after) >= i and " ".join([alias, *after[:i]]).rstrip(".,;:") in names:
            return True
    return False


_SCALE = {
    "thousand": 1_000,
    "thousands": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "hundred": 100,
    "hundreds": 100,
}


_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
)
_WORD_NUMBERS = {w: i for i, w in enumerate(_UNITS.split(" "))} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}


def _largest_number(trigger: Any) -> int:
    """The largest number in the trigger's object ("more than 500,000 Afghans", "1.7 million people")."""
    best = 0
    for tok in trigger.subtree:
        if tok.like_num:
            try:
                value = float(tok.text.replace(",", ""))
            except ValueError:
                value = float(_WORD_NUMBERS.get(tok.lower_, 0))  # "one million", "two lakh"
                if not value:
                    continue
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ in _SCALE:
                value *= _SCALE[nxt.lower_]
            best = max(best, int(value))
        elif tok.lower_ in ("thousands", "millions", "lakhs"):
            best = max(best, _SCALE[tok.lower_] * 2)
    return best


def _is_mission(tok: Any) -> bool:
    """An embassy, consulate or high commission: it belongs to the sending state, not to where it stands."""
    lemma = tok.lemma_.lower()
    return lemma in MISSIONS or (lemma == "commission" and any(c.lower_ == "high" for c in tok.children))


def _each_other(verb: Any) -> bool:
    """ "accused each other", "blamed one another", "each accused the other": a reciprocal object."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    objs += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    for o in objs:
        words = {t.lower_ for t in o.subtree}
        if (o.lower_ in ("other", "another") and (words & {"each", "one", "the"})) or (
            o.lower_ == "one" and "another" in words
        ):
            return True
    return False


def _cameo_fields(rec: Any) -> dict[str, Any]:
    """An event's fields that come from its CAMEO code."""
    return {
        "cameo": rec.code,
        "cameo_name": rec.name,
        "quad_class": rec.quad_class,
        "goldstein": rec.goldstein,
        "plover_type": rec.plover_type,
        "plover_mode": rec.plover_mode,
    }


def _tells_custom(sent: Any) -> bool:
    """Whether a sentence says what happens "every evening", "each year", "daily": its present-tense verbs
    tell a custom, not an event."""
    return any(t.lower_ in ("every", "each") and t.head.lemma_.lower() in HABIT_TIMES for t in sent) or any(
        t.lower_ in ("daily", "nightly", "routinely", "habitually") and t.dep_ == "advmod" for t in sent
    )


def _in_background_clause(tok: Any) -> bool:
    """Whether a subject belongs to a clause that only says when or while ("as lawmakers passed the bill")."""
    verb = tok.head
    return (
        tok.dep_ in ("nsubj", "nsubjpass")
        and verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in ("as", "while", "when") for c in verb.children)
    )


def _generic_addressee(verb: Any) -> bool:
    """Whether a call or appeal is addressed to no one in particular: "appealed to the international
    community", "called on the world", "urged donors"."""
    for c in verb.children:
        objs = [c] if c.dep_ in ("dobj", "dative") else []
        if c.dep_ == "prep" and c.lower_ in ("to", "on", "upon"):
            objs = [p for p in c.children if p.dep_ == "pobj"]
        if any(o.pos_ == "NOUN" and o.lemma_.lower() in GENERIC_ADDRESSEES for o in objs):
            return True
    return False


def _under_ultimatum(tok: Any, coded_codes: dict[int, set[str]]) -> bool:
    """Whether a "to ..." clause is what an ultimatum demands ("gave the junta a week to reinstate Bazoum")."""
    if not any(c.tag_ == "TO" for c in tok.children):
        return False
    t = tok
    for _ in range(3):
        if t.dep_ not in ("advcl", "relcl", "acl", "xcomp", "npadvmod", "dobj") or t.head == t:
            return False
        t = t.head
        if "139" in coded_codes.get(t.i, set()):
            return True
    return False


def _is_joint(code: str) -> bool:
    """A code done together: "Pakistan and Afghanistan agreed/met" is each side towards the other."""
    return code[:2] in JOINT or code in JOINT


def _agreed_under(tok: Any, coded_roots: dict[int, set[str]]) -> bool:
    """Whether the verb is what an already coded agreement (03) agreed to do."""
    t = tok
    while t.dep_ == "conj" and t.head != t:
        t = t.head
    gov = t.head
    return t.dep_ == "xcomp" and gov.lemma_.lower() == "agree" and "03" in coded_roots.get(gov.i, set())


def _killed(trigger: Any) -> int:
    """How many people the trigger (or a "killing ..." clause under it) is said to have killed."""
    best = 0
    for t in trigger.subtree:
        if t.lemma_.lower() in ("kill", "massacre", "slaughter") and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    best = max(best, _largest_number(c))
    return best


def _armed(code: str) -> bool:
    """An armed group's code: insurgents, rebels, separatists, radicals, criminals, transnational militants."""
    return code.startswith("IMG") or code[3:6] in FIGHTERS or code[3:6] == "CRM"


def _governing_verb(tok: Any) -> Any | None:
    """The verb a noun is the object of, directly or through one preposition."""
    t = tok
    for _ in range(3):
        if t.dep_ in ("dobj", "attr", "nsubjpass", "pobj", "prep", "conj") and t.head != t:
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        else:
            return None
    return None


def _conjuncts(tok: Any) -> list[Any]:
    out = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    # "Canada, Ukraine, Sweden and Britain demanded": a list the parser starts as an apposition
    stack += [c for c in tok.children if c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(g for g in c.children if g.dep_ == "conj")
    return out
