"""Load the actor gazetteer (``data/actors/*.yaml``) and compile it for matching.

The gazetteer files are reviewable YAML (format: docs/architecture.md). Compilation turns them into:
- an alias table over *Simplified, folded* alias strings (the linker matches ``TextView.simplified``),
- an Aho-Corasick automaton over every CJK alias (ahocorasick-rs, Rust: the hot loop stays out of Python),
- a regex for Latin acronyms with word boundaries,
- the single-character abbreviations (美 中 韩 …) used only inside compounds like 美日韩,
- generic nouns (外交部, 总统, 外长) per country, and office holders derived from persons' ``roles``,
- a jieba (rjieba) segmenter that knows every alias, used to check word boundaries around candidates.
Lexical lists the linker needs (titles, surnames, organisation suffixes) live beside the gazetteer.
"""
from __future__ import annotations

import functools

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from shiju.data import DATA_DIR

GAZETTEER_FILES = ("states.yaml", "organizations.yaml", "offices.yaml")
LEXICAL_FILES = ("titles.yaml", "surnames.yaml", "lexicon.yaml")
# Entry types in the order used to break ties between actors sharing an alias.
TYPE_ORDER = {"state": 0, "organization": 1, "group": 2, "office": 3, "person": 4, "location": 5}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_ALIAS = re.compile(r"^[A-Za-z0-9][A-Za-z0-9&.\- ]*$")


# Bit flags of a CJK pattern (Gazetteer.pattern_info), computed once so the candidate loop does no
# per-alias string tests.
SKIP = 1  # a run of one-character abbreviations (美日韩): read as a compound, never as the alias
GENERIC = 2  # a generic noun (外交部, 总统) resolved by the country in context
LATIN_START = 4  # starts with a Latin letter or digit (BBC中文)
LATIN_END = 8
TRANSLIT = 16  # only transliteration characters (林肯): a lone such neighbour makes a longer name
COMMON_WORD = 32  # also an everyday word (包子)
CJK_END = 64  # ends with a CJK character
IDEOLOGY = 256  # an ideology word (台独): an actor only as what a forum comment takes a side on
PERSONISH = 128  # may name a person or a post (a person's alias, a title): checked against non_person_heads


