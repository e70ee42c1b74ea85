"""Dictionary linking of one text part: candidates, boundary checks, context and date resolution.

Matching runs on the Simplified view (same length as the original, so offsets carry over through
``TextView.to_original``). Steps:
1. every occurrence of every CJK alias (Aho-Corasick, overlapping), Latin acronyms by regex, and runs of
   single-character abbreviations (美日韩) as compounds;
2. boundary checks: a candidate must start and end on a word boundary of a jieba segmentation of its
   clause (the segmenter knows every alias, so 赵显|通电话 and 在|华盛顿 but not 和平|壤 or 林肯 inside
   an unknown 布林肯 when the neighbour is a lone transliteration character); only clauses holding a
   candidate are segmented, longest candidates first, so nested ones are never checked; 两岸 and state
   anaphors (该国) are candidates too;
   single-character abbreviations only as words of their own (not inside 加沙/同意/美德: the
   compound_blockers list and the segmentation; not a lone preposition; not glued to a transliterated
   name); person aliases and titles never before a thing head (坦克, 图书馆, 会议: non_person_heads);
3. longest non-overlapping candidates win;
4. resolution: generic nouns (外交部, 总统, 外长) by the state written right before them, else the country
   in context; offices to their holder on the document date; ambiguous aliases by country and date; a
   title + seat suffix (法国总统府) is the state; a title after a verb of taking office is the office;
5. "title + name" and "name + title" become one mention of the person; after unknown persons and
   coreference, a state right before its own titled person (香港特首林郑月娥) and posts joined by 兼 too.
Speed notes: per-pattern flags and per-id tables are computed once in the gazetteer, so the candidate
loop does no per-alias string tests; measured figures are in docs/model-card.md ("Actors").
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from shiju.actors.gazetteer import (CJK_END, COMMON_WORD, GENERIC, IDEOLOGY, LATIN_END, LATIN_START, PERSONISH, SKIP,
                                    TRANSLIT, Alias,
                                    Gazetteer, fold)
from shiju.text.sentences import sentences

_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")
_HAS_LATIN = re.compile(r"[A-Za-z]")
_CLAUSE = re.compile(r"[^，。、；：！？,.;:!?“”\"'‘’（）()《》〈〉【】\[\]「」『』…—\-\n\r\t 　]+")
_DATE_NUM = re.compile(r"[0-9一二三四五六七八九十廿卅]")
_PUNCT = set("，。、；：！？,.;:!?“”\"'‘’（）()《》〈〉【】[]「」『』…—-\n\r\t 　")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CLAUSE_END = re.compile("[" + re.escape("".join(sorted(_PUNCT))) + "]")


class _Marks(dict):
    """Token length -> its boundary bytes (b"\\x01" then zeros), built on first use."""

    def __missing__(self, n: int) -> bytes:
        v = self[n] = b"\x01" + bytes(n - 1)
        return v


_TOKEN_MARKS = _Marks()


def _longest_key(m: tuple[int, int, int]) -> tuple[int, int]:
    return (m[1] - m[2], m[1])


def _start_key(h: "Hit") -> int:
    return h.start


@dataclass(slots=True)
class Hit:
    """A candidate or resolved mention in simplified-view offsets."""

    start: int
    end: int
    alias: str
    source: str  # alias / generic / abbrev / latin / unknown / coref
    candidates: list[Alias] = field(default_factory=list)
    actor: str | None = None
    note: str | None = None
    merged: bool = False  # a title was merged into this person mention
    title: str | None = None  # the title seen with the person, for coreference
    country: str | None = None  # unknown persons: inferred country and sector
    sector: str | None = None
    name_span: tuple[int, int] | None = None  # unknown persons: the name inside the mention


class PartLinker:
    """Links one part's simplified text against a compiled gazetteer."""

    def __init__(self, gaz: Gazetteer, text: str, comment: bool = False):
        self.gaz = gaz
        self.text = text
        self.comment = comment  # a forum comment: nationality nouns (菲律宾人) stand for their state
        self._rev: str | None = None  # the text reversed, for searching back to a clause start
        # Token boundaries of the clauses segmented so far, one byte per position: boundary tests are
        # byte lookups and bytearray.find/rfind (in C) instead of bisecting per-clause lists.
        self._bnd = bytearray(len(text) + 1)  # 1 where a token starts or ends
        self._done = bytearray(len(text) + 1)  # 1 on the characters of segmented clauses

    # -- word boundaries --------------------------------------------------------------------------
    def clause(self, pos: int) -> tuple[int, int]:
        """The run of non-punctuation characters holding `pos` ((pos, pos) on punctuation): the next
        punctuation by a regex search forward, the previous one by the same search over the reversed
        text (a few searches per clause asked for, rather than listing every punctuation of the part)."""
        text = self.text
        n = len(text)
        if pos >= n or text[pos] in _PUNCT:
            return pos, pos
        m = _CLAUSE_END.search(text, pos)
        rev = self._rev
        if rev is None:
            rev = self._rev = text[::-1]
        r = _CLAUSE_END.search(rev, n - pos)
        return (n - r.start() if r else 0), (m.start() if m else n)

    def _segment(self, pos: int) -> None:
        """jieba segmentation of the clause holding `pos` (a non-punctuation position), recorded in the
        boundary bytes. Only clauses holding a candidate that needs it are segmented (segmenting whole
        parts was measured slower: most text holds no candidate)."""
        cs, ce = self.clause(pos)
        # One byte pattern per token length (1 then zeros), joined in C: no Python loop per token.
        tokens = self.gaz.segmenter.cut(self.text[cs:ce], True)
        self._bnd[cs:ce] = b"".join(map(_TOKEN_MARKS.__getitem__, map(len, tokens)))
        self._bnd[ce] = 1
        self._done[cs:ce] = b"\x01" * (ce - cs)

    def _segment_clauses_at(self, positions: list[int]) -> None:
        """Segment, in one jieba call, every clause holding one of `positions` (non-punctuation positions)
        that is not segmented yet. The clauses are joined by a newline, which jieba never joins to a word:
        each gets the boundaries its own call gives (checked on every clause of the corpus, the examples and
        the gold, 148,907 clauses; tests/test_speed_session13.py), without a jieba call per clause."""
        done = self._done
        spans: list[tuple[int, int]] = []
        b = -1
        for p in sorted(positions):
            if p >= b and not done[p]:  # (not inside the clause listed last)
                a, b = self.clause(p)
                spans.append((a, b))
        if len(spans) < 2:
            if spans:
                self._segment(spans[0][0])
            return
        text = self.text
        tokens = self.gaz.segmenter.cut("\n".join([text[a:b] for a, b in spans]), True)
        marks = b"".join(map(_TOKEN_MARKS.__getitem__, map(len, tokens)))
        bnd = self._bnd
        j = 0
        for a, b in spans:
            k = j + b - a
            bnd[a:b] = marks[j:k]
            bnd[b] = 1
            done[a:b] = b"\x01" * (b - a)
            j = k + 1  # past the newline

    def token_at(self, pos: int) -> tuple[int, int]:
        """The token holding position `pos` (a punctuation character is a token of its own)."""
        if pos >= len(self.text) or self.text[pos] in _PUNCT:
            return pos, pos + 1
        if not self._done[pos]:
            self._segment(pos)
        bnd = self._bnd
        return bnd.rfind(1, 0, pos + 1), bnd.find(1, pos + 1)

    def starts_token(self, pos: int) -> bool:
        if pos >= len(self.text) or self.text[pos] in _PUNCT:
            return True
        if not self._done[pos]:
            self._segment(pos)
        return self._bnd[pos] == 1

    def ends_token(self, pos: int) -> bool:
        if pos <= 0 or self.text[pos - 1] in _PUNCT:
            return True
        if not self._done[pos - 1]:
            self._segment(pos - 1)
        return self._bnd[pos] == 1

    def aligned(self, start: int, end: int) -> bool:
        return self.starts_token(start) and self.ends_token(end)

    def bounded(self, start: int, end: int) -> bool:
        """Word boundaries for a candidate: the start strictly; the end may fall inside a dictionary
        compound when the rest is a word of its own that is not a different entity's head
        (中国|政府, 中美|关系 pass; 林肯|郡, 中美|洲, 华盛顿|邮报 do not)."""
        text = self.text
        n = len(text)
        # Punctuation, Latin or digits on both sides: a word boundary without segmenting anything.
        if (start == 0 or not "\u3400" <= text[start - 1] <= "\u9fff") and (
                end >= n or not "\u3400" <= text[end] <= "\u9fff"):
            return True
        # starts_token(start) and ends_token(end), inlined: this runs once per candidate.
        done, bnd = self._done, self._bnd
        if start < n and not done[start] and text[start] not in _PUNCT:
            self._segment(start)
        if end > 0 and not done[end - 1] and text[end - 1] not in _PUNCT:
            self._segment(end - 1)
        start_ok = bnd[start] == 1 or start >= n or text[start] in _PUNCT
        end_ok = bnd[end] == 1 or end <= 0 or text[end - 1] in _PUNCT
        if start_ok and end_ok:
            return True
        long_name = end - start >= 3
        if not start_ok:
            cs, ce = self.token_at(start)
            glued = cs == start - 1 and text[start - 1] in self.gaz.left_particles
            # 向|普京: a particle glued to a whole name of two characters or more is still a particle + name
            if not (glued and ((long_name and ce < end) or (ce == end and end - start >= 2))):
                return False
        if end_ok:
            return True
        s, e = self.token_at(end)
        rest = text[end:e]
        if text[s:e] == "方向" and s == end - 1 and any(text[e:e + k] in self.gaz.aliases for k in (2, 3, 4)):
            return True  # 中方|向乍得提供援助, 朝方|向韩方: a demonym, then 向 + an actor, not the word 方向 (direction)
        if e - end == 1 and s >= start and rest in self.gaz.right_particles \
                and not self.gaz.segmenter.has_word(text[s:e]):
            return True  # 中美|是: the segmenter's HMM glued a particle to the name into a non-word
        if long_name and s > start and not self.gaz.segmenter.has_word(text[s:e]):
            # 穆罕默德·本·萨勒|曼在: a name of three or more characters the dictionary knows beats a
            # non-word the segmenter's HMM glued across its end (dotted names are never one token).
            return True
        return s <= start and len(rest) >= 2 and not rest.startswith(self.gaz.non_actor_heads_tuple)

    def neighbour_tokens(self, start: int, end: int) -> tuple[str, str]:
        """The tokens right before `start` and right after `end` ("" where the edge is inside a token)."""
        text = self.text
        left = right = ""
        if start > 0 and self.ends_token(start):
            a, _ = self.token_at(start - 1)
            left = text[a:start]
        if end < len(text) and self.starts_token(end):
            _, b = self.token_at(end)
            right = text[end:b]
        return left, right

    # -- candidates -------------------------------------------------------------------------------
    def candidates(self) -> list[Hit]:
        gaz, text = self.gaz, self.text
        chosen: list[Hit] = []
        if gaz.automaton is not None:
            found = gaz.automaton.find_matches_as_indexes(text, overlapping=True)
            # Longest first; a candidate inside an accepted one is not even checked.
            if len(found) > 1:
                found.sort(key=_longest_key)
            occupied = bytearray(len(text)) if len(found) > 1 else None
            info = gaz.pattern_info
            # The clauses bounded() will segment (a candidate with a CJK character beside it), segmented at
            # once; a few of them may hold only candidates skipped below (segmenting more changes nothing).
            n = len(text)
            need = []
            for _, s, e in found:
                if (s > 0 and "\u3400" <= text[s - 1] <= "\u9fff") or (e < n and "\u3400" <= text[e] <= "\u9fff"):
                    if text[s] not in _PUNCT:
                        need.append(s)
                    if text[e - 1] not in _PUNCT:
                        need.append(e - 1)
            if need:
                self._segment_clauses_at(need)
            for idx, s, e in found:
                if occupied is not None and (occupied[s] or occupied[e - 1] or (e - s > 2 and any(occupied[s:e]))):
                    continue
                alias, flags, cands = info[idx]
                if flags & SKIP:
                    continue  # 美日印澳 is the four states (compound reading), whatever else it may name
                if flags & IDEOLOGY and not self.comment:
                    continue  # 反对台独 in a news body: an idea; in a comment, the side a reader takes on
                if not self._plausible(alias, flags, s, e):
                    if self.comment and self._nationality(cands, s, e):
                        e += 1  # 菲律宾人真勇敢: the nationality noun is the mention
                    else:
                        continue
                if occupied is not None:
                    occupied[s:e] = b"\x01" * (e - s)
                chosen.append(Hit(s, e, alias, "generic" if flags & GENERIC else "alias", cands))
        if gaz.composed_abbrev and chosen:
            chosen = self._compound_composed(chosen)
        if gaz.latin_automaton is not None and _HAS_LATIN.search(text):
            taken = [(h.start, h.end) for h in chosen]
            for s, e, alias in self._latin():
                if any(s < te and ts < e for ts, te in taken):
                    continue
                chosen.append(Hit(s, e, alias, "latin", gaz.aliases.get(alias, [])))
                taken.append((s, e))
        for word, (ids, not_after) in gaz.compound_aliases.items():
            i = text.find(word)
            while i >= 0:
                e = i + len(word)
                if not text.endswith(not_after, 0, i) and not text.startswith(gaz.compound_not_before.get(word, ("\0",)), e) \
                        and not any(i < h.end and h.start < e for h in chosen) \
                        and (word not in gaz.abbrev_words or self._starts_word(i)):
                    # 两岸, 以巴: one mention per state sharing the occurrence
                    chosen.extend(Hit(i, e, word, "abbrev", [Alias(aid, "abbreviation", "standard")], aid) for aid in ids)
                i = text.find(word, e)
        if gaz.compound_re is not None and gaz.compound_re.search(text):
            chosen.extend(self._compounds([(h.start, h.end) for h in chosen]))
        if gaz.anaphor_re is not None and gaz.anaphor_re.search(text):
            taken = [(h.start, h.end) for h in chosen]
            for m in gaz.anaphor_re.finditer(text):
                s, e = m.span()
                if not any(s < te and ts < e for ts, te in taken):
                    chosen.append(Hit(s, e, m.group(0), "anaphor"))
        chosen.sort(key=_start_key)
        return chosen

    def _compound_composed(self, chosen: list[Hit]) -> list[Hit]:
        """中美国防部, 中美外长: abbreviations right before a composed alias (美 + 国防部) name each state's
        body or post, one mention per state sharing the occurrence."""
        gaz, text = self.gaz, self.text
        out: list[Hit] = []
        for h in chosen:
            noun = gaz.composed_abbrev.get(h.alias)
            j = h.start
            while noun and j > 0 and text[j - 1] in gaz.abbrev and text[j - 1] not in text[j:h.start + 1]:
                j -= 1
            if not noun or j == h.start or not self._starts_word(j):
                out.append(h)
                continue
            per = gaz.generic.get(noun, {})
            for ch in text[j:h.start + 1]:
                aid = per.get(gaz.abbrev[ch])
                if aid:
                    out.append(Hit(j, h.end, noun, "alias", [Alias(aid, "composed", "standard")]))
        return out

    def _latin(self) -> list[tuple[int, int, str]]:
        """Latin acronyms and names with word boundaries: long ones in any case (quad), short exactly."""
        gaz, text = self.gaz, self.text
        if gaz.latin_automaton is None or text.isascii() is False and not _HAS_LATIN.search(text):
            return []
        low = text.lower()
        if len(low) != len(text):  # a rare character whose lower case is longer: use exact matching only
            low = text
        out = []
        for idx, s, e in gaz.latin_automaton.find_matches_as_indexes(low):
            if (s > 0 and text[s - 1].isascii() and text[s - 1].isalnum()) or (
                    e < len(text) and text[e].isascii() and text[e].isalnum()):
                continue
            key, written = gaz.latin_patterns[idx], text[s:e]
            if written in gaz.latin_cs:
                out.append((s, e, written))
            elif key in gaz.latin_ci:
                out.append((s, e, gaz.latin_ci[key]))
        return out

    def _plausible(self, alias: str, flags: int, s: int, e: int) -> bool:
        text, gaz = self.text, self.gaz
        n = len(text)
        # A forum user name (习近平002, @林肯) is not the politician.
        if s > 0 and text[s - 1] in "@＠":
            return False
        if e < n and text[e].isascii():
            m = _ASCII_WORD.match(text, e)
            if m and len(m.group(0)) >= 2 and flags & CJK_END:
                nxt = text[m.end():m.end() + 1]
                # 共機24架次: a number is no Latin name running on from the alias
                if nxt not in ("年", "月", "日", "号", "岁") and not m.group(0).isupper() and not m.group(0).isdigit():
                    return False
        # Latin edges of mixed aliases (BBC中文) must not run into longer Latin words.
        if flags & LATIN_START and s > 0 and text[s - 1].isascii() and text[s - 1].isalnum():
            return False
        if flags & LATIN_END and e < n and text[e].isascii() and text[e].isalnum():
            return False
        if not self.bounded(s, e):
            return False
        # 美國會不會: an A-not-A question makes the alias's last character a verb (会不会), not a name's.
        if e + 1 < n and text[e] == "不" and text[e + 1] == text[e - 1]:
            return False
        # A lone transliteration character glued to a foreign name makes it another, longer name. On the right
        # only for names of one or two characters (萨勒|曼 is 萨勒曼, not Macky Sall): a known name of three or
        # more is that person whatever the segmenter glued after it (希拉里|普选, 泽连斯基|连门都没进,
        # 托卡耶夫|维稳, 纳瓦尔尼|因被禁止; session 11, fresh5/8/9 forum misses), as it is at a glued end (bounded).
        if flags & TRANSLIT:
            left, right = self.neighbour_tokens(s, e)
            if self._translit_piece(left, True) or (e - s < 3 and self._translit_piece(right, False)):
                return False
        if flags & PERSONISH and e < n and self._thing_head(e) and not (
                text[e] == "会" and alias not in gaz.title_aliases and alias not in gaz.title_nouns):
            # 艾布拉姆斯坦克, 总统图书馆, 外长会议, 外长们; a lone 会 heads a meeting only after a title (外长会):
            # after a person's name it is the modal verb (普京会给, 川普会翻盘)
            return False
        if flags & COMMON_WORD:
            cw = gaz.common_word_aliases[alias]
            before = text[max(0, s - 3):s]
            after = text[e:e + 3]
            if any(before.endswith(w) for w in cw["not_after"]) or any(after.startswith(w) for w in cw["not_before"]):
                return False
        return True

    def _nationality(self, cands: list[Alias], s: int, e: int) -> bool:
        """In a comment, state name + 人 as what an opinion is about (菲律宾人真勇敢, 对支那人, 和乌克兰人):
        at a clause start or after a particle, not counted or described people (三名中国人, 更多乌克兰人)
        and not 人民/人士/人员 (other words)."""
        text, gaz = self.text, self.gaz
        if e >= len(text) or text[e] != "人" or not any(a.id in gaz.state_ids and a.kind == "name" for a in cands):
            return False
        if text.startswith(gaz.nationality_not_after, e):
            return False
        prev = text[s - 1] if s > 0 else ""
        return not prev or prev in _PUNCT or prev in gaz.left_particles or text.endswith(gaz.comparison_words, 0, s)

    def _thing_head(self, e: int) -> bool:
        """The word starting at `e` is a head that makes a name or title a thing, place or event."""
        heads = self.gaz.non_person_heads
        if self.text[e] not in self.gaz.non_person_head_chars:
            return False
        if self.text[e] == "们":
            return True  # 外长们: several people, no one holder
        if self.text[e] in "和与及暨、":
            # 总统和立法委员选举: a title coordinated with another title that heads a thing shares the head.
            m = self.gaz.title_re.match(self.text, e + 1)
            return m is not None and m.end() < len(self.text) and self._thing_head(m.end())
        if not self.starts_token(e):
            return False
        tok = self.text[e:self.token_at(e)[1]]
        return tok in heads or any(tok.startswith(h) for h in heads if len(h) >= 2)

    def _translit_piece(self, tok: str, left: bool) -> bool:
        """A neighbouring token that is a run of transliteration characters and no word (冯德 before 莱恩),
        or, on the right, a non-word the segmenter glued from a transliteration character and what follows
        (萨勒|曼在: 萨勒曼 is another name than 萨勒)."""
        # A one-character particle (比, 和, 与) is a word on either side: 拜登|比|川普; so is an adverb that is
        # also a transliteration character (马杜罗|多烂, 泽连斯基|连门都没进, 连|特拉斯的议席), unless the glued
        # token goes on with transliteration characters (萨勒|曼在 stays a longer name).
        if not tok or (len(tok) == 1 and tok in self.gaz.left_particles):
            return False
        adverbs = self.gaz.adverb_translit_chars
        if adverbs and ((left and tok == tok[-1:] and tok in adverbs)
                        or (not left and tok[0] in adverbs and len(tok) >= 2 and tok[1] not in self.gaz.translit)):
            return False
        translit = self.gaz.translit
        if not all(ch in translit for ch in tok):
            return (not left and len(tok) >= 2 and tok[0] in translit and _CJK.match(tok[1]) is not None
                    and not self.gaz.segmenter.has_word(tok))
        return len(tok) == 1 or not self.gaz.segmenter.has_word(tok)

    def _compounds(self, taken: list[tuple[int, int]]) -> list[Hit]:
        """美日韩, 中美关系, 韩美同盟: runs of single-character state abbreviations. A run is a compound only
        where each abbreviation stands as a word of its own: not inside an ordinary word or place name
        (同意, 加沙, 美德 — the compound_blockers list and the segmentation), not as a preposition (以美日为首),
        not glued to a transliterated name (荷台达)."""
        gaz, text = self.gaz, self.text
        if gaz.compound_re is None:
            return []
        out: list[Hit] = []
        blocked: list[tuple[int, int]] | None = None
        for m in gaz.compound_re.finditer(text):
            s, e = m.span()
            for ts, te in taken:  # a full alias (韩国 in 美日韩国防) keeps its characters
                if ts < e and s < te:
                    if ts <= s:
                        s = max(s, te)
                    else:
                        e = min(e, ts)
            # 18日 / 三月: a numeral before 日 or 月 makes it a date.
            while e - s >= 2 and text[s] in "日月" and s > 0 and _DATE_NUM.match(text[s - 1]):
                s += 1
            if e - s < 2:
                continue
            # 美中高层, 中韩之间: a head that only follows a compound of states confirms the whole run even
            # where the segmenter glues its last character to the head (美|中高层).
            headed = text.startswith(gaz.compound_heads, e)
            if not headed:
                if blocked is None:
                    blocked = self._blocked_spans()
                for bs, be in blocked:
                    if bs < e and s < be:
                        if bs <= s:
                            s = max(s, be)
                        else:
                            e = min(e, bs)
                if e - s < 2:
                    continue
            confirmed = headed and self._starts_word(s)
            while not confirmed and e - s >= 2 and not self.bounded(s, e):
                if not self.starts_token(s) and s > self.clause(s)[0]:
                    s += 1
                else:
                    e -= 1
            if e - s >= 2 and not self._starts_word(s):
                s += 1  # 同意俄乌: the first character belongs to the word before it
            # 以美日为首: a lone function word (preposition, adverb) is not a state.
            while not headed and e - s >= 2 and self._function_char(s):
                s += 1
            run = text[s:e]
            if len(run) < 2 or len(set(run)) != len(run):
                continue
            if not headed and self._glued_name(s, e):
                continue
            for i, ch in enumerate(run):
                aid = gaz.abbrev[ch]
                out.append(Hit(s + i, s + i + 1, ch, "abbrev", [Alias(aid, "abbreviation", "standard")], aid))
        return out

    def _blocked_spans(self) -> list[tuple[int, int]]:
        """Occurrences of compound_blockers words that start a word of the segmentation."""
        rx = self.gaz.compound_blocker_re
        if rx is None:
            return []
        return [m.span() for m in rx.finditer(self.text) if self._starts_word(m.start())]

    def _starts_word(self, s: int) -> bool:
        """`s` starts a word: the clause starts there, or a segmentation token does, or a one-character
        particle glued to it forms no dictionary word (和美|日 is 和 + 美日, but 同意 is a word)."""
        if self.starts_token(s) or s <= self.clause(s)[0]:
            return True
        a, b = self.token_at(s)
        tok = self.text[a:b]
        return (len(tok) >= 2 and tok[0] == self.text[s - 1] and self.text[s - 1] in self.gaz.left_particles
                and not self.gaz.segmenter.has_word(tok))

    def _function_char(self, s: int) -> bool:
        """The abbreviation at `s` is a token of its own that the segmenter tags as a function word."""
        a, b = self.token_at(s)
        tok = self.text[a:b]
        # Its own token, or the first of a run the segmenter's HMM glued into a non-word (以美日).
        if not tok or (len(tok) > 1 and (tok[0] != self.text[s] or self.gaz.segmenter.has_word(tok))):
            return False
        from shiju.actors.unknown import _word_class

        return _word_class(self.gaz, self.text[s]) == "other"

    def _glued_name(self, s: int, e: int) -> bool:
        """荷台达: the run and the transliteration characters after it spell one foreign name (the next
        token is a lone transliteration character or a non-word starting with one)."""
        left, right = self.neighbour_tokens(s, e)
        translit = self.gaz.translit
        if not all(ch in translit for ch in self.text[s:e]):
            return False
        return bool(right) and right[0] in translit and (len(right) == 1 or not self.gaz.segmenter.has_word(right))


