"""Load and compile the event trigger lexicon (src/shiju/data/events/*.yaml).

The lexicon is immutable once built and is shared through ``ctx.resource("events.lexicon", ...)``.
Bad data raises :class:`LexiconError` naming the file and the entry at fault.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from shiju.data import data_path, load_yaml
from shiju.text.regex_gate import required_literals
from shiju.text.words import words

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
FRAMES = ("meet", "host", "visit", "directed", "reciprocal", "self", "allege")
COMPLEMENTS = ("request", "reject", "threaten", "agree", "invite", "suspend", "postpone")


class LexiconError(ValueError):
    """A data file of the event lexicon is malformed."""


@dataclass(frozen=True)
class Trigger:
    key: str  # the literal or the regex source, for messages and tests
    type: str
    frame: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    pos: str = "verb"  # verb / noun / both
    complement: str | None = None
    needs_complement: bool = False
    implicit_recipient: str | None = None
    threat_mode: str | None = None
    object: tuple[str, ...] = ()
    object_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()  # right after the trigger: part of a longer word (轰炸机, 反对派)
    not_object: tuple[str, ...] = ()  # within the object window: another sense (打击 犯罪)
    light_verbs: tuple[str, ...] = ()
    keeps_subject: bool = False  # 召见 X 表示抗议: X is not the subject of 抗议
    partner_is_recipient: bool = False  # 与 X 断交: X is the recipient
    subject_pays: bool = False  # X表示，Y将付出代价: the subject suffers, the speaker threatens
    single_type: str | None = None  # type when only one country takes part
    civil_type: str | None = None  # type when the subject is ordinary people (抗议 → PROTEST)
    targeted_type: str | None = None  # type when aimed at an actor (发射 at a country → ASSAULT)
    foreign_type: str | None = None  # type when aimed at another state (禁止外国公民入境 → SANCTION)
    own_act_type: str | None = None  # type when what is regretted is the speaker's own mishap (→ CONCEDE)
    regex: Any = None  # compiled pattern for `re:` entries


@dataclass(frozen=True)
class TypeInfo:
    name: str
    cameo: str
    quad: int
    intensity: float
    requires_recipient: bool
    modes: dict[str, float]
    description: str


@dataclass
class Lexicon:
    triggers: list[Trigger]
    types: dict[str, TypeInfo]
    mode_cameo: dict[str, dict[str, str]]
    context_words: dict[str, tuple[str, ...]]
    cues: dict[str, Any]
    complement_modes: dict[str, dict[str, tuple[str | None, str | None]]]
    # literal triggers indexed by first character, longest first
    _by_first: dict[str, list[tuple[str, Trigger]]] = field(default_factory=dict, repr=False)
    _regex: list[Trigger] = field(default_factory=list, repr=False)
    _first_re: Any = field(default=None, repr=False)  # (automaton of all literals, their triggers), built on use
    _regex_first: list[tuple[Trigger, frozenset[str] | None]] = field(default_factory=list, repr=False)
    _by_first2: dict[str, list[tuple[str, Trigger]]] = field(default_factory=dict, repr=False)
    _by_first1: dict[str, Trigger] = field(default_factory=dict, repr=False)  # one-character literals
    _regex_gate: Any = field(default=None, repr=False)  # (Words of required literals, [(trigger, first, required)])
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)  # see derived()

    def derived(self, name: str, build: Callable[["Lexicon"], Any]) -> Any:
        """What ``build(self)`` compiles from the cue lists (word sets, patterns), built on first use and
        kept with the lexicon: its data never changes once loaded, so the coder need not rebuild (or hash)
        the same lists for every trigger. ``name`` identifies the builder."""
        hit = self._derived.get(name)
        if hit is None:
            hit = self._derived[name] = build(self)
        return hit

    def cue(self, group: str, name: str) -> Any:
        return self.cues[group][name]

    def intensity(self, type_: str, mode: str | None) -> float:
        info = self.types[type_]
        if mode and mode in info.modes:
            return float(info.modes[mode])
        return float(info.intensity)

    def cameo(self, type_: str, mode: str | None, trigger: Trigger | None = None) -> str:
        if trigger is not None and trigger.cameo and trigger.type == type_:
            return trigger.cameo
        by_mode = self.mode_cameo.get(type_, {})
        if mode and mode in by_mode:
            return by_mode[mode]
        return self.types[type_].cameo

    def find(self, text: str) -> list[tuple[int, int, Trigger]]:
        """All trigger matches in ``text``, non-overlapping: leftmost first, then longest."""
        if self._first_re is None:
            # every literal in one Aho-Corasick automaton (Rust): all occurrences, overlapping ones too, in
            # one call; the longest literal at each start is kept below
            import ahocorasick_rs as ac

            lits = {w: t for lst in self._by_first.values() for w, t in lst}
            keys = list(lits)
            self._first_re = (ac.AhoCorasick(keys, matchkind=ac.MatchKind.Standard) if keys else None,
                              [lits[w] for w in keys])
        lit_ac, lit_trigs = self._first_re
        longest: dict[int, tuple[int, int]] = {}  # start -> (end, literal index): the longest literal there
        if lit_ac is not None:
            for i, s, e in lit_ac.find_matches_as_indexes(text, overlapping=True):
                if s not in longest or e > longest[s][0]:
                    longest[s] = (e, i)
        cands: list[tuple[int, int, Trigger]] = [(s, e, lit_trigs[i]) for s, (e, i) in longest.items()]
        if self._regex_gate is None:
            req = [_required_literals(t.key) for t, _ in self._regex_first]
            by_lit: dict[str, list[int]] = {}
            for k, r in enumerate(req):
                for x in r or ():
                    by_lit.setdefault(x, []).append(k)
            always = [k for k, r in enumerate(req) if r is None]
            firsts = [re.compile("[" + "".join(map(re.escape, sorted(f))) + "]") if f and r is None else None
                      for (_, f), r in zip(self._regex_first, req)]
            self._regex_gate = (words(by_lit), by_lit, always, firsts)
        gate, by_lit, always, firsts = self._regex_gate
        # the patterns that can match: one of the literals each needs occurs (one scan of the text for
        # all of them), or it needs none and a character it can start with occurs; in lexicon order
        run = set(always)
        for x in gate.present(text):
            run.update(by_lit[x])
        for k in sorted(run):
            trig = self._regex_first[k][0]
            if firsts[k] is not None and firsts[k].search(text) is None:
                continue  # no character this pattern can start with occurs in the text
            for m in trig.regex.finditer(text):
                cands.append((m.start(), m.end(), trig))
        cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        out: list[tuple[int, int, Trigger]] = []
        end = -1
        for s, e, t in cands:
            if s >= end:
                out.append((s, e, t))
                end = e
        return out


@functools.lru_cache(maxsize=256)
def _gate(pattern: str) -> Any:
    req = _required_literals(pattern)
    return words(req) if req else None


def may_match(pattern: str, text: str) -> bool:
    """False when ``pattern`` certainly has no match in ``text``: none of the literals every match of it
    contains occurs (one scan). A cheap test before running a slow-to-fail pattern over a text."""
    gate = _gate(pattern)
    return gate is None or gate.find_from(text) is not None


# (moved to shiju.text.regex_gate, where the relations stage uses it too)
_required_literals = required_literals


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when that is not simply known
    (an optional or class-free start). Lets find() skip patterns that cannot match a sentence."""
    try:
        import re._parser as sre_parse  # Python ≥ 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    from re._constants import ASSERT_NOT, AT, BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN

    def first(items: Any) -> set[str] | None:
        items = list(items)
        for k, (op, av) in enumerate(items):
            if op in (ASSERT_NOT, AT):
                continue  # zero-width: look at the next item
            if op == LITERAL:
                return {chr(av)}
            if op == IN:
                out = set()
                for iop, iav in av:
                    if iop != LITERAL:
                        return None
                    out.add(chr(iav))
                return out
            if op == SUBPATTERN:
                return first(av[-1])
            if op == BRANCH:
                out = set()
                for alt in av[1]:
                    f = first(alt)
                    if f is None:
                        return None
                    out |= f
                return out
            if op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
                return first(av[2])
            if op in (MAX_REPEAT, MIN_REPEAT):  # optional: it or what follows it starts the match
                a, b = first(av[2]), first(items[k + 1:])
                return None if a is None or b is None else a | b
            return None
        return None

    try:
        f = first(sre_parse.parse(pattern))
    except Exception:  # unknown construct: always run the pattern
        return None
    return frozenset(f) if f else None