class GazetteerError(ValueError):
    """A gazetteer or lexicon file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class RoleSpan:
    office: str
    title: str | None
    start: str | None
    end: str | None


@dataclass
class Entry:
    id: str
    name: str | None
    name_zh: str | None
    type: str
    country: str | None
    sector: str | None
    wikidata: str | None
    aliases: list[str] = field(default_factory=list)  # as written (for Actor.aliases)
    roles: list[RoleSpan] = field(default_factory=list)
    org: str | None = None  # offices: the organisation they belong to
    source: str = ""


@dataclass(frozen=True)
class Alias:
    """One way of writing an actor, after Simplified folding."""

    id: str
    kind: str  # name / abbreviation / demonym / capital / seat / acronym / title / composed / generic
    register: str  # standard / slang / pejorative / misspelling


@lru_cache(maxsize=1 << 16)  # pure; forum user names are folded once per document otherwise
def fold(text: str) -> str:
    """The form aliases take in the Simplified view of a text (T→S, full-width and dots folded)."""
    from shiju.text.view import TextView

    return TextView(text).simplified.strip()


def _day(d: Any, end: bool = False) -> str | None:
    """A role date as a comparable YYYY-MM-DD string; month/year precision widens to the whole period."""
    if d is None or d == "":
        return None
    s = str(d)
    if re.fullmatch(r"\d{4}", s):
        return s + ("-12-31" if end else "-01-01")
    if re.fullmatch(r"\d{4}-\d{2}", s):
        return s + ("-31" if end else "-01")
    return s[:10]


class Gazetteer:
    """Compiled gazetteer + lexical resources. Immutable after construction."""

    def __init__(self, entries: list[Entry], alias_rows: list[tuple[str, Alias]],
                 generic_rows: list[tuple[str, str, str]], lexical: dict[str, Any], sources: list[str]):
        self.entries: dict[str, Entry] = {e.id: e for e in entries}
        self.sources = sources
        self.aliases: dict[str, list[Alias]] = {}
        for text, al in alias_rows:
            lst = self.aliases.setdefault(text, [])
            if all(a.id != al.id for a in lst):
                lst.append(al)
        # Bare nouns that mean an actor only given the country in context: noun -> {country: id}.
        self.generic: dict[str, dict[str, str]] = {}
        for noun, country, aid in generic_rows:
            self.generic.setdefault(noun, {}).setdefault(country, aid)
        self._compose()
        self._lexical(lexical)
        self._holders()
        self._compile()

    # -- construction ---------------------------------------------------------------------------
    def _compose(self) -> None:
        """Country + generic title/body (韩国外长, 韩外交部, 美国务卿) for every state alias of that country."""
        by_country: dict[str, list[str]] = {}
        for text, als in self.aliases.items():
            for a in als:
                e = self.entries.get(a.id)
                if e and e.type == "state" and a.kind in ("name", "abbreviation") and e.country:
                    by_country.setdefault(e.country, []).append(text)
        # Composed from a one-character abbreviation (美国防部 = 美 + 国防部): composed -> generic noun, so that
        # a compound before it (中美国防部) names each state's body.
        self.composed_abbrev: dict[str, str] = {}
        for noun, per_country in self.generic.items():
            for country, aid in per_country.items():
                for prefix in by_country.get(country, []):
                    composed = prefix + noun
                    if composed not in self.aliases:
                        self.aliases[composed] = [Alias(aid, "composed", "standard")]
                        if len(prefix) == 1:
                            self.composed_abbrev[composed] = noun

    def _lexical(self, lex: dict[str, Any]) -> None:
        titles = lex["titles.yaml"]
        self.titles: dict[str, str] = {fold(t["title"]): t.get("sector") or "GOV" for t in titles.get("titles") or []}
        self.title_modifiers = [fold(x) for x in titles.get("title_modifiers") or []]
        self.title_modifier_ends = {m[-1] for m in self.title_modifiers if m}
        self.demonstratives = [fold(x) for x in titles.get("demonstratives") or []]
        self.honorifics = [fold(x) for x in titles.get("honorifics") or []]
        sur = lex["surnames.yaml"]
        self.surnames = set("".join((sur.get("single") or "").split()))
        self.compound_surnames = set(sur.get("compound") or []) | {fold(x) for x in sur.get("japanese") or []}
        lx = lex["lexicon.yaml"]
        self.org_suffixes: dict[str, str] = {fold(k): v for k, v in (lx.get("org_suffixes") or {}).items()}
        self.subunit_suffixes = [fold(x) for x in lx.get("subunit_suffixes") or []]
        self.organization_heads = [fold(x) for x in lx.get("organization_heads") or []]
        self.not_in_given_names = frozenset("".join((lx.get("not_in_given_names") or "").split()))
        self.org_conjunctions = set(lx.get("org_conjunctions") or ())
        self.stateless_title_sectors = set(lx.get("stateless_title_sectors") or ())
        self.translit = set("".join((lx.get("transliteration_chars") or "").split()))
        self.common_word_aliases: dict[str, dict[str, list[str]]] = {
            fold(k): {"not_after": list(v.get("not_after") or []), "not_before": list(v.get("not_before") or [])}
            for k, v in (lx.get("common_word_aliases") or {}).items()
        }
        self.chunk_stop_words = set(lx.get("chunk_stop_words") or [])
        self.non_actor_heads = [fold(x) for x in lx.get("non_actor_heads") or []]
        self.non_actor_heads_tuple = tuple(self.non_actor_heads)  # for str.startswith (in C)
        self.left_particles = set(lx.get("left_particles") or [])
        self.posting_words = set(lx.get("posting_words") or [])
        self.compound_heads = tuple(fold(x) for x in lx.get("compound_heads") or ())
        self.compound_followers = frozenset(fold(x) for x in lx.get("compound_followers") or ())
        self.compound_aliases: dict[str, tuple[list[str], tuple[str, ...]]] = {
            fold(k): (list(v.get("ids") or []), tuple(v.get("not_after") or ()))
            for k, v in (lx.get("compound_aliases") or {}).items()}
        # What right after a compound word gives it its everyday sense (蓝白相间 is a colour).
        self.compound_not_before: dict[str, tuple[str, ...]] = {
            fold(k): tuple(v.get("not_before") or ()) for k, v in (lx.get("compound_aliases") or {}).items()
            if v.get("not_before")}
        self.place_words = {fold(x) for x in lx.get("place_words") or ()}
        self.place_heads = {fold(x) for x in lx.get("place_heads") or ()}
        blockers = sorted({fold(x) for x in lx.get("compound_blockers") or ()} | self.place_words, key=len, reverse=True)
        self.compound_blocker_re = re.compile("|".join(map(re.escape, blockers))) if blockers else None
        self.non_person_heads = {fold(x) for x in lx.get("non_person_heads") or ()}
        self.non_person_head_chars = {h[0] for h in self.non_person_heads} | set("们和与及暨、")
        self.title_seat_suffixes = tuple(fold(x) for x in lx.get("title_seat_suffixes") or ())
        self.office_verbs = tuple(fold(x) for x in lx.get("office_verbs") or ())
        oa = lx.get("office_after")
        self.office_after_re = re.compile(oa) if oa else None
        self.nationality_not_after = tuple(fold(x) for x in lx.get("nationality_other_words") or ())
        self.ideology_words = {fold(x) for x in lx.get("ideology_words") or ()}
        self.seat_organizations: dict[str, str] = dict(lx.get("seat_organizations") or {})
        self.armed_force_nouns = tuple(fold(x) for x in lx.get("armed_force_nouns") or ())
        self.organization_voice_titles = tuple(fold(x) for x in lx.get("organization_voice_titles") or ())
        # 乌克兰军队 -> UKR: aliases of a state's armed forces spelt as one of that state's names + a generic
        # armed-forces noun are read as the state (PLOVER: country + sector MIL).
        self.state_force_aliases: dict[str, str] = {}
        for text, als in self.aliases.items():
            noun = next((n for n in self.armed_force_nouns if text.endswith(n) and len(text) > len(n)), None)
            if noun is None:
                continue
            for a in als:
                e = self.entries.get(a.id)
                if e is None or e.type != "organization" or e.sector != "MIL" or not e.country:
                    continue
                if any(b.id == e.country for b in self.aliases.get(text[:-len(noun)], ())):
                    self.state_force_aliases[text] = e.country
        self.title_joiners = set(lx.get("title_joiners") or [])
        self.right_particles = {fold(x) for x in lx.get("right_particles") or ()}
        self.adverb_translit_chars = frozenset(fold(x) for x in lx.get("adverb_translit_chars") or ())
        self.comparison_words = tuple(fold(x) for x in lx.get("comparison_words") or ())
        self.successor_states: dict[str, set[str]] = {
            str(k): set(v or ()) for k, v in (lx.get("successor_states") or {}).items()}
        anaphors = sorted((fold(x) for x in lx.get("state_anaphors") or ()), key=len, reverse=True)
        self.anaphor_re = re.compile("|".join(map(re.escape, anaphors))) if anaphors else None
        self.predicate_tags = tuple(lx.get("predicate_tags") or ())
        # Discourse rules (shiju.actors.discourse): datelines, organisation anaphors, posts named as posts.
        self.office_fillers_re = re.compile("(?:" + (lx.get("office_fillers") or "") + ")$")
        self.appoint_verbs = tuple(fold(x) for x in lx.get("appoint_verbs") or ())
        self.election_heads = tuple(fold(x) for x in lx.get("election_heads") or ())
        self.candidate_heads = tuple(fold(x) for x in lx.get("candidate_heads") or ())
        self.abbreviation_readings: dict[str, list[str]] = {
            fold(k): list(v or ()) for k, v in (lx.get("abbreviation_readings") or {}).items()}
        self.not_appoint_before = tuple(lx.get("not_appoint_before") or ())
        dl = lx.get("dateline_after")
        self.dateline_re = re.compile(dl) if dl else None
        self.home_generics = frozenset(fold(x) for x in lx.get("home_generics") or ())
        self.comment_home = {str(k): str(v) for k, v in (lx.get("comment_home") or {}).items()}
        self.writer_home_markers: dict[str, tuple[str, ...]] = {
            str(k): tuple(fold(x) for x in v or ()) for k, v in (lx.get("writer_home") or {}).items()}
        self.writer_home_min = int(lx.get("writer_home_min_markers") or 2)
        self.writer_home_generics = frozenset(fold(x) for x in lx.get("writer_home_generics") or ())
        self.script_aliases: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
            fold(k): ({sc: str(a) for sc, a in v.items() if sc.startswith("zh-")}, tuple(v.get("not_after") or ()))
            for k, v in (lx.get("script_aliases") or {}).items()}
        oc = lx.get("outlet_credit")
        self.outlet_credit_re = re.compile(oc) if oc else None
        dn = lx.get("date_after_name")
        self.date_after_name_re = re.compile(dn) if dn else None
        pw = sorted((fold(x) for x in lx.get("phrases_without_actors") or ()), key=len, reverse=True)
        self.phrases_without_actors_re = re.compile("|".join(map(re.escape, pw))) if pw else None
        self.plural_before_titles = tuple(fold(x) for x in lx.get("plural_before_titles") or ())
        lg = lx.get("leader_governments") or {}
        heads = sorted((fold(x) for x in lg.get("heads") or ()), key=len, reverse=True)
        self.leader_government_re = re.compile("|".join(map(re.escape, heads))) if heads else None
        self.leader_surnames: dict[str, list[str]] = {
            fold(k): list(v or ()) for k, v in (lg.get("surnames") or {}).items()}
        ox = lx.get("output_exclusions") or {}
        self.output_exclude_anaphors = bool(ox.get("anaphors"))
        self.output_exclude_words = frozenset(fold(x) for x in ox.get("words") or ())
        self.output_people_nouns = tuple(sorted((fold(x) for x in ox.get("people_nouns") or ()), key=len, reverse=True))
        self.gendered_titles = tuple(fold(x) for x in lx.get("gendered_titles") or ())
        self.list_joiners = frozenset(str(x) for x in lx.get("list_joiners") or ())
        self.initial_side_blockers = frozenset(fold(x) for x in lx.get("initial_side_blockers") or ())
        pairs = [str(x) for x in ox.get("inside_titles") or () if len(str(x)) == 2]
        self.output_title_re = re.compile("|".join(
            f"{re.escape(o)}[^{re.escape(o + c)}\n]{{1,80}}{re.escape(c)}" for o, c in pairs)) if pairs else None
        oa = lx.get("organization_anaphors") or {}
        self.org_anaphor_heads: dict[str, dict[str, str]] = {
            fold(k): dict(v or {}) for k, v in (oa.get("heads") or {}).items()}
        dets, heads = [fold(x) for x in oa.get("determiners") or ()], sorted(self.org_anaphor_heads, key=len, reverse=True)
        self.org_anaphor_re = re.compile(
            "(?:" + "|".join(map(re.escape, dets)) + ")(?P<head>" + "|".join(map(re.escape, heads)) + ")"
        ) if dets and heads else None
        self._pos_memo: dict[str, str | None] = {}

    def _holders(self) -> None:
        self.holders: dict[str, list[tuple[str | None, str | None, str]]] = {}
        for e in self.entries.values():
            for r in e.roles:
                self.holders.setdefault(r.office, []).append((r.start, r.end, e.id))

    def _compile(self) -> None:
        import ahocorasick_rs as ac

        self.abbrev: dict[str, str] = {}
        cjk: list[str] = []
        latin_cs: list[str] = []
        latin_ci: list[str] = []
        for text, als in self.aliases.items():
            if not text:
                continue
            if _LATIN_ALIAS.match(text):
                # Long acronyms are matched case-insensitively (quad, nato in forum text); short ones
                # exactly, since lower-case "who"/"un" are English words.
                (latin_ci if len(text) >= 4 else latin_cs).append(text)
                continue
            if len(text) == 1:
                # A single character is an actor only as an abbreviation inside a compound (美日韩).
                for a in als:
                    e = self.entries.get(a.id)
                    if a.kind == "abbreviation" and e and e.type == "state" and _CJK.match(text):
                        self.abbrev.setdefault(text, a.id)
                continue
            cjk.append(text)
        for noun in self.generic:
            if noun not in self.aliases and len(noun) > 1:
                cjk.append(noun)
        for text in self.aliases:  # 美国防部 written as an alias of its own is composed all the same
            if len(text) >= 3 and text[0] in self.abbrev and text[1:] in self.generic:
                self.composed_abbrev.setdefault(text, text[1:])
        # Compound aliases spelt with abbreviation characters (以巴) must start a word (not 可以巴结).
        self.abbrev_words = {w for w in self.compound_aliases if all(c in self.abbrev for c in w)}
        # Runs of abbreviation characters that are aliases of an organisation only (美日印澳 = QUAD, 港台 =
        # RTHK) are read as the compound; a state, capital or person spelt that way (巴西, 巴黎, 加巴德) is
        # the name itself (the segmenter and the boundary checks still decide whether it is a word).
        self.abbrev_runs = {t for t in cjk if len(t) >= 2 and len(set(t)) == len(t) and all(c in self.abbrev for c in t)
                            and not any((e := self.entries.get(a.id)) is not None and e.type in ("state", "person")
                                        for a in self.aliases.get(t, []))}
        self.patterns = sorted(set(cjk))
        # Contiguous NFA: builds ~7x faster than the DFA and scans almost as fast.
        self.automaton = (ac.AhoCorasick(self.patterns, matchkind=ac.MatchKind.Standard,
                                         implementation=ac.Implementation.ContiguousNFA)
                          if self.patterns else None)
        self.pattern_info: list[tuple[str, int, list[Alias]]] = []
        for p in self.patterns:
            flags = (SKIP if p in self.abbrev_runs else 0) | (GENERIC if p in self.generic else 0) \
                | (IDEOLOGY if p in self.ideology_words else 0)
            if p[0].isascii() and p[0].isalnum():
                flags |= LATIN_START
            if p[-1].isascii() and p[-1].isalnum():
                flags |= LATIN_END
            if all(ch in self.translit or ch == "·" for ch in p):
                flags |= TRANSLIT
            if p in self.common_word_aliases:
                flags |= COMMON_WORD
            if _CJK.match(p[-1]):
                flags |= CJK_END
            self.pattern_info.append((p, flags, self.aliases.get(p, [])))
        self.latin_ci = {t.lower(): t for t in latin_ci}
        # Latin aliases are found by an automaton over the lower-cased text, then checked for case and
        # word boundaries: one regex alternation over hundreds of names is slow in Python's re.
        self.latin_cs = set(latin_cs)
        self.latin_patterns = sorted({t.lower() for t in latin_cs} | set(self.latin_ci))
        self.latin_automaton = (ac.AhoCorasick(self.latin_patterns, matchkind=ac.MatchKind.LeftmostLongest)
                                if self.latin_patterns else None)
        self.latin_by_lower: dict[str, list[str]] = {}
        for t in latin_cs:
            self.latin_by_lower.setdefault(t.lower(), []).append(t)
        chars = "".join(sorted(self.abbrev))
        self.compound_re = re.compile(f"[{re.escape(chars)}]{{2,5}}") if chars else None
        titles = sorted(self.titles, key=len, reverse=True)
        mods = sorted(set(self.title_modifiers), key=len, reverse=True)
        self.title_re = re.compile(
            "(?P<mods>(?:" + "|".join(map(re.escape, mods or ["(?!)"])) + ")*)(?P<title>"
            + "|".join(map(re.escape, titles or ["(?!)"])) + ")"
        )
        self.title_list = sorted(self.titles)
        self.title_automaton = ac.AhoCorasick(self.title_list, matchkind=ac.MatchKind.Standard) \
            if self.title_list else None
        words = sorted(set(self.titles) | set(self.honorifics), key=len, reverse=True)
        self.title_or_honorific_words = tuple(words)  # for str.startswith/endswith (coreference)
        self.title_or_honorific_re = re.compile("|".join(map(re.escape, words or ["(?!)"])))
        dem = "|".join(map(re.escape, sorted(self.demonstratives, key=len, reverse=True)))
        self.demonstrative_re = re.compile(f"(?:{dem or '(?!)'})(?P<t>" + "|".join(map(re.escape, titles or ["(?!)"])) + ")")
        # Office id -> the bare titles that name it (for "这位外长" compatibility).
        self.office_nouns: dict[str, set[str]] = {}
        for noun, per in self.generic.items():
            for aid in per.values():
                self.office_nouns.setdefault(aid, set()).add(noun)
        # Per-id facts the linker asks for on every mention.
        self.country_by_id = {e.id: e.country for e in self.entries.values() if e.country}
        # The first character of each state's and armed group's standard Chinese name: how Chinese writes a
        # member of a compound (加丹两国 = Canada + Denmark, 阿亚双方 = Azerbaijan + Armenia, 美胡停火). Read as
        # such only for actors the document names in full (discourse.document_compounds).
        self.initial_of: dict[str, str] = {
            e.id: fold(e.name_zh)[0] for e in self.entries.values()
            if e.type in ("state", "group") and e.name_zh and len(e.name_zh) >= 2 and _CJK.match(e.name_zh[0])}
        # Runs of characters that may be initials or fixed abbreviations: compiled once here, so that
        # document_compounds splits these runs by the document's own initials instead of compiling a
        # pattern for every document (over 600 compiles on the corpus).
        # The first characters of the other names of states and groups too: a part's compound may use the
        # initial of the name it writes (帛琉 for Palau, whose standard name is 帕劳: 台帛).
        written = {t[0] for t, als in self.aliases.items() if len(t) >= 2 and _CJK.match(t[0]) and any(
            a.kind == "name" and a.id in self.initial_of for a in als)}
        run_chars = "".join(sorted(set(self.initial_of.values()) | set(self.abbrev) | written))
        self.initial_run_re = re.compile(f"[{re.escape(run_chars)}]{{2,}}") if run_chars else None
        self.person_ids = {e.id for e in self.entries.values() if e.type == "person"}
        self.office_ids = {e.id for e in self.entries.values() if e.type == "office"}
        self.org_ids = {e.id for e in self.entries.values() if e.type in ("organization", "group")}
        self.state_ids = {e.id for e in self.entries.values() if e.type == "state"}
        # State names of three or more characters by first character: a run of abbreviations that begins
        # one of them and runs past its end (墨西|哥湾) is that name, not a compound (discourse.py).
        self.long_state_names: dict[str, list[str]] = {}
        for t, als in self.aliases.items():
            if len(t) >= 3 and any(a.id in self.state_ids and a.kind in ("name", "capital") for a in als):
                self.long_state_names.setdefault(t[0], []).append(t)
        # Strings that name a post (an office among their readings) and generic nouns of offices.
        self.title_aliases = {t for t, als in self.aliases.items() if any(a.id in self.office_ids for a in als)}
        self.title_nouns = {n for n, per in self.generic.items() if any(a in self.office_ids for a in per.values())}
        personish = self.person_ids | self.office_ids
        for k, (p, flags, als) in enumerate(self.pattern_info):
            if p in self.title_nouns or any(a.id in personish for a in als):
                self.pattern_info[k] = (p, flags | PERSONISH, als)
        self._jieba = None
        self.actor_roles: dict[str, list] = {}  # per-id model Role lists, filled by shiju.actors._new_actor

    # -- lookups --------------------------------------------------------------------------------
    @property
    def segmenter(self):
        """A jieba segmenter (rjieba) whose dictionary also holds every alias and title."""
        if self._jieba is None:
            import rjieba

            j = rjieba.Jieba()
            states = self.nested_state_names
            # the generic nouns for armed forces too (南苏丹|政府军, not 南|苏丹政府军, Sudan's composed alias)
            for text in list(self.patterns) + list(self.titles) + list(self.armed_force_nouns):
                if len(text) < 2:
                    continue
                # Names must beat the chance pieces around them (拜登|上任, not 拜|登上|任), but not real
                # words that cross them (和平 in 和平壤 still loses to 平壤: jieba maximises the path).
                # A state name ending in another state's name must also beat that state's composed
                # aliases (白俄罗斯|国防部长, not 白|俄罗斯国防部长 Russia's minister).
                want = 100000 if text in states else 3000 if len(text) >= 3 else 800
                if not j.has_word(text) or j.suggest_freq(text) < want:
                    j.add_word(text, want, None)
            self._jieba = j
        return self._jieba

    @functools.cached_property
    def long_aliases_of(self) -> dict[str, tuple[str, ...]]:
        """Actor id -> its aliases of three to six characters (one str.startswith call tests them all)."""
        out: dict[str, list[str]] = {}
        for t, als in self.aliases.items():
            if 3 <= len(t) <= 6:
                for aid in dict.fromkeys(a.id for a in als):
                    out.setdefault(aid, []).append(t)
        return {aid: tuple(ts) for aid, ts in out.items()}

    @functools.cached_property
    def nested_state_names(self) -> frozenset[str]:
        """Names of states that end with another state's name (白俄罗斯/俄罗斯, 南苏丹/苏丹, 几内亚比绍/几内亚)."""
        names = {t: {a.id for a in als} for t, als in self.aliases.items()
                 if len(t) >= 2 and any(a.kind == "name" and getattr(self.entries.get(a.id), "type", "") == "state"
                                        for a in als)}
        return frozenset(t for t, ids in names.items() if len(t) >= 3 and any(
            t[i:] in names and not (names[t[i:]] & ids) for i in range(1, len(t) - 1)))

    @functools.cached_property
    def name_parts(self) -> dict[str, tuple[str, ...]]:
        """First and last parts (two or more characters) of persons' dotted names -> person ids:
        马斯 (海科·马斯), 莫拉莱斯 (埃沃·莫拉莱斯), 巴德尔 (巴德尔·布赛义迪). Read only after a title of the
        person's own country, where a bare part is too ambiguous to be an alias."""
        out: dict[str, set[str]] = {}
        for e in self.entries.values():
            if e.type != "person":
                continue
            for nm in [e.name_zh or ""] + list(e.aliases):
                parts = [x for x in fold(nm).split("·") if x]
                if len(parts) < 2:
                    continue
                for part in {parts[0], parts[-1]}:
                    if len(part) >= 2:
                        out.setdefault(part, set()).add(e.id)
        return {k: tuple(sorted(v)) for k, v in out.items()}

    def entry(self, actor_id: str) -> Entry | None:
        return self.entries.get(actor_id)

    def find_titles(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, title) of every title, its start moved back over modifiers (前第一次官)."""
        if self.title_automaton is None:
            return []
        out = []
        # Overlapping: in 统一部长官金炼铁 both 部长 and 长官 are seen; the caller keeps the one a name follows.
        for idx, s, e in self.title_automaton.find_matches_as_indexes(text, overlapping=True):
            start = s
            # Most titles have no modifier before them: test the one character first.
            moved = start > 0 and text[start - 1] in self.title_modifier_ends
            while moved:
                moved = False
                for m in self.title_modifiers:
                    if start >= len(m) and text.startswith(m, start - len(m)):
                        start -= len(m)
                        moved = True
                        break
            out.append((start, e, self.title_list[idx]))
        return out

    def holders_on(self, office: str, date: str | None) -> list[str]:
        """Everyone holding `office` on `date` (YYYY-MM-DD, or any day of YYYY)."""
        if not date:
            return []
        lo, hi = (date + "-01-01", date + "-12-31") if len(date) == 4 else (date[:10], date[:10])
        return list(dict.fromkeys(pid for s, e, pid in self.holders.get(office) or []
                                  if (s is None or s <= hi) and (e is None or e >= lo)))

    def last_holder_titled(self, office: str, date: str | None, word: str) -> str | None:
        """The holder of `office` whose role there is titled with `word` (女王) and began last on or before
        `date`: whom a gendered title names even after the post passed to someone it does not fit."""
        if not date:
            return None
        hi = date + "-12-31" if len(date) == 4 else date[:10]
        best: tuple[str, str] | None = None
        for s, _e, pid in self.holders.get(office) or []:
            if s is not None and s > hi:
                continue
            ent = self.entries.get(pid)
            if ent is None or not any(r.office == office and r.title and word in r.title for r in ent.roles):
                continue
            if best is None or (s or "") > best[0]:
                best = (s or "", pid)
        return best[1] if best else None

    def holder(self, office: str, date: str | None) -> tuple[str | None, str]:
        """The person holding `office` on `date` (YYYY-MM-DD or YYYY), else None and why."""
        if not date:
            return None, "no document date"
        spans = self.holders.get(office) or []
        if len(date) == 4:
            lo, hi = date + "-01-01", date + "-12-31"
        else:
            lo = hi = date[:10]
        found = []
        for s, e, pid in spans:
            if (s is None or s <= hi) and (e is None or e >= lo):
                found.append(pid)
        found = list(dict.fromkeys(found))
        if len(found) == 1:
            return found[0], ""
        if not found:
            return None, f"no known holder of {office} on {date}"
        return None, f"{len(found)} holders of {office} on {date}"


# -- loading ----------------------------------------------------------------------------------------

def _load(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=loader)
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{path}: not valid YAML: {exc}") from exc
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read: {exc}") from exc


def gazetteer_files(data_dir: str | Path | None = None) -> list[Path]:
    base = Path(data_dir or DATA_DIR) / "actors"
    files = [base / f for f in GAZETTEER_FILES if (base / f).is_file()]
    if (base / "persons").is_dir():
        files.extend(sorted((base / "persons").glob("*.yaml")))
    return files


def _alias_items(raw: Any, where: str) -> Iterable[tuple[str, str, str]]:
    for a in raw or []:
        if isinstance(a, str):
            yield a, "name", "standard"
        elif isinstance(a, dict) and a.get("text"):
            yield str(a["text"]), str(a.get("kind") or "name"), str(a.get("register") or "standard")
        elif a is None:
            continue
        else:
            raise GazetteerError(f"{where}: alias {a!r} is neither a string nor a mapping with `text`")


def parse_entries(path: Path, data: Any) -> tuple[list[Entry], list[tuple[str, Alias]], list[tuple[str, str, str]]]:
    if data is None:
        return [], [], []
    if not isinstance(data, list):
        raise GazetteerError(f"{path}: expected a YAML list of entries, got {type(data).__name__}")
    entries, rows, generic = [], [], []
    for i, d in enumerate(data):
        where = f"{path}: entry {i + 1}"
        if not isinstance(d, dict) or not d.get("id"):
            raise GazetteerError(f"{where}: an entry must be a mapping with an `id`")
        aid = str(d["id"])
        where = f"{path}: {aid}"
        etype = str(d.get("type") or ("state" if re.fullmatch(r"[A-Z]{3}", aid) else aid.split(":")[0]))
        etype = {"per": "person", "org": "organization"}.get(etype, etype)
        roles = []
        for r in d.get("roles") or []:
            if not isinstance(r, dict) or not r.get("office"):
                raise GazetteerError(f"{where}: role {r!r} needs an `office`")
            roles.append(RoleSpan(str(r["office"]), r.get("title"), _day(r.get("start")), _day(r.get("end"), True)))
        written = []
        items = list(_alias_items(d.get("aliases"), where))
        if d.get("name_zh"):
            items.insert(0, (str(d["name_zh"]), "name", "standard"))
        e = Entry(aid, d.get("name"), d.get("name_zh"), etype, d.get("country"), d.get("sector"),
                  d.get("wikidata"), written, roles, d.get("org"), str(path))
        for text, kind, register in items:
            written.append(text)
            f = fold(text)
            al = Alias(aid, kind, register)
            rows.append((f, al))
            # Transliterated names are also written without the dot, or with a space.
            if "·" in f:
                rows.append((f.replace("·", ""), al))
        for noun in d.get("generic") or []:
            if e.country:
                generic.append((fold(str(noun)), str(e.country), aid))
        entries.append(e)
    return entries, rows, generic


# Bump when the parsed form below changes, so stale cache files are not read.
_CACHE_VERSION = 1


def _cache_path(paths: list[Path]) -> Path | None:
    """Where the parsed gazetteer of these exact files is cached: the user cache dir, keyed by a hash of
    the files' names and bytes (any edit gives a new key). None when caching is off (SHIJU_NO_CACHE)."""
    import hashlib
    import os
    import sys

    if os.environ.get("SHIJU_NO_CACHE"):
        return None
    h = hashlib.sha256(f"{_CACHE_VERSION}:{sys.version_info[:2]}".encode())
    # The parsing code too: worktrees sharing one user cache dir may hold the same data files but
    # parse them differently (a stale parse read by newer code gave order-dependent test failures).
    h.update(Path(__file__).read_bytes())
    for p in paths:
        try:
            h.update(str(p.name).encode() + b"\0" + p.read_bytes() + b"\0")
        except OSError:
            return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "shiju" / f"gazetteer-{h.hexdigest()[:32]}.pickle"


