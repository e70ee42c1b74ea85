"""Load `data/time/expressions.yaml` and compile it into one scanning regular expression.

The scanner matches *atoms* (a year, a month, a day, a relative word, a time of day, ...) in one pass of
a single compiled pattern over the Simplified view; `shiju.timex.scan` then joins adjacent atoms into
expressions. Keeping every alternative in one pattern keeps tagging at C speed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from shiju.text.regex_gate import gate_alternatives
from shiju.text.sentences import load_reference_frames

# Characters that make a preceding number part of a larger quantity (五年内, 十年前).
NUMERALS = "〇○零一二两三四五六七八九十百千万几数多半0123456789"
CN_DAY = "三十一|三十|卅一?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
CN_MONTH = "十[一二]|十|[一二三四五六七八九]"
YEAR4 = r"(?:1[5-9]|20)\d\d"
MONTH = r"1[0-2]|0?[1-9]"
DAY = r"3[01]|[12]\d|0?[1-9]"


class LexiconError(ValueError):
    """The time expressions file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Word:
    offset: int
    anchor: str  # publication / discourse
    alone: bool = True
    to: int | None = None  # last day's offset of a two-day span (今明两天)


@dataclass
class Lexicon:
    pattern: re.Pattern
    day_words: dict[str, Word]
    month_words: dict[str, Word]
    year_words: dict[str, Word]
    week_prefixes: dict[str, int]
    weekdays: dict[str, int]
    weekend: str
    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    offset_units: dict[str, tuple[int, str]]
    offset_directions: dict[str, int]
    holidays: dict[str, tuple[int, int]]
    decade_prefixes: dict[str, int]
    decade_parts: dict[str, tuple[int, int]]
    connectors: frozenset[str]
    future: re.Pattern
    trigger: re.Pattern | None = None  # characters every expression contains (see scan.atoms)
    title_brackets: tuple[str, ...] = ()
    title_max: int = 40
    bound_before: tuple[str, ...] = ()
    bound_after: re.Pattern | None = None
    bound_frames: tuple[tuple[str, str], ...] = ()  # (对, 的回应): a date inside names another act
    negative: dict[str, tuple[str, ...]] = field(default_factory=dict)
    glossed_day_words: dict[str, int] = field(default_factory=dict)
    discourse_week_prefixes: dict[str, int] = field(default_factory=dict)
    national_day_words: frozenset[str] = frozenset()
    taiwan_national_day_cues: tuple[str, ...] = ()
    lunar_holidays: dict[str, tuple[str, int]] = field(default_factory=dict)
    lunar_table: dict[int, dict[str, tuple[int, int]]] = field(default_factory=dict)
    list_separators: frozenset[str] = frozenset()
    document_name: re.Pattern | None = None  # what follows a year that names a document (2023年国防白皮书)

    def neg(self, key: str) -> tuple[str, ...]:
        return self.negative.get(key, ())


