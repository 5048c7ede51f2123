"""The actor dictionary: states, organisations, groups, people with dated roles, role nouns.

Loaded once per process from ``data/actors/*.yml`` through one schema check (a bad entry raises
:class:`DataError` naming its file and line) and compiled into one Aho-Corasick automaton over
every alias, so matching a text costs one pass whatever the size of the dictionary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import ahocorasick

from khyber.coding.datafiles import LINE, list_files, load_yaml
from khyber.errors import DataError

KINDS = {"state", "igo", "group", "person"}
CODE_RE = re.compile(r"^[A-Z]{3}[A-Z0-9]{0,9}$")
ID_RE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
ROLE_CODES = {
    "GOV",
    "MIL",
    "COP",
    "SPY",
    "JUD",
    "LEG",
    "OPP",
    "REB",
    "INS",
    "SEP",
    "RAD",
    "MED",
    "BUS",
    "CVL",
    "REF",
    "REL",
    "EDU",
    "HLH",
    "LAB",
    "AGR",
    "ELI",
    "NGO",
    "HRI",
    "UAF",
    "CRM",
    "DEV",
    "ENV",
    "MOD",
    "IGO",
    "IMG",
    "UNO",
    "SPO",
    "PTY",
    "SEC",
}


@dataclass(frozen=True, slots=True)
class Role:
    code: str
    title: str
    start: date | None
    end: date | None
    party: str | None = None  # a membership: the code follows the party's standing (government/opposition)

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One named actor of the dictionary."""

    id: str
    name: str
    kind: str
    code: str
    roles: tuple[Role, ...]
    died: date | None
    source: str
    parent: str | None
    where: str
    regional: tuple[tuple[str, str], ...] = ()  # (country, id): what the name means in a story about that country

    @property
    def family(self) -> str:
        """What sort of group: "party", "institution" or "armed" (by the file it comes from), else the kind."""
        if self.kind != "group":
            return self.kind
        if "parties.yml" in self.where:
            return "party"
        if "institutions.yml" in self.where:
            return "institution"
        return "armed"

    def resolve(self, on: date | None) -> tuple[str, str]:
        """The code and title this actor had on a date (today's roles when the date is unknown)."""
        if on is not None and self.died is not None and on > self.died:
            on = self.died
        if on is None:
            current = [r for r in self.roles if r.end is None]
        else:
            current = [r for r in self.roles if r.covers(on)]
        offices = [r for r in current if r.party is None]
        current = offices or current  # an office outranks party membership
        if not current:
            return self.code, ""
        current.sort(key=lambda r: r.start or date.min)
        titles = "; ".join(r.title for r in current if r.title)
        return current[-1].code, titles


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form and what it stands for."""

    surface: str
    kind: str  # entity | capital | metonym | demonym | agent
    entry_id: str | None
    code: str | None  # fixed code for capitals, metonyms, demonyms (country) and agents (role)
    start: date | None = None
    end: date | None = None
    case_sensitive: bool = False

    def valid(self, on: date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    alias: Alias
    alts: tuple[Alias, ...] = ()  # other readings of the same words ("Foreign Office": metonym or role noun)


_FOLD: dict[str, str] = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"'}
for _dash in "-\u2010\u2011\u2012\u2013\u2014\u2212":
    _FOLD[_dash] = " "


@cache
def _fold_char(c: str) -> str:
    if c in _FOLD:
        return _FOLD[c]
    low = c.lower()
    if len(low) != 1:
        low = c
    if not low.isascii():
        base = unicodedata.normalize("NFKD", low)[:1]
        if base and base.isascii():
            return base
    return low


def normalize(text: str, lower: bool = True) -> str:
    """Fold case, accents, quotes and dashes one character for one, so offsets stay valid."""
    if lower:
        return "".join(_fold_char(c) for c in text)
    return "".join(_FOLD.get(c, c) for c in text)


def _key(surface: str) -> str:
    return " ".join(normalize(surface).split())


def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _plurals(noun: str) -> list[str]:
    *head, last = noun.split(" ")
    if not last or not last[-1].isalpha() or last.endswith("s"):
        return []
    if last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
        forms = [last[:-1] + "ies"]
    elif last.endswith(("ch", "sh", "x", "z")):
        forms = [last + "es"]
    elif last.endswith("man"):
        forms = [last[:-3] + "men"]
    else:
        forms = [last + "s"]
    return [" ".join([*head, f]) for f in forms]


def _date(value: Any, where: str, field: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DataError(f"{where}: {field} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _str_list(obj: dict[str, Any], key: str, where: str) -> list[str]:
    v = obj.get(key) or []
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise DataError(f"{where}: {key} must be a list of non-empty strings")
    return [str(x) for x in v]


def _check_code(code: Any, where: str) -> str:
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise DataError(f"{where}: code {code!r} is not a CAMEO-style actor code (e.g. PAKGOV, IGOUNO)")
    return code


_PRIORITY = {"entity": 0, "metonym": 1, "capital": 2, "demonym": 3, "agent": 4}


class ActorDictionary:
    """All actor data, compiled for matching; build it once with :func:`load_dictionary`."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.state_by_iso: dict[str, Entry] = {}
        self.aliases: dict[str, list[Alias]] = {}
        self.agent_roles: dict[str, str] = {}
        # role nouns that name an actor only with a country word in their phrase ("Pakistani commanders")
        self.country_only: set[str] = set()
        self.files: list[str] = []
        self._automaton: Any = None

    # ----- loading -------------------------------------------------------------------------
    def load_path(self, path: Path) -> None:
        """Load a dictionary file from anywhere (user dictionaries, tests)."""
        self.load_file(path)
        self.link_parties()
        self._automaton = None

    def load_file(self, rel: str | Path) -> None:
        data = load_yaml(rel)
        self.files.append(str(rel))
        if data is None:
            return
        if not isinstance(data, list):
            raise DataError(f"{rel}:1: the file must be a YAML list of entries")
        for item in data:
            line = item.get(LINE, "?") if isinstance(item, dict) else "?"
            where = f"{rel}:{line}"
            if not isinstance(item, dict):
                raise DataError(f"{where}: each entry must be a mapping")
            if "role" in item and "nouns" in item:
                self._add_agent(item, where)
            else:
                self._add_entry(item, where)

    def needs_country(self, surface: str) -> bool:
        """A role noun that names an actor only with a country word in its phrase."""
        return _key(surface) in self.country_only

    def _add_agent(self, item: dict[str, Any], where: str) -> None:
        role = item.get("role")
        if role not in ROLE_CODES:
            raise DataError(f"{where}: role {role!r} is not a known CAMEO role code")
        needs = item.get("needs")
        if needs not in (None, "country"):
            raise DataError(f"{where}: needs must be 'country' when given, not {needs!r}")
        for noun in _str_list(item, "nouns", where):
            for form in [noun, *_plurals(noun)]:
                self.agent_roles.setdefault(_key(form), str(role))
                self._alias(Alias(form, "agent", None, str(role)))
                if needs == "country":
                    self.country_only.add(_key(form))

    def _add_entry(self, item: dict[str, Any], where: str) -> None:
        unknown = set(item) - {
            LINE,
            "id",
            "name",
            "kind",
            "code",
            "aliases",
            "roles",
            "died",
            "source",
            "parent",
            "demonyms",
            "capital",
            "metonyms",
            "notes",
            "title",
            "regional",
        }
        if unknown:
            raise DataError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        eid = item.get("id")
        if not isinstance(eid, str) or not ID_RE.match(eid):
            raise DataError(f"{where}: id {eid!r} must be a lowercase slug like 'ishaq_dar'")
        if eid in self.entries:
            raise DataError(f"{where}: id {eid!r} already defined at {self.entries[eid].where}")
        kind = item.get("kind")
        if kind not in KINDS:
            raise DataError(f"{where}: kind {kind!r} must be one of {', '.join(sorted(KINDS))}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise DataError(f"{where}: name is missing")
        source = item.get("source")
        if not isinstance(source, str) or not source.strip():
            raise DataError(f"{where}: source is missing (say where the facts come from)")
        code = _check_code(item.get("code"), where)
        roles: list[Role] = []
        for r in item.get("roles") or []:
            rw = f"{where.rsplit(':', 1)[0]}:{r.get(LINE, '?')}" if isinstance(r, dict) else where
            if not isinstance(r, dict):
                raise DataError(f"{rw}: each role must be a mapping with code, from, to")
            party = r.get("party")
            if party is not None and (not isinstance(party, str) or "code" in r):
                raise DataError(f"{rw}: a party membership names the party's id and no code")
            role = Role(
                code=_check_code(r.get("code"), rw) if party is None else "",
                title=str(r.get("title") or ""),
                start=_date(r.get("from"), rw, "from"),
                end=_date(r.get("to"), rw, "to"),
                party=party,
            )
            if role.start and role.end and role.end < role.start:
                raise DataError(f"{rw}: role ends ({role.end}) before it starts ({role.start})")
            roles.append(role)
        entry = Entry(
            id=eid,
            name=name.strip(),
            kind=str(kind),
            code=code,
            roles=tuple(roles),
            died=_date(item.get("died"), where, "died"),
            source=source.strip(),
            parent=item.get("parent"),
            where=where,
            regional=tuple((str(k), str(v)) for k, v in (item.get("regional") or {}).items() if k != LINE),
        )
        self.entries[eid] = entry
        aliases = _str_list(item, "aliases", where)
        if name not in aliases:
            aliases.insert(0, name)
        for a in aliases:
            self._alias(Alias(a, "entity", eid, None, case_sensitive=_is_acronym(a)))
        if kind == "state":
            iso = code[:3]
            self.state_by_iso.setdefault(iso, entry)
            for d in _str_list(item, "demonyms", where):
                self._alias(Alias(d, "demonym", eid, iso))
            cap = item.get("capital")
            if isinstance(cap, str) and cap.strip():
                self._alias(Alias(cap.strip(), "capital", eid, iso + "GOV"))
            for m in item.get("metonyms") or []:
                mw = f"{where.rsplit(':', 1)[0]}:{m.get(LINE, '?')}" if isinstance(m, dict) else where
                if not isinstance(m, dict) or not isinstance(m.get("text"), str):
                    raise DataError(f"{mw}: a metonym needs text and code")
                self._alias(
                    Alias(
                        m["text"],
                        "metonym",
                        eid,
                        _check_code(m.get("code"), mw),
                        _date(m.get("from"), mw, "from"),
                        _date(m.get("to"), mw, "to"),
                        case_sensitive=_is_acronym(m["text"]),
                    )
                )

    def link_parties(self) -> None:
        """Turn each party membership into dated roles carrying the party's code in each period: a
        PPP leader out of office is PAKGOV while the PPP governs and PAKOPP when it does not."""
        for eid, entry in list(self.entries.items()):
            if not any(r.party for r in entry.roles):
                continue
            roles: list[Role] = []
            for r in entry.roles:
                if r.party is None:
                    roles.append(r)
                    continue
                party = self.entries.get(r.party)
                if party is None or party.family not in ("party", "armed", "institution"):
                    raise DataError(f"{entry.where}: party {r.party!r} is not a known party or group id")
                roles.extend(_party_periods(r, party))
            self.entries[eid] = replace(entry, roles=tuple(roles))

    def _alias(self, alias: Alias) -> None:
        k = _key(alias.surface)
        if not k:
            return
        lst = self.aliases.setdefault(k, [])
        if any(a.entry_id == alias.entry_id and a.kind == alias.kind and a.code == alias.code for a in lst):
            return
        lst.append(alias)
        lst.sort(key=lambda a: _PRIORITY[a.kind])

    def compile(self) -> None:
        auto = ahocorasick.Automaton()
        for k in self.aliases:
            auto.add_word(k, k)
        auto.make_automaton()
        self._automaton = auto

    # ----- matching ------------------------------------------------------------------------
    def find(self, text: str, on: date | None = None) -> list[Match]:
        """Longest, leftmost, non-overlapping alias matches on word boundaries."""
        if self._automaton is None:
            self.compile()
        norm = normalize(text)
        exact = None
        cands: list[tuple[int, int, list[Alias]]] = []
        for end_idx, key in self._automaton.iter(norm):
            end = end_idx + 1
            start = end - len(key)
            if start > 0 and norm[start - 1].isalnum():
                continue
            if end < len(norm) and norm[end].isalnum():
                continue
            ok: list[Alias] = []
            for alias in self.aliases[key]:
                if alias.case_sensitive:
                    if exact is None:
                        exact = normalize(text, lower=False)
                    if " ".join(exact[start:end].split()) != " ".join(normalize(alias.surface, False).split()):
                        continue
                if alias.kind in ("metonym",) and not alias.valid(on):
                    continue
                ok.append(alias)
            if ok:
                cands.append((start, end, ok))
        cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        out: list[Match] = []
        last_end = -1
        for start, end, readings in cands:
            if start >= last_end:
                out.append(Match(start, end, readings[0], tuple(readings[1:])))
                last_end = end
        return out

    def has_any(self, text: str) -> bool:
        return bool(self.find(text))

    # ----- look-ups ------------------------------------------------------------------------
    def lookup(self, name: str, on: date | None = None) -> list[dict[str, Any]]:
        """How a name resolves on a date: one row per thing it may stand for."""
        rows: list[dict[str, Any]] = []
        for alias in self.aliases.get(_key(name), []):
            rows.extend(self._describe(alias, on))
        return rows

    def _describe(self, alias: Alias, on: date | None) -> Iterator[dict[str, Any]]:
        entry = self.entries.get(alias.entry_id or "")
        if alias.kind == "agent":
            yield {
                "id": None,
                "name": alias.surface,
                "kind": "role noun",
                "code": alias.code,
                "title": "generic role; country from context",
                "from": None,
                "to": None,
                "source": "",
            }
            return
        if entry is None:
            return
        if alias.kind == "entity":
            code, title = entry.resolve(on)
            role = self._role_on(entry, on)
            yield {
                "id": entry.id,
                "name": entry.name,
                "kind": entry.kind,
                "code": code,
                "title": title,
                "from": role.start if role else None,
                "to": role.end if role else None,
                "source": entry.source,
            }
        elif alias.kind == "demonym":
            yield {
                "id": entry.id,
                "name": entry.name,
                "kind": "demonym",
                "code": alias.code,
                "title": "country adjective",
                "from": None,
                "to": None,
                "source": entry.source,
            }
        else:
            ok = alias.valid(on) if alias.kind == "metonym" else True
            if ok:
                yield {
                    "id": entry.id,
                    "name": entry.name,
                    "kind": alias.kind,
                    "code": alias.code,
                    "title": f"{alias.surface} stands for {alias.code}",
                    "from": alias.start,
                    "to": alias.end,
                    "source": entry.source,
                }

    @staticmethod
    def _role_on(entry: Entry, on: date | None) -> Role | None:
        roles = [r for r in entry.roles if (r.covers(on) if on else r.end is None)]
        return max(roles, key=lambda r: r.start or date.min) if roles else None

    def country_name(self, iso: str) -> str:
        e = self.state_by_iso.get(iso)
        return e.name if e else iso


@cache
def _party_periods(member: Role, party: Entry) -> list[Role]:
    """A membership cut where the party's own roles start or end, each piece with the party's code."""
    lo = member.start or date.min
    hi = member.end or date.max
    cuts = {lo}
    for pr in party.roles:
        if pr.start and lo < pr.start <= hi:
            cuts.add(pr.start)
        if pr.end and lo <= pr.end < hi:
            cuts.add(pr.end + timedelta(days=1))
    points = sorted(cuts)
    out: list[Role] = []
    for i, start in enumerate(points):
        end = points[i + 1] - timedelta(days=1) if i + 1 < len(points) else hi
        code, title = party.resolve(start if start != date.min else (end if end != date.max else None))
        piece = Role(
            code=code,
            title="; ".join(t for t in (member.title, f"{party.name}: {title}" if title else party.name) if t),
            start=None if start == date.min else start,
            end=None if end == date.max else end,
            party=party.id,
        )
        if out and out[-1].code == piece.code:
            out[-1] = replace(out[-1], end=piece.end)
        else:
            out.append(piece)
    return out


def load_dictionary() -> ActorDictionary:
    """Every file under ``data/actors/``, checked and compiled; cached per process."""
    d = ActorDictionary()
    files = list_files("actors")
    if not files:
        raise DataError("data/actors/ has no .yml files")
    for rel in files:
        d.load_file(rel)
    d.link_parties()
    for e in d.entries.values():
        if e.parent and e.parent not in d.entries:
            raise DataError(f"{e.where}: parent {e.parent!r} is not a known id")
        for _c, rid in e.regional:
            if rid not in d.entries:
                raise DataError(f"{e.where}: regional id {rid!r} is not a known id")
    d.compile()
    return d