def _read_cache(path: Path | None) -> Any:
    import pickle

    if path is None or not path.is_file():
        return None
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # a truncated or foreign file: rebuild from the YAML
        return None


def _write_cache(path: Path | None, data: Any) -> None:
    import os
    import pickle
    import tempfile

    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: concurrent loaders see the old file or the new one
    except OSError:
        pass  # a read-only home only costs the next load its parse time


def load_gazetteer(data_dir: str | Path | None = None) -> Gazetteer:
    """Read and compile the gazetteer of `data_dir` (default: the packaged data).

    Lexical files (titles, surnames, lexicon) are read from `data_dir` when it has them, else from the
    package. A missing gazetteer gives an empty (but working) gazetteer. Parsing the YAML is most of the
    cost, so the parsed form is cached under the user cache dir, keyed by the files' hashes.
    """
    files = gazetteer_files(data_dir)
    lex_paths = []
    for name in LEXICAL_FILES:
        p = Path(data_dir or DATA_DIR) / "actors" / name
        lex_paths.append(p if p.is_file() else DATA_DIR / "actors" / name)
    cache = _cache_path(files + lex_paths)
    parsed = _read_cache(cache)
    if parsed is None:
        parsed = _parse_all(files, lex_paths)
        _write_cache(cache, parsed)
    return Gazetteer(*parsed)


