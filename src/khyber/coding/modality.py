"""Negation, modality, conditionals and announced intent, read off the dependency parse.

Events are never dropped for these: they are flagged, and the dyad index leaves flagged events out
by default. The word lists are data (``data/patterns/modality.yml``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from khyber.coding.datafiles import LINE, load_yaml
from khyber.errors import DataError

# dependencies that link a word to the clause or phrase that governs it
_GOVERNING = {
    "nmod",
    "xcomp",
    "ccomp",
    "advcl",
    "acl",
    "relcl",
    "dobj",
    "pobj",
    "prep",
    "pcomp",
    "nsubj",
    "nsubjpass",
    "attr",
    "conj",
    "appos",
    "oprd",
    "acomp",
    "dative",
    "npadvmod",
    "compound",
}
_STOP_AT = {"relcl"}  # a relative clause does not inherit its noun's modality


@dataclass(frozen=True)
class Modality:
    negators: frozenset[str]
    negating_governors: frozenset[str]
    modals: frozenset[str]
    hypothetical_governors: frozenset[str]
    conditionals: frozenset[str]
    intent_aux: frozenset[str]
    intent_governors: frozenset[str]
    reporting: frozenset[str]
    installations: frozenset[str]
    sports: frozenset[str]
    casualty_verbs: frozenset[str]
    background_preps: frozenset[str]
    refugee_words: frozenset[str]
    light_verbs: frozenset[str]
    civilian_roles: frozenset[str]
    mass_codes: dict[str, str]
    command_governors: frozenset[str] = frozenset()
    mass_killing_threshold: int = 0
    mass_killing_codes: frozenset[str] = frozenset()
    small_arms_words: tuple[str, ...] = ()
    melee_words: tuple[str, ...] = ()
    warning_verbs: frozenset[str] = frozenset()
    threat_words: frozenset[str] = frozenset()
    occupation_verbs: frozenset[str] = frozenset()
    territory_words: frozenset[str] = frozenset()
    patient_nouns: frozenset[str] = frozenset()
    home_codes: frozenset[str] = frozenset()
    occurrence_verbs: frozenset[str] = frozenset()
    departure_nouns: frozenset[str] = frozenset()
    commentators: frozenset[str] = frozenset()
    threatened_force: frozenset[str] = frozenset()
    readiness_words: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    truth_negators: frozenset[str] = frozenset()
    accusing_verbs: frozenset[str] = frozenset()
    cancelling_verbs: frozenset[str] = frozenset()
    cause_nouns: frozenset[str] = frozenset()
    intent_codes: dict[str, str] = field(default_factory=dict)  # act code (or prefix) -> intent code (03)
    lemma_fixes: dict[str, str] = field(default_factory=dict)  # word (lower case) -> the lemma to code it by
    installation_roles: dict[str, str] = field(default_factory=dict)  # word -> role


OPTIONAL_WORDS = (
    "command_governors",
    "warning_verbs",
    "threat_words",
    "occupation_verbs",
    "territory_words",
    "patient_nouns",
    "occurrence_verbs",
    "departure_nouns",
    "commentators",
    "threatened_force",
    "readiness_words",
    "claim_nouns",
    "truth_negators",
    "accusing_verbs",
    "cancelling_verbs",
    "cause_nouns",
)
OPTIONAL_CODES = ("mass_killing_codes", "home_codes")


@cache
def load_modality() -> Modality:
    rel = "patterns/modality.yml"
    d = load_yaml(rel)
    keys = [
        "negators",
        "negating_governors",
        "modals",
        "hypothetical_governors",
        "conditionals",
        "intent_aux",
        "intent_governors",
        "reporting",
        "installations",
        "sports",
        "casualty_verbs",
        "background_preps",
        "refugee_words",
        "light_verbs",
    ]
    if not isinstance(d, dict) or any(not isinstance(d.get(k), list) for k in keys):
        raise DataError(f"{rel}:1: needs lists {', '.join(keys)}")
    sets: dict[str, Any] = {k: frozenset(str(x).lower() for x in d[k]) for k in keys}
    sets["civilian_roles"] = frozenset(str(x).upper() for x in d.get("civilian_roles") or [])
    for k in OPTIONAL_WORDS:  # word lists that may be absent: lower-cased, as the tokens they are matched to
        sets[k] = frozenset(str(x).lower() for x in d.get(k) or [])
    for k in OPTIONAL_CODES:
        sets[k] = frozenset(str(x) for x in d.get(k) or [])
    sets["mass_killing_threshold"] = int(d.get("mass_killing_threshold") or 0)
    sets["small_arms_words"] = tuple(str(x).lower() for x in d.get("small_arms_words") or [])
    sets["melee_words"] = tuple(str(x).lower() for x in d.get("melee_words") or [])
    roles = d.get("installation_roles") or {}
    sets["installation_roles"] = {
        str(w).lower(): str(r).upper() for r, ws in roles.items() if r != LINE for w in (ws or [])
    }
    fixes = d.get("lemma_fixes") or {}
    sets["lemma_fixes"] = {str(k).lower(): str(v).lower() for k, v in fixes.items() if k != LINE}
    intents = d.get("intent_codes") or {}
    sets["intent_codes"] = {str(k): str(v) for k, v in intents.items() if k != LINE}
    mass = d.get("mass_codes") or {}
    sets["mass_codes"] = {str(k): str(v) for k, v in mass.items() if k != LINE}
    d.pop(LINE, None)
    return Modality(**sets)


@dataclass(frozen=True, slots=True)
class Flags:
    negated: bool
    hypothetical: bool
    intent: bool


def _has_neg(tok: Any, m: Modality) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
            return True
        if c.dep_ in ("advmod", "preconj") and c.lower_ in m.negators:
            return True
    return False


def _aux(tok: Any) -> list[str]:
    return [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]


def flags_for(trigger: Any, m: Modality | None = None) -> Flags:
    """Walk from the trigger up through the clauses and phrases that govern it."""
    m = m or load_modality()
    negated = _has_neg(trigger, m)
    hypothetical = any(a in m.modals for a in _aux(trigger))
    intent = any(a in m.intent_aux for a in _aux(trigger))
    if any(c.dep_ == "mark" and c.lower_ in m.conditionals for c in trigger.children):
        hypothetical = True
    tok, depth = trigger, 0
    claim = False  # inside "reports that ...": only a denial of the claim negates it, not "declined to comment"
    while tok.head != tok and depth < 8 and tok.dep_ in _GOVERNING and tok.dep_ not in _STOP_AT:
        via = tok.dep_
        if via == "prep" and tok.lower_ in m.background_preps:
            break  # "agreed ... after talks mediated by Qatar": the talks are background fact, not the agreement's
        if (
            via == "prep"
            and depth == 1
            and trigger.pos_ == "NOUN"
            and trigger.dep_ == "pobj"
            and tok.lower_ in ("in", "during", "over")
        ):
            break  # "agreed in a telephone call to de-escalate": the call happened, whatever was agreed in it
        tok = tok.head
        depth += 1
        lemma = tok.lemma_.lower()
        if via == "prep" and tok.pos_ == "NOUN" and lemma in m.cause_nouns:
            break  # "ordered them to leave in retaliation for US sanctions": the sanctions happened
        aux = _aux(tok)
        if via in ("nsubj", "nsubjpass") and _has_neg(tok, m) and (lemma in m.occurrence_verbs or via == "nsubjpass"):
            negated = True  # "the exemption had not been granted", "no such talks took place"
        if via == "nsubjpass" and lemma in m.cancelling_verbs:
            negated = True  # "the visit was postponed": it did not take place
        if via in ("nsubj", "nsubjpass"):
            # "talks ... are unlikely to succeed": the subject's clause carries the modality
            hypothetical |= any(a in m.modals for a in aux)
            hypothetical |= any(c.dep_ == "mark" and c.lower_ in m.conditionals for c in tok.children)
            hypothetical |= any(
                c.lemma_.lower() in m.hypothetical_governors for c in tok.children if c.dep_ in ("acomp", "xcomp")
            )
            break
        if via == "conj":
            # coordinated verbs share auxiliaries written once: "should urge and press"
            hypothetical |= any(a in m.modals for a in aux)
            continue
        if via == "acl" and tok.pos_ == "NOUN" and lemma in m.claim_nouns:
            claim = True
        if (
            lemma in m.negating_governors
            and (not claim or lemma in m.truth_negators)
            and via != "advcl"
            and not (via == "ccomp" and trigger.dep_ == "advcl" and trigger.tag_ == "VBG")
        ):
            # "denied that strikes took place": negated; "denied ..., describing the claim as an illusion":
            # the denier's own act
            negated = True
        if lemma in m.accusing_verbs and via == "prep":
            hypothetical = True  # "accused Pakistan of violating the ceasefire": alleged, not reported as done
        if lemma in m.intent_governors and via in ("xcomp", "ccomp", "prep", "pobj", "acl"):
            intent = True
            hypothetical = True
        elif lemma in m.hypothetical_governors and via in (
            "xcomp",
            "ccomp",
            "prep",
            "pobj",
            "acl",
            "dobj",
            "advcl",
            "pcomp",
            "oprd",
        ):
            hypothetical = True
        if any(a in m.modals for a in aux):
            hypothetical = True
        if any(a in m.intent_aux for a in aux) and via in ("xcomp", "ccomp", "dobj", "pobj", "prep", "acl"):
            intent = True
            hypothetical = True
        if any(c.dep_ == "mark" and c.lower_ in m.conditionals for c in tok.children):
            hypothetical = True
        if (
            via in ("dobj", "pobj", "prep", "compound", "attr")
            and _has_neg(tok, m)
            and tok.pos_ in ("VERB", "AUX")
            # "did not hold talks": the talks did not happen; "never condemned the attacks": the attacks did
            and not (via == "dobj" and trigger.pos_ == "NOUN" and lemma not in m.light_verbs and depth == 1)
        ):
            negated = True
        if via == "acl" and tok.pos_ == "NOUN" and _has_neg(tok, m):
            negated = True  # "no plans to carry out strikes", "no intention to attend"
        if via == "ccomp" and lemma in m.reporting:
            # reported speech: "officials said X happened" keeps X factual
            break
    if intent:
        hypothetical = True
    return Flags(negated=negated, hypothetical=hypothetical, intent=intent)