def _tuple(v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    return tuple(str(x) for x in v)


def _err(path: str, msg: str) -> LexiconError:
    return LexiconError(f"{path}: {msg}")


def build_lexicon(data_dir: str | None = None) -> Lexicon:
    """Read types.yaml, triggers.yaml and cues.yaml and validate them."""
    tpath = str(data_path("events", "types.yaml", data_dir=data_dir))
    gpath = str(data_path("events", "triggers.yaml", data_dir=data_dir))
    cpath = str(data_path("events", "cues.yaml", data_dir=data_dir))
    try:
        tdata = load_yaml("events", "types.yaml", data_dir=data_dir)
        gdata = load_yaml("events", "triggers.yaml", data_dir=data_dir)
        cdata = load_yaml("events", "cues.yaml", data_dir=data_dir)
    except FileNotFoundError as e:
        raise LexiconError(f"event lexicon file missing: {e.filename}") from e
    except Exception as e:  # yaml errors carry line numbers; keep them
        raise LexiconError(f"event lexicon unreadable: {e}") from e

    if not isinstance(tdata, dict) or not isinstance(tdata.get("types"), dict):
        raise _err(tpath, "expected a mapping with a `types:` mapping")
    types: dict[str, TypeInfo] = {}
    for name, d in tdata["types"].items():
        if name not in PLOVER_TYPES:
            raise _err(tpath, f"unknown PLOVER type {name!r}")
        try:
            types[name] = TypeInfo(
                name=name,
                cameo=str(d["cameo"]),
                quad=int(d["quad"]),
                intensity=float(d["intensity"]),
                requires_recipient=bool(d.get("requires_recipient", False)),
                modes={str(k): float(v) for k, v in (d.get("modes") or {}).items()},
                description=str(d.get("description", "")),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise _err(tpath, f"type {name}: missing or bad field ({e})") from e
    missing = set(PLOVER_TYPES) - set(types)
    if missing:
        raise _err(tpath, f"types missing: {', '.join(sorted(missing))}")

    entries = gdata.get("triggers") if isinstance(gdata, dict) else None
    if not isinstance(entries, list):
        raise _err(gpath, "expected a mapping with a `triggers:` list")
    triggers: list[Trigger] = []
    for n, d in enumerate(entries, 1):
        if not isinstance(d, dict):
            raise _err(gpath, f"trigger #{n} is not a mapping")
        key = d.get("zh") or d.get("re")
        where = f"trigger #{n} ({key!r})"
        if not key:
            raise _err(gpath, f"{where}: needs `zh:` or `re:`")
        if d.get("type") not in types:
            raise _err(gpath, f"{where}: unknown type {d.get('type')!r}")
        if d.get("frame") not in FRAMES:
            raise _err(gpath, f"{where}: unknown frame {d.get('frame')!r} (known: {', '.join(FRAMES)})")
        mode = d.get("mode")
        if mode is not None and mode not in types[d["type"]].modes:
            raise _err(gpath, f"{where}: mode {mode!r} is not a {d['type']} mode")
        comp = d.get("complement")
        if comp is not None and comp not in COMPLEMENTS:
            raise _err(gpath, f"{where}: unknown complement {comp!r}")
        for f in ("civil_type", "targeted_type", "single_type", "foreign_type", "own_act_type"):
            if d.get(f) is not None and d[f] not in types:
                raise _err(gpath, f"{where}: {f} {d[f]!r} is not a PLOVER type")
        if d.get("pos", "verb") not in ("verb", "noun", "both"):
            raise _err(gpath, f"{where}: pos must be verb, noun or both")
        regex = None
        if d.get("re"):
            try:
                regex = re.compile(d["re"])
            except re.error as e:
                raise _err(gpath, f"{where}: bad regex ({e})") from e
        triggers.append(
            Trigger(
                key=str(key),
                type=d["type"],
                frame=d["frame"],
                mode=mode,
                context=_tuple(d.get("context")),
                cameo=str(d["cameo"]) if d.get("cameo") else None,
                pos=d.get("pos", "verb"),
                complement=comp,
                needs_complement=bool(d.get("needs_complement", False)),
                implicit_recipient=d.get("implicit_recipient"),
                threat_mode=d.get("threat_mode"),
                object=_tuple(d.get("object")),
                object_before=_tuple(d.get("object_before")),
                not_after=_tuple(d.get("not_after")),
                not_before=_tuple(d.get("not_before")),
                not_object=_tuple(d.get("not_object")),
                light_verbs=_tuple(d.get("light_verbs")),
                civil_type=d.get("civil_type"),
                keeps_subject=bool(d.get("keeps_subject", False)),
                partner_is_recipient=bool(d.get("partner_is_recipient", False)),
                subject_pays=bool(d.get("subject_pays", False)),
                single_type=d.get("single_type"),
                targeted_type=d.get("targeted_type"),
                foreign_type=d.get("foreign_type"),
                own_act_type=d.get("own_act_type"),
                regex=regex,
            )
        )

    if not isinstance(cdata, dict):
        raise _err(cpath, "expected a mapping")
    for group, names in {
        "modality": ("negation", "exceptions", "conditional", "hypothetical", "future", "historical"),
        "arguments": ("recipient_markers", "comitative_markers", "coordinators", "passive_markers",
                      "venue_markers", "title_words"),
        "guards": ("light_verbs", "topic_suffixes", "reference_prefixes", "reporting_open",
                   "reporting_close", "seminar_words", "speech_verbs"),
    }.items():
        if not isinstance(cdata.get(group), dict):
            raise _err(cpath, f"missing `{group}:` mapping")
        for nm in names:
            if nm not in cdata[group]:
                raise _err(cpath, f"missing `{group}.{nm}`")
    comp_modes: dict[str, dict[str, tuple[str | None, str | None]]] = {}
    for comp, table in (cdata.get("complement_modes") or {}).items():
        comp_modes[comp] = {}
        for emb, pair in table.items():
            if not isinstance(pair, list) or len(pair) != 2:
                raise _err(cpath, f"complement_modes.{comp}.{emb}: expected [TYPE, mode]")
            if pair[0] is not None and pair[0] not in types:
                raise _err(cpath, f"complement_modes.{comp}.{emb}: unknown type {pair[0]!r}")
            comp_modes[comp][str(emb)] = (pair[0], pair[1])
    for comp in COMPLEMENTS:
        if comp not in comp_modes:
            raise _err(cpath, f"complement_modes lacks `{comp}`")

    lex = Lexicon(
        triggers=triggers,
        types=types,
        mode_cameo={k: {str(m): str(c) for m, c in v.items()} for k, v in (tdata.get("mode_cameo") or {}).items()},
        context_words={k: _tuple(v) for k, v in (tdata.get("context_words") or {}).items()},
        cues=cdata,
        complement_modes=comp_modes,
    )
    seen: dict[str, str] = {}
    for t in triggers:
        if t.regex is not None:
            lex._regex.append(t)
            lex._regex_first.append((t, _first_chars(t.key)))
            continue
        if t.key in seen:
            raise _err(gpath, f"trigger {t.key!r} is listed twice")
        seen[t.key] = t.type
        lex._by_first.setdefault(t.key[0], []).append((t.key, t))
    for lst in lex._by_first.values():
        lst.sort(key=lambda x: -len(x[0]))
        for word, trig in lst:
            if len(word) >= 2:
                lex._by_first2.setdefault(word[:2], []).append((word, trig))  # stays longest first
            else:
                lex._by_first1[word] = trig
    return lex


def get_lexicon(ctx: Any) -> Lexicon:
    """The lexicon for this analysis context (built once per context)."""
    data_dir = getattr(ctx, "data_dir", None)
    return ctx.resource("events.lexicon", lambda: build_lexicon(data_dir))