def _parse_all(files: list[Path], lex_paths: list[Path]) -> tuple:
    entries: list[Entry] = []
    rows: list[tuple[str, Alias]] = []
    generic: list[tuple[str, str, str]] = []
    seen: dict[str, Entry] = {}
    for path in files:
        es, rs, gs = parse_entries(path, _load(path))
        for e in es:
            if e.id in seen:
                # The same actor in two files: keep one entry, pool aliases and roles.
                old = seen[e.id]
                old.aliases.extend(a for a in e.aliases if a not in old.aliases)
                old.roles.extend(r for r in e.roles if r not in old.roles)
                continue
            seen[e.id] = e
            entries.append(e)
        rows.extend(rs)
        generic.extend(gs)
    # Role titles name the office too (美国国务卿 in a person's role), even where offices.yaml lacks it.
    known = {e.id for e in entries}
    for e in list(entries):
        for r in e.roles:
            if r.office not in known:
                m = re.match(r"office:([a-z]{3})-", r.office)
                entries.append(Entry(r.office, None, r.title, "office", m.group(1).upper() if m else e.country,
                                     e.sector, None, [], [], None, e.source))
                known.add(r.office)
            if r.title and "（" not in r.title and "(" not in r.title:
                rows.append((fold(r.title), Alias(r.office, "title", "standard")))
    entries.sort(key=lambda e: TYPE_ORDER.get(e.type, 9))
    order = {e.id: i for i, e in enumerate(entries)}
    rows.sort(key=lambda r: (order.get(r[1].id, 1 << 30), r[1].kind == "title"))
    lexical: dict[str, Any] = {}
    for name, p in zip(LEXICAL_FILES, lex_paths):
        data = _load(p)
        if not isinstance(data, dict):
            raise GazetteerError(f"{p}: expected a YAML mapping")
        lexical[name] = data
    return entries, rows, generic, lexical, [str(f) for f in files]