def _alt(words) -> str:
    """Alternation of literal words, longest first so that 前一天 wins over 前天-like prefixes."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _guarded(words: dict[str, Any]) -> str:
    """Alternation of words with their optional not_after / not_before guards as lookarounds."""
    out = []
    for w in sorted(words, key=lambda w: (-len(w), w)):
        spec = words[w] or {}
        pat = re.escape(w)
        if spec.get("not_after"):
            pat = f"(?<![{re.escape(spec['not_after'])}])" + pat
        if w.startswith("年") or w.startswith("日") or w.startswith("天"):
            # 五年内 / 三日前: a numeral before the word makes it a duration.
            pat = f"(?<![{NUMERALS}])" + pat
        if spec.get("not_before"):
            pat += f"(?![{re.escape(spec['not_before'])}])"
        out.append(pat)
    return "|".join(out)


def _holidays(holidays: dict, national: list[str] = (), nd_guard: str = "") -> str:
    out = []
    for w in sorted(holidays, key=lambda w: (-len(w), w)):
        if all(ch in NUMERALS for ch in w):
            out.append(f"(?<![{NUMERALS}]){re.escape(w)}(?![{NUMERALS}])")
        elif w in national and nd_guard:
            out.append(f"(?<![{nd_guard}]){re.escape(w)}")  # 美国国庆日 is not 1 October
        else:
            out.append(re.escape(w))
    return "|".join(out)


def _words(raw: dict, key: str, path: str) -> dict[str, Word]:
    out = {}
    for w, spec in (raw.get(key) or {}).items():
        try:
            to = spec.get("to")
            out[str(w)] = Word(int(spec["offset"]), str(spec["anchor"]), bool(spec.get("alone", True)),
                               None if to is None else int(to))
        except (KeyError, TypeError, ValueError) as exc:
            raise LexiconError(f"{path}: {key}.{w}: needs offset and anchor ({exc})") from exc
        if out[str(w)].anchor not in ("publication", "discourse"):
            raise LexiconError(f"{path}: {key}.{w}: anchor must be publication or discourse")
    return out


def build(raw: dict, path: str = "expressions.yaml") -> Lexicon:
    if not isinstance(raw, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    neg = {k: tuple(str(x) for x in v) for k, v in (raw.get("negative") or {}).items()}
    day_words = _words(raw, "day_words", path)
    month_words = _words(raw, "month_words", path)
    year_words = _words(raw, "year_words", path)
    week_prefixes = {str(k): int(v) for k, v in raw["week_prefixes"].items()}
    weekdays = {str(k): int(v) for k, v in raw["weekdays"].items()}
    weekend = str(raw.get("weekend", "末"))
    month_parts = {str(k): (int(v[0]), int(v[1])) for k, v in raw["month_parts"].items()}
    year_parts = {str(k): (int(v[0]), int(v[1])) for k, v in raw["year_parts"].items()}
    units = {str(k): (int(v[0]), str(v[1])) for k, v in raw["offset_units"].items()}
    decade_prefixes = {str(k): int(v) for k, v in (raw.get("decade_prefixes") or {}).items()}
    decade_parts = {str(k): (int(v[0]), int(v[1])) for k, v in (raw.get("decade_parts") or {}).items()}
    dirs = {str(k): int(v) for k, v in raw["offset_directions"].items()}
    holidays = {str(k): (int(v[0]), int(v[1])) for k, v in raw["holidays"].items()}
    conns = [str(c) for c in raw["range_connectors"]]
    raw_guard = raw.get("part_not_before") or {}
    if not isinstance(raw_guard, dict):  # one list for every one-character part
        raw_guard = {p: raw_guard for p in list(raw["month_parts"]) + list(raw["year_parts"]) if len(str(p)) == 1}
    part_guards = {str(k): "".join(str(x) for x in v or []) for k, v in raw_guard.items()}

    def parts(d: dict[str, tuple[int, int]]) -> str:
        out = []
        for p in sorted(d, key=len, reverse=True):
            g = part_guards.get(p, "") if len(p) == 1 else ""
            out.append(re.escape(p) + (f"(?![{re.escape(g)}])" if g else ""))
        return "|".join(out)

    conn = _alt(conns)
    seps = [str(c) for c in raw.get("list_separators") or []]
    conn_or_list = _alt(conns + seps)
    glossed = {str(k): int(v) for k, v in (raw.get("glossed_day_words") or {}).items()}
    dweek = {str(k): int(v) for k, v in (raw.get("discourse_week_prefixes") or {}).items()}
    bare_parts = [str(x) for x in raw.get("bare_year_parts") or []]
    for bp in bare_parts:
        if bp not in year_parts:
            raise LexiconError(f"{path}: bare_year_parts.{bp}: not in year_parts")
    quarter_guard = _alt(raw.get("quarter_not_before") or ["(?!)"])
    lunar = {str(k): (str(v[0]), int(v[1])) for k, v in (raw.get("lunar_holidays") or {}).items()}
    national = [str(x) for x in raw.get("national_day_words") or []]
    nd_guard = re.escape("".join(str(x) for x in raw.get("national_day_not_after") or []))
    no_bare_day = re.escape("".join(str(x) for x in raw.get("bare_day_not_before") or []))
    # 第N天 counts from an event only right after one of these (their last characters suffice: 的, 后).
    ev_chars = re.escape("".join(sorted({str(w)[-1] for w in raw.get("event_day_after") or []}))) or "^\\s\\S"
    all_holidays = {**{k: None for k in holidays}, **{k: None for k in lunar}}
    for w in national:
        if w not in holidays:
            raise LexiconError(f"{path}: national_day_words.{w}: not in holidays")
    wd = "".join(k for k in weekdays if not k.isdigit())
    after_week = "".join(neg.get("after_week", ()))
    wk_guard = f"(?![{re.escape(after_week)}])" if after_week else ""
    tod = _alt(raw["times_of_day"])
    cn_small = "[一二两三四五六七八九十]{1,3}"
    alternatives = [
        rf"(?P<name>{_alt(neg.get('names', ())) or '(?!)'})",
        rf"(?P<local>{_alt(raw.get('local_time_markers') or ['(?!)'])})",
        rf"(?P<iso>(?<![\d./-])(?P<iso_y>{YEAR4})(?P<iso_s>[-/.])(?P<iso_m>{MONTH})(?P=iso_s)(?P<iso_d>{DAY})(?![\d]))",
        rf"(?P<decade>(?P<dec_pre>{_alt(decade_prefixes) or '(?!)'})?(?<!\d)(?P<dec_y>(?:1[5-9]|20)\d0|\d0)年代"
        rf"(?P<dec_part>{_alt(decade_parts) or '(?!)'})?)",
        rf"(?P<yrange>(?<!\d)(?P<yr1>{YEAR4})年?\s?(?:{conn})\s?(?P<yr2>{YEAR4})年(?!代))",
        rf"(?P<year>(?:(?<!\d)(?P<y_num>{YEAR4})|(?P<y_cn>[〇○零O一二三四五六七八九]{{4}})"
        rf"|民国(?P<y_roc>\d{{1,3}}|[一二三四五六七八九十百]{{1,4}})"
        rf"|(?<!\d)(?P<y_roc2>1[0-2]\d)(?=年\s?(?:{MONTH})月)"
        rf"|(?<!\d)(?P<y_two>\d\d)(?=年\s?(?:{MONTH})月))\s?年(?!代)"
        rf"|(?P<y_word>{_guarded(raw['year_words'])}))"
        rf"(?:(?P<y_part>{parts(year_parts)})(?!{quarter_guard})"
        rf"|(?P<y_first>{re.escape(str(raw.get('first_months') or '(?!)'))}(?:\d{{1,2}}|{cn_small})个月)"
        rf"|(?P<y_same>{re.escape(str(raw.get('same_period') or '(?!)'))}))?",
        rf"(?P<mrange>(?<!\d)(?P<mr1>{MONTH})(?P<mr1_s>月)?\s?(?P<mr_c>{conn_or_list})\s?(?P<mr2>{MONTH})月份?)",
        rf"(?P<month>(?:(?<!\d)(?P<m_num>{MONTH})\s?月|(?<![{NUMERALS}])(?P<m_cn>{CN_MONTH})月"
        rf"|(?P<m_word>{_guarded(raw['month_words'])}))份?(?:(?P<m_part>{parts(month_parts)})"
        rf"|(?P<m_bd>3[01]|[12]\d|0?[1-9])(?![\d{no_bare_day}]))?)",
        rf"(?P<drange>(?<![\d.])(?P<dr1>{DAY})(?P<dr1_s>[日号])?\s?(?P<dr_c>{conn_or_list})\s?(?P<dr2>{DAY})(?P<dr_s>[日号]))",
        rf"(?P<day>(?<![\d.])(?P<d_num>{DAY})\s?(?P<d_s>[日号])|(?<![{NUMERALS}])(?P<d_cn>{CN_DAY})(?P<d_cs>[日号]))",
        rf"(?P<twd>(?P<tw_w>{_alt(glossed) or '(?!)'})[（(]\s?(?P<tw_d>{DAY})\s?[）)][日号])",
        rf"(?P<evday>(?<=[{ev_chars}])第(?P<ev_n>十[一二三四五六七八九]?|[二三四五六七八九]|1\d|[2-9])[天日](?![\d]))",
        rf"(?P<week>(?:(?P<wk_pre>{_alt(week_prefixes)})|(?P<wk_dpre>{_alt(dweek) or '(?!)'})(?=(?:{_alt(raw['week_nouns'])})(?![{wd}{re.escape(weekend)}])))"
        rf"(?:{_alt(raw['week_nouns'])})"
        rf"(?:(?P<wk_d>[{wd}{re.escape(weekend)}])|{wk_guard})"
        rf"|(?:{_alt(raw['week_nouns'])})(?P<wk_d2>[{wd}]))",
        rf"(?P<dword>{_guarded(raw['day_words'])})",
        rf"(?P<offset>(?<![{NUMERALS}])(?P<off_n>\d{{1,3}}|{cn_small})(?P<off_u>{_alt(units)})"
        rf"(?P<off_d>{_alt(dirs)})(?![往来夕线任者提面所进行景]))",
        rf"(?P<vague>{_alt(raw['vague'])})",
        rf"(?P<holiday>{_holidays(all_holidays, national, nd_guard)})",
        rf"(?P<ypart>(?<![年\d{NUMERALS}])(?:{_alt(bare_parts) or '(?!)'})(?!{quarter_guard}))",
        rf"(?P<tod>(?:{tod})(?:\s?(?:\d{{1,2}}|{cn_small})\s?[时点](?:[0-5]?\d分|{cn_small}分|半|许|左右)?)?"
        rf"|(?<!\d)(?:[01]?\d|2[0-4])\s?[时点](?:[0-5]?\d分|半|许|左右)?"
        rf"|(?<!\d)(?:[01]?\d|2[0-3])[:：][0-5]\d(?::[0-5]\d)?)",
    ]
    # Every expression contains one of these characters (or a digit-separator-digit of 2021-03-18), so
    # the full pattern only runs near them; the last character of every listed word is added, so a new
    # word can never be missed.
    base = set("年月日号天周期拜旬")
    words = [str(w) for key in ("day_words", "month_words", "year_words", "holidays", "lunar_holidays",
                                "bare_year_parts", "vague") for w in raw.get(key) or {}]
    # (A word holding a base character needs nothing more: adding 大年初二's 二 would put a window
    # around every numeral.)
    core = base | {w[-1] for w in words + list(neg.get("names", ())) if not base & set(w)}
    try:
        trigger = re.compile(f"[{re.escape(''.join(sorted(core)))}]|\\d[-/.]\\d")
        # A first-character gate: most positions of a text cannot start any atom, and failing them on
        # one character class is much cheaper than trying every alternative.
        # ... and each alternative gets a gate of its own first characters (shiju.text.regex_gate): the
        # positions that pass the common gate then skip most alternatives in one test (2x faster scan).
        gate = _first_chars(raw, neg, {**week_prefixes, **dweek})
        pattern = re.compile(f"(?=[{re.escape(''.join(sorted(gate)))}])"
                             f"(?:{'|'.join(gate_alternatives(alternatives, gate))})")
        future = re.compile("|".join(f"(?:{c})" for c in raw.get("future_cues") or ["(?!)"]))
        bounds = raw.get("bounds") or {}
        bound_after = re.compile("|".join(f"(?:{c})" for c in bounds.get("after") or ["(?!)"]))
    except re.error as exc:
        raise LexiconError(f"{path}: a pattern does not compile: {exc}") from exc
    return Lexicon(
        pattern=pattern, day_words=day_words, month_words=month_words, year_words=year_words,
        week_prefixes=week_prefixes, weekdays=weekdays, weekend=weekend, month_parts=month_parts,
        year_parts=year_parts, offset_units=units, decade_prefixes=decade_prefixes, decade_parts=decade_parts, offset_directions=dirs, holidays=holidays,
        connectors=frozenset(conns), future=future, negative=neg, trigger=trigger,
        title_brackets=tuple(str(b) for b in raw.get("title_brackets") or () if len(str(b)) == 2),
        title_max=int(raw.get("title_max", 40)),
        bound_before=tuple(str(x) for x in bounds.get("before") or ()), bound_after=bound_after,
        bound_frames=load_reference_frames(),
        glossed_day_words=glossed, discourse_week_prefixes=dweek, national_day_words=frozenset(national),
        taiwan_national_day_cues=tuple(str(x) for x in raw.get("taiwan_national_day_cues") or ()),
        lunar_holidays=lunar, list_separators=frozenset(seps),
        document_name=_document_name(raw.get("document_names") or {}, path),
    )


def _first_chars(raw: dict, neg: dict, week_prefixes: dict) -> set[str]:
    """Every character an atom can start with (digits, numerals, first characters of listed words)."""
    chars = set("0123456789〇○零O一二两三四五六七八九十民廿卅第")
    chars.update(str(w)[0] for w in raw.get("decade_prefixes") or {})
    for key in ("day_words", "month_words", "year_words", "holidays", "local_time_markers", "vague",
                "times_of_day", "week_nouns", "lunar_holidays", "bare_year_parts", "glossed_day_words"):
        chars.update(str(w)[0] for w in raw.get(key) or [])
    chars.update(str(w)[0] for w in neg.get("names", ()))
    chars.update(str(w)[0] for w in week_prefixes)
    return chars


@lru_cache(maxsize=4)
def load(data_dir: str | None = None) -> Lexicon:
    """The compiled lexicon (immutable, cached per data folder)."""
    from shiju.data import read_yaml

    raw, path = read_yaml("time", "expressions.yaml", data_dir=data_dir, error=LexiconError)
    try:
        lex = build(raw, str(path))
    except (KeyError, TypeError) as exc:
        raise LexiconError(f"{path}: missing or malformed entry: {exc}") from exc
    if lex.lunar_holidays:
        lex.lunar_table = _lunar_table(data_dir)
    return lex


def _lunar_table(data_dir: str | None) -> dict[int, dict[str, tuple[int, int]]]:
    """`data/time/lunar.yaml`: year -> festival column -> (month, day)."""
    from shiju.data import read_yaml

    raw, path = read_yaml("time", "lunar.yaml", data_dir=data_dir, error=LexiconError)
    try:
        cols = [str(c) for c in raw["columns"]]
        out: dict[int, dict[str, tuple[int, int]]] = {}
        for y, row in raw["years"].items():
            if len(row) != len(cols):
                raise LexiconError(f"{path}: year {y}: expected {len(cols)} dates, got {len(row)}")
            out[int(y)] = {c: (int(str(v)[:2]), int(str(v)[3:5])) for c, v in zip(cols, row)}
        return out
    except LexiconError:
        raise
    except Exception as exc:  # missing keys, bad dates
        raise LexiconError(f"{path}: malformed: {exc}") from exc


def _document_name(raw: dict, path: str) -> re.Pattern | None:
    """The pattern of what follows a year inside a document's or policy's name (expressions.yaml
    `document_names`): 度/版, a short infix without a stop word, a head noun. None when no heads are listed."""
    heads = [str(h) for h in raw.get("heads") or ()]
    if not heads:
        return None
    stops = [str(w) for w in raw.get("infix_stop") or ()]
    infix_max = int(raw.get("infix_max", 8))
    stop = f"(?!{_alt(stops)})" if stops else ""
    try:
        return re.compile(f"(?:年度|年版|度|版)?(?:{stop}[\u4e00-\u9fff]){{0,{infix_max}}}?(?:{_alt(heads)})")
    except re.error as exc:
        raise LexiconError(f"{path}: document_names does not compile: {exc}") from exc