def _longest_first(hits: list[Hit]) -> list[Hit]:
    hits = sorted(hits, key=lambda h: (-(h.end - h.start), h.start))
    occupied: set[int] = set()
    out = []
    for h in hits:
        span = range(h.start, h.end)
        if any(i in occupied for i in span):
            continue
        occupied.update(span)
        out.append(h)
    return out


# -- resolution ------------------------------------------------------------------------------------

class Resolver:
    """Turns candidates into actor ids using the country in context and the document date."""

    def __init__(self, gaz: Gazetteer, text: str, date: str | None, dominant: str | None, home: str | None = None,
                 thread: Counter[str] | None = None, writer_home: str | None = None):
        self.gaz = gaz
        self.text = text
        self.date = date
        self.dominant = dominant
        self.home = home  # a reader's own country (Simplified forum comments: CHN), for home_generics
        self.thread = thread  # comments: how often the body names each country, for bare nouns
        self.writer_home = writer_home  # a news body written in that country (Taiwan): its bare ministries
        self._sents: list[tuple[int, int]] | None = None
        self._sent_starts: list[int] | None = None
        self._part_countries: Counter[str] | None = None
        self._hits: list[Hit] | None = None  # the list resolve() works on, and its starts when sorted
        self._hit_starts: list[int] | None = None

    @property
    def sents(self) -> list[tuple[int, int]]:
        if self._sents is None:
            self._sents = sentences(self.text)
        return self._sents

    def _sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence holding `pos`, else (pos, pos): bisection over the sorted, disjoint spans."""
        if self._sent_starts is None:
            self._sent_starts = [s for s, _ in self.sents]
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and pos < self.sents[i][1]:
            return self.sents[i]
        return pos, pos

    def _window(self, hits: list[Hit], lo: int, hi: int) -> list[Hit]:
        """The hits that start in [lo, hi], in list order: a slice by bisection when `hits` is the list
        resolve() was given and is sorted by start (the candidates are), else all of them. Only hits starting
        there can name the country of a noun (sentence, paragraph, or later in the sentence), and a loop over
        every hit of the part for every bare noun made long parts quadratic."""
        starts = self._hit_starts
        if starts is None or hits is not self._hits:
            return hits
        return hits[bisect_left(starts, lo):bisect_right(starts, hi)]

    def country_of(self, actor_id: str | None) -> str | None:
        return self.gaz.country_by_id.get(actor_id) if actor_id else None

    def context_country(self, hits: list[Hit], pos: int, usable: set[str] | None = None) -> tuple[str | None, str]:
        """The country a bare noun at `pos` refers to: the nearest preceding country mention in the
        sentence, else in the paragraph, else the document's dominant country. With `usable`, only
        countries for which the noun means something count (外长 after 日本外相 still looks further back
        for 韩国)."""
        ss, se = self._sentence_at(pos)
        ps = self.text.rfind("\n", 0, pos) + 1
        best_sent = best_par = later = None
        country = self.gaz.country_by_id.get
        for h in self._window(hits, min(ss, ps, pos), max(se, pos)):
            aid = h.actor
            if aid is None or h.source == "generic":
                continue
            if later is None and h.start >= pos and h.end <= se and aid:
                c = country(aid)
                if c and (usable is None or c in usable):
                    later = c  # 外长表示，韩国政府…: the sentence names the country after the title
            if h.end > pos:
                continue
            c = country(aid)
            if not c or (usable is not None and c not in usable):
                continue
            if h.start >= ss:
                best_sent = c
            if h.start >= ps:
                best_par = c
        if best_sent:
            return best_sent, "sentence"
        if later:
            return later, "sentence (after)"
        if best_par:
            return best_par, "paragraph"
        if self.dominant and (usable is None or self.dominant in usable):
            return self.dominant, "document"
        if usable is not None and self.thread:
            # 共和党控制的国会 in a comment under an Iran story: the country the body names most among those
            # for which the noun means something (USA), not the body's dominant one (IRN)
            named = [(n, c) for c, n in self.thread.items() if c in usable]
            if named:
                return max(named)[1], "thread"
        if usable is not None:
            c, where = self.context_country(hits, pos)
            return c, where
        return None, "none"

    def choose(self, als: list[Alias], country: str | None) -> tuple[str | None, str | None]:
        if len(als) == 1:
            return als[0].id, None
        ids = list(dict.fromkeys(a.id for a in als))
        if len(ids) <= 1:
            return (ids[0] if ids else None), None
        by_country = [i for i in ids if self.country_of(i) == country] if country else []
        held = [i for i in ids if self._holds_role(i)]
        for pool, why in ((by_country, "country in context"), (held, "role at document date")):
            if len(pool) == 1:
                return pool[0], f"ambiguous alias ({', '.join(ids)}): chose by {why}"
        return ids[0], f"ambiguous alias ({', '.join(ids)}): chose the first"

    def _by_part_countries(self, hits: list[Hit], als: list[Alias], aid: str | None,
                           note: str | None) -> tuple[str | None, str | None]:
        """An ambiguous alias the nearby context does not settle (阿方 = Afghanistan or Argentina, 巴方 =
        Brazil, Pakistan or Palestine): the candidate whose country the part names most often with
        unambiguous mentions, before or after it; unchanged when none or a tie."""
        counts = self._part_countries
        if counts is None:
            counts = self._part_countries = Counter(
                c for h in hits if len({a.id for a in h.candidates}) == 1 or h.actor is not None
                if (c := self.country_of(h.actor or h.candidates[0].id)))
        ranked = sorted(((counts.get(self.country_of(a.id) or "", 0), a.id) for a in als), reverse=True)
        if ranked and ranked[0][0] > 0 and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
            return ranked[0][1], f"ambiguous alias: chose {ranked[0][1]}, the country the part names most"
        return aid, note

    def _holds_role(self, aid: str) -> bool:
        e = self.gaz.entry(aid)
        if not e or not e.roles or not self.date:
            return False
        d = self.date if len(self.date) > 4 else self.date + "-07-01"
        return any((r.start or "") <= d <= (r.end or "9999") for r in e.roles)

    def office_to_person(self, aid: str | None, note: str | None, written: str = "") -> tuple[str | None, str | None]:
        if aid not in self.gaz.office_ids:
            return aid, note
        e = self.gaz.entries[aid]
        pid, why = self.gaz.holder(aid, self.date)
        word = next((w for w in self.gaz.gendered_titles if w in written), None) if written else None
        if word is not None:
            # 女王 the day after the queen died, or years later: the last holder whose own title says queen,
            # not the king who followed (lexicon.yaml gendered_titles)
            alt = self.gaz.last_holder_titled(aid, self.date, word)
            if alt is not None and alt != pid:
                return alt, f"title {written} -> the last holder titled {word} by {self.date}"
        if pid:
            return pid, f"title {e.name_zh or aid} -> holder on {self.date}"
        return aid, f"title only: {why}"

    def anaphor_country(self, hits: list[Hit], pos: int) -> tuple[str | None, str]:
        ps = self.text.rfind("\n", 0, pos) + 1
        for h in reversed(self._window(hits, ps, pos)):
            if h.end > pos or h.start < ps or h.actor is None or h.source in ("generic", "anaphor"):
                continue
            if h.candidates and all(a.kind in ("capital", "seat") for a in h.candidates):
                continue
            c = self.country_of(h.actor)
            if c:
                return c, f"last country named before it ({h.alias})"
        return self.context_country(hits, pos)

    def office_to_organization(self, alias: str, office: str, note: str | None,
                               country: str | None = None) -> tuple[str, str | None]:
        """A post held by several people at once (中国外交部发言人) named without a name speaks for its
        organisation: the longest organisation alias the title starts with (中国外交部; a bare 外交部 by
        the country in context). Other unresolved titles stay the office."""
        if len(self.gaz.holders_on(office, self.date)) < 2:
            return office, note
        org = self._title_organization(alias, country)
        return (org, f"{alias}: a post several people hold, read as its organisation") if org else (office, note)

    def _title_organization(self, alias: str, country: str | None) -> str | None:
        """The longest organisation alias `alias` starts with (a generic noun by `country`); a seat of
        power written for its state (白宫) is the state."""
        gaz = self.gaz
        for k in range(len(alias) - 1, 1, -1):
            p = alias[:k]
            org = next((a.id for a in gaz.aliases.get(p, ()) if a.id in gaz.org_ids), None)
            if org is None and country:
                org = gaz.generic.get(p, {}).get(country)
                org = org if org in gaz.org_ids else None
            if org:
                return gaz.seat_organizations.get(org, org)
        # 美国白宫发言人: the state written before the organisation's own name
        for k in range(len(alias) - 3, 1, -1):
            if any(a.id in gaz.state_ids for a in gaz.aliases.get(alias[:k], ())):
                return self._title_organization(alias[k:], country)
        return None

    def voice_organizations(self, hits: list[Hit]) -> list[Hit]:
        """美国国务院发言人表示: a post that speaks for its organisation (`organization_voice_titles`) named
        without a name is the organisation, not the one holder the gazetteer knows (deputies and unnamed
        officials speak under the same title). Run after titles were joined to names."""
        gaz = self.gaz
        for h in hits:
            # merged with a name after the title (白宫发言人让-皮埃尔): the person; with only its state
            # before it (美国|白宫发言人): still the post
            named = h.merged and not self.text.endswith(h.alias, 0, h.end)
            if (named or h.actor is None or not h.alias.endswith(gaz.organization_voice_titles)
                    or not is_title_hit(gaz, h) or (h.actor not in gaz.person_ids and h.actor not in gaz.office_ids)):
                continue
            org = self._title_organization(h.alias, gaz.country_by_id.get(h.actor))
            if org:
                h.actor, h.note = org, f"{h.alias}: a post speaking for its organisation"
        return hits

    def resolve(self, hits: list[Hit]) -> list[Hit]:
        gaz = self.gaz
        # (starts do not move while resolving: only ends do, for 爱沙尼亚外交部 and seats of posts)
        starts = [h.start for h in hits]
        self._hits, self._hit_starts = hits, starts if all(map(int.__le__, starts, starts[1:])) else None
        for h in hits:
            if h.source in ("generic",) or h.actor is not None:
                continue
            if h.source == "anaphor":
                # 该国: the state named last before it in the paragraph, not counting capitals (访问北京。
                # 该国… is about the visitor's state); else the country in context.
                c, where = self.anaphor_country(hits, h.start)
                if c and c in gaz.entries:
                    h.actor, h.note = c, f"{h.alias}: the country in context ({where})"
                continue
            cands = h.candidates
            if len(cands) == 1:  # most candidates: what choose() answers for one alias
                aid, note = cands[0].id, None
            elif cands:
                c, _ = self.context_country(hits, h.start)
                aid, note = self.choose(cands, c)
                if note and note.endswith("chose the first"):
                    aid, note = self._by_part_countries(hits, cands, aid, note)
            else:
                aid, note = None, None
            aid = gaz.seat_organizations.get(aid, aid)  # 白宫: a seat of power written for its state
            if h.alias in gaz.state_force_aliases and aid in gaz.org_ids:
                # 乌克兰军队: a state's name + a generic armed-forces noun is the state (PLOVER: country + MIL)
                aid, note = gaz.state_force_aliases[h.alias], f"{h.alias}: a state's armed forces, coded as the state"
            h.actor, h.note = self.office_to_person(aid, note, h.alias) if aid in gaz.office_ids else (aid, note)
            if h.actor in gaz.office_ids:
                h.actor, h.note = self.office_to_organization(h.alias, h.actor, h.note)
        if self.dominant is None:
            self.dominant = dominant_country(gaz, [h for h in hits if h.source != "generic"])
        prev_end: dict[int, Hit] = {h.end: h for h in hits if h.source != "generic" and h.actor in gaz.state_ids}
        for h in hits:
            if h.source != "generic":
                continue
            per_country = gaz.generic.get(h.alias, {})
            before = prev_end.get(h.start)
            if before is not None and (before.actor not in per_country or h.alias in gaz.armed_force_nouns):
                # 爱沙尼亚外交部, 洪都拉斯外交部长: the state written right before the noun is its country
                # even when the gazetteer has no entry for that state's ministry or post; the state
                # mention stands for it (a post is left to the unknown-person step).
                h.note = f"generic {h.alias}: {before.actor}'s, not in the gazetteer"
                if h.alias not in gaz.title_nouns:
                    before.end = h.end
                continue
            c, where = self.context_country(hits, h.start, set(per_country))
            if self.writer_home in per_country and where != "sentence" and h.alias in gaz.writer_home_generics:
                # 國防部表示 in Taiwanese copy: Taiwan's ministry unless the sentence named a state before it
                c, where = self.writer_home, "the writer's own country"
            if self.home in per_country and not where.startswith("sentence") and h.alias in gaz.home_generics:
                # 外交部的声明还是太温柔 under a story about Japan: a reader's bare 外交部 is their own country's
                c, where = self.home, "the commenter's own country"
            if c and c in per_country:
                aid, note = per_country[c], f"generic {h.alias}: country {c} from {where}"
            elif h.candidates:
                aid, note = self.choose(h.candidates, c)
            else:
                h.note = f"generic {h.alias}: no actor for country {c or 'unknown'} ({where})"
                continue
            h.actor, n2 = self.office_to_person(aid, note, h.alias)
            h.note = f"{note}; {n2}" if n2 and n2 != note else note
            if h.actor in gaz.office_ids:
                h.actor, h.note = self.office_to_organization(h.alias, h.actor, h.note, c)
        self._seats_and_offices(hits)
        return [h for h in hits if h.actor is not None or h.source == "generic"]

    def _is_title(self, h: Hit) -> bool:
        return h.alias in self.gaz.title_aliases or h.alias in self.gaz.title_nouns

    def _seats_and_offices(self, hits: list[Hit]) -> None:
        """法国总统府 is the seat of the office (the state); 就任台湾地区领导人 names the office, whose state
        written at its start is the mention (a bare title after such a verb is none)."""
        gaz, text = self.gaz, self.text
        for h in hits:
            if h.actor is None or not self._is_title(h):
                continue
            suf = next((x for x in gaz.title_seat_suffixes if text.startswith(x, h.end)), None)
            if suf is not None:
                c = self.country_of(h.actor)
                if c in gaz.state_ids:
                    h.actor, h.end, h.source = c, h.end + len(suf), "seat"
                    h.note = f"{text[h.start:h.end]}: the seat of a post, its state"
                continue
            if (gaz.office_verbs and text.endswith(gaz.office_verbs, 0, h.start)) or (
                    gaz.office_after_re is not None and gaz.office_after_re.match(text, h.end)):
                state = None
                for k in range(len(h.alias) - 1, 0, -1):
                    # the state or organisation the post belongs to (台湾地区, 自民党 in 当选自民党总裁)
                    state = next((a.id for a in gaz.aliases.get(h.alias[:k], ())
                                  if a.id in gaz.state_ids or a.id in gaz.org_ids), None)
                    if state:
                        h.end, h.actor, h.source = h.start + k, state, "alias"
                        h.note = f"{h.alias} after {text[max(0, h.start - 2):h.start]}: the office, not its holder"
                        break
                if state is None:
                    h.actor, h.note = None, f"{h.alias}: the office named after a verb of taking office"


def is_title_hit(gaz: Gazetteer, h: Hit) -> bool:
    """A mention that names a post rather than a person: office aliases, composed titles, generics."""
    if h.source == "generic":
        return h.alias in gaz.title_nouns or h.alias in gaz.title_aliases
    return h.source in ("alias", "latin") and h.alias in gaz.title_aliases


def merge_titles(gaz: Gazetteer, text: str, hits: list[Hit]) -> list[Hit]:
    """美国国务卿布林肯 and 拜登总统 are one mention of the person."""
    hits = sorted(hits, key=lambda h: h.start)
    out: list[Hit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if nxt and is_title_hit(gaz, h) and _is_person(gaz, nxt) and text[h.end:nxt.start].strip(" ·") == "":
            if h.actor != nxt.actor and h.actor in gaz.person_ids and _name_part_of(gaz, h.actor, nxt.alias):
                # 欧洲理事会主席米歇尔: the title's holder bears that name (Charles Michel, not Michelle Obama)
                nxt.actor, nxt.note = h.actor, f"{nxt.alias}: the name of the title's holder"
            nxt.title = h.alias
            nxt.start, nxt.merged = h.start, True
            i += 1
            continue
        if nxt and _is_person(gaz, h) and is_title_hit(gaz, nxt) and nxt.start == h.end:
            h.end, h.merged, h.title = nxt.end, True, nxt.alias
            out.append(h)
            i += 2
            continue
        out.append(h)
        i += 1
    return out


def _name_part_of(gaz: Gazetteer, pid: str, part: str) -> bool:
    """`part` is the first or last part of one of the person's dotted names (米歇尔 of 查尔斯·米歇尔); read
    from the one entry, not from Gazetteer.name_parts (built over every person: a cost per process)."""
    e = gaz.entry(pid)
    if e is None:
        return False
    for nm in [e.name_zh or ""] + [a for a in e.aliases if isinstance(a, str)]:
        parts = [x for x in fold(nm).split("·") if x]
        if len(parts) >= 2 and part in (parts[0], parts[-1]):
            return True
    return False


def merge_prefixes(gaz: Gazetteer, text: str, hits: list[Hit]) -> list[Hit]:
    """After titles and unknown persons are joined to names: 香港 + 特首林郑月娥 and 该国 + 总统 (a state
    right before a titled mention of its own person), 国务委员 + 兼 + 外长王毅 (a second post joined by
    兼), and a title right before a name found later (美国国务院发言人 + 米勒) are one mention."""
    if any(h.source in ("coref", "unknown") for h in hits):
        hits = merge_titles(gaz, text, hits)
    merged: list[Hit] = []
    for h in hits:
        prev = merged[-1] if merged else None
        titled = h.merged or is_title_hit(gaz, h) or gaz.title_or_honorific_re.match(h.alias or "") is not None
        if prev is not None and _is_person(gaz, h) and titled and (
                (prev.end == h.start and prev.actor in gaz.state_ids
                 and gaz.country_by_id.get(h.actor or "") == prev.actor)
                or (is_title_hit(gaz, prev) and text[prev.end:h.start] in gaz.title_joiners)
                # 中共中央总书记、国家主席习近平: a list of posts before the name, the first resolved to him
                or (text[prev.end:h.start] == "、" and prev.actor == h.actor and is_title_hit(gaz, prev))
                # 越南副总理兼外长裴青山: the state, a post without an entry, 兼, and the titled person
                or (prev.actor in gaz.state_ids and gaz.country_by_id.get(h.actor or "") == prev.actor
                    and _joined_post(gaz, text[prev.end:h.start]))):
            h.start, h.merged = prev.start, True
            merged[-1] = h
            continue
        merged.append(h)
    return merged


def _joined_post(gaz: Gazetteer, between: str) -> bool:
    """`between` is a post from titles.yaml followed by a joiner (副总理兼)."""
    j = next((x for x in gaz.title_joiners if between.endswith(x)), None)
    return j is not None and between[:-len(j)] in gaz.titles


def _is_person(gaz: Gazetteer, h: Hit) -> bool:
    a = h.actor
    return a is not None and (a in gaz.person_ids or a.startswith("local:"))


def dominant_country(gaz: Gazetteer, hits: list[Hit]) -> str | None:
    cnt: Counter[str] = Counter()
    for h in hits:
        e = gaz.entry(h.actor) if h.actor else None
        if e and e.country:
            cnt[e.country] += 2 if e.type == "state" else 1
    return cnt.most_common(1)[0][0] if cnt else None
