"""Statistical stance decision: a small linear model that reads the cue rules' verdict as one feature
among others and decides support / oppose / neutral for every (comment, actor) pair.

Why: the cue rules of ``shiju.reactions`` are precise when they fire, but on unseen forum threads most
polar pairs get no cue (the stance is in a sarcastic aside, a verdict on the comment's main target, a
reply agreeing with its parent) and come out neutral. Annotators read the whole comment and the thread;
so does this model, with features that each carry a span of the comment's Simplified text:
- ``r:`` the rules' verdict on the actor (and ``r2:`` a strong one), ``o:`` their verdict on other actors;
- ``k:`` / ``s:`` / ``c:`` polarity of lexicon cues in the actor's clause / sentence / elsewhere in the
  comment, whatever the scope rules did with them; ``sar`` sarcasm markers;
- ``q:`` / ``x:`` the actor's sentence asks (？) or exclaims; ``g:`` the marker groups of the model file;
- the shape of the mention: the comment's first or only actor, subject position, repeated, its kind
  (state, person, organisation), named in the news body;
- ``p:`` the rules' verdict on the same actor in the parent comment; ``t:`` in the rest of the thread;
- ``n:`` character unigrams and bigrams of the actor's sentences, actor names masked (Ⓐ the actor judged,
  Ⓞ any other), so that no weight is tied to a name.
Weights live in ``data/stance/decider.yaml`` (one reviewable line per feature, with its training
provenance), trained by ``python -m shiju.stance_decider train``; inference is pure Python. Without the
file (or with ``enabled: false``) the rules decide alone.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from bisect import bisect_left
from functools import cached_property, lru_cache
from typing import Any, Iterable, Sequence

from shiju.stance_model import StanceModelError, read_weights_and_groups

LABELS = ("support", "oppose", "neutral")
Span = tuple[int, int]
Feats = dict[str, Span]
_SENT_END = set("。！？!?\n")
_CLAUSE_END = _SENT_END | set("，,；;：:…~～ ")
_PREPS = set("跟和与同对向给替为把让帮从在被比")
TARGET, OTHER = "Ⓐ", "Ⓞ"
# feature options a model file may switch on (`options:`), each chosen by leave-one-annotator-set-out CV
OPTIONS = frozenset({"quoted_lines", "echo", "parent_labels", "actor_prior", "window"})
WINDOW = 8  # characters each side of an actor's mention, within its clause, that option `window` reads
_NGRAM = re.compile(r"^(C:)?n:")
IMPLIED = frozenset({"imp:topic", "imp:pronoun"})  # features of a target reached by reactions.implied_mentions


@dataclass(frozen=True)
class DeciderModel:
    weights: dict[str, tuple[float, float, float]]
    groups: dict[str, tuple[str, ...]]
    ngrams: bool = True
    enabled: bool = True
    context: bool = False  # also judge actors a comment targets without naming them (context_candidates)
    options: frozenset[str] = frozenset()  # feature options (OPTIONS), from the file's `options:` list
    echo_after: tuple[str, ...] = ()  # what follows a parent's words echoed to deny them (option `echo`)
    context_min_prob: float = 0.0  # an unnamed actor is listed only when its support/oppose is this probable
    # the thread's actors are judged for a comment naming nobody (`context_thread`; training always sees them)
    context_thread: bool = True

    def prob(self, feats: Iterable[str]) -> list[float]:
        """The probabilities of LABELS (softmax of `scores`)."""
        z = self.scores(feats)
        m = max(z)
        e = [math.exp(v - m) for v in z]
        t = sum(e)
        return [v / t for v in e]

    @cached_property
    def ngram_vocab(self) -> frozenset[str]:
        """The n-grams (without their `n:` / `C:n:` prefix) the model weighs: feature extraction skips the
        others."""
        return frozenset(f[f.index("n:") + 2:] for f in self.weights if _NGRAM.match(f))

    def confident(self, feats: Feats, label: str) -> bool:
        """Whether a support/oppose decision may be listed: always for a named actor; for one the comment
        targets without naming it (`imp:` features, or an unnamed context pair), only when `label` is at
        least `context_min_prob` probable (a wrong target is worse for a reader than a missing one)."""
        if not self.context_min_prob or not (IMPLIED & feats.keys() or CTX + "bias" in feats):
            return True
        return self.prob(feats)[LABELS.index(label)] >= self.context_min_prob

    def scores(self, feats: Iterable[str]) -> list[float]:
        z = [0.0, 0.0, 0.0]
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                z[0] += w[0]
                z[1] += w[1]
                z[2] += w[2]
        return z

    def predict(self, feats: Feats) -> tuple[str, Span]:
        """The best label and its evidence: the span of the feature that favours it most over the
        runner-up label (for neutral, the actor's first mention, which `feats['bias']` holds; for an actor
        the comment does not name, the comment's first sentence, in `feats['C:bias']`)."""
        weights = self.weights
        # one lookup per feature, reused for the evidence (same order, so the same sums and ties)
        known = [(f, w, sp) for f, sp in feats.items() if (w := weights.get(f)) is not None]
        z0 = z1 = z2 = 0.0
        for _, w, _ in known:
            z0 += w[0]
            z1 += w[1]
            z2 += w[2]
        z = (z0, z1, z2)
        k = max(range(3), key=lambda i: (z[i], -i))
        bias = feats["bias"] if "bias" in feats else feats["C:bias"]
        if k == 2:
            return "neutral", bias
        o1, o2 = (j for j in range(3) if j != k)
        best, span = -math.inf, bias
        for f, w, sp in known:
            if f != "bias" and f != "C:bias":
                gain = w[k] - (w[o1] if w[o1] > w[o2] else w[o2])
                if gain > best:
                    best, span = gain, sp
        return LABELS[k], span


# -- features ----------------------------------------------------------------------------------------

def _bounds(text: str, pos: int, ends: set[str]) -> Span:
    s = pos
    while s > 0 and text[s - 1] not in ends:
        s -= 1
    e = pos
    while e < len(text) and text[e] not in ends:
        e += 1
    return s, min(e + 1, len(text))  # the end mark belongs to its clause (…吗？)


class _Comment:
    """What every actor of one comment shares, computed once per comment rather than once per pair:
    sorted mentions, clause and sentence breaks (bounds by bisection, as `_bounds` finds them), and the
    n-gram features of each sentence per masking. `vocab`, when given, keeps only the n-grams it holds
    (the model's features: the others weigh nothing, and dropping them keeps the order, hence the sums
    and the evidence, of those that remain)."""

    __slots__ = ("text", "ments", "_breaks", "_toks", "_starts", "vocab", "_quoted")

    def __init__(self, trace: dict[str, Any], vocab: frozenset[str] | None = None) -> None:
        self.text: str = trace["text"]
        self.ments: list[tuple[int, int, str]] = sorted(trace["mentions"])
        self._breaks: dict[int, list[int]] = {}
        self._toks: dict[tuple[int, int, tuple[str, ...]], list[tuple[str, Span]]] = {}
        self._starts: dict[int, tuple[int, int, str]] | None = None
        self.vocab = vocab
        self._quoted: list[Span] | None = None

    @property
    def quoted(self) -> list[Span]:
        """The lines that quote another voice (forum replies open with `> the parent's words`): they are
        not the commenter's speech, so with a model's `quoted_lines` their cues and words are kept apart."""
        if self._quoted is None:
            self._quoted = []
            k = 0
            for line in self.text.splitlines(keepends=True):
                if line.lstrip(" \t\u3000").startswith((">", "＞")):
                    self._quoted.append((k, k + len(line)))
                k += len(line)
        return self._quoted

    def in_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.quoted)

    def bounds(self, pos: int, ends: set[str]) -> Span:
        key = id(ends)
        br = self._breaks.get(key)
        if br is None:
            br = self._breaks[key] = [i for i, ch in enumerate(self.text) if ch in ends]
        n = len(self.text)
        j = bisect_left(br, pos)
        return (br[j - 1] + 1 if j else 0), min((br[j] if j < len(br) else n) + 1, n)

    def ngrams(self, a: int, b: int, actor: str) -> list[tuple[str, Span]]:
        """The n-gram features of sentence [a, b) for `actor`, in the order of the text (each position's
        unigram, then its bigram with the next token), the mentions masked; cached per sentence and
        masking."""
        chunks, ments = self._pieces(a, b)
        marks = tuple(TARGET if aid == actor else OTHER for _, _, aid in ments)
        key = (a, b, marks)
        out = self._toks.get(key)
        if out is not None:
            return out
        text, vocab = self.text, self.vocab
        out: list[tuple[str, Span]] = []
        app = out.append
        pt, ps = "", -1  # the previous token and its start (a bigram is emitted before its second unigram)
        if vocab is None:
            for (k, ms), (s, e, _), t in zip(chunks, ments + [(b, b, "")], marks + ("",)):
                for j in range(k, ms):
                    c = text[j]
                    if ps >= 0 and (pt + c).strip():
                        app(("n:" + pt + c, (ps, j + 1)))
                    if c.strip():
                        app(("n:" + c, (j, j + 1)))
                    pt, ps = c, j
                if t:
                    if ps >= 0:
                        app(("n:" + pt + t, (ps, e)))
                    app(("n:" + t, (s, e)))
                    pt, ps = t, s
        else:  # only what the model weighs (most characters' n-grams are skipped without building a name)
            for (k, ms), (s, e, _), t in zip(chunks, ments + [(b, b, "")], marks + ("",)):
                for j in range(k, ms):
                    c = text[j]
                    if ps >= 0:
                        bg = pt + c
                        if bg in vocab:
                            app(("n:" + bg, (ps, j + 1)))
                    if c in vocab:
                        app(("n:" + c, (j, j + 1)))
                    pt, ps = c, j
                if t:
                    if ps >= 0 and pt + t in vocab:
                        app(("n:" + pt + t, (ps, e)))
                    if t in vocab:
                        app(("n:" + t, (s, e)))
                    pt, ps = t, s
        self._toks[key] = out
        return out

    def tokens(self, a: int, b: int, actor: str) -> list[tuple[str, Span]]:
        """Text [a, b) as tokens with their spans: one per character, a mention starting inside it one
        token (Ⓐ for `actor`, Ⓞ another; it may end after b)."""
        chunks, ments = self._pieces(a, b)
        out: list[tuple[str, Span]] = []
        for (k, ms), m in zip(chunks, ments + [None]):
            out.extend((self.text[j], (j, j + 1)) for j in range(k, ms))
            if m is not None:
                out.append((TARGET if m[2] == actor else OTHER, (m[0], m[1])))
        return out

    def _pieces(self, a: int, b: int) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
        """Sentence [a, b) as plain stretches and the mentions between them: the first mention starting
        at an offset becomes one token, and a mention starting inside it is no token of its own."""
        if self._starts is None:
            self._starts = {m[0]: m for m in reversed(self.ments) if m[1] > m[0]}
        chunks: list[tuple[int, int]] = []
        ments: list[tuple[int, int, str]] = []
        k = a
        for ms in sorted(x for x in self._starts if a <= x < b):
            if ms < k:
                continue
            m = self._starts[ms]
            chunks.append((k, ms))
            ments.append((ms, min(m[1], b), m[2]))
            k = m[1]
        chunks.append((k, max(k, b)))
        return chunks, ments


def totals(trace: dict[str, Any]) -> dict[str, float]:
    """The rules' summed score per actor of one comment's trace."""
    out: dict[str, float] = {}
    for _, _, score, actors in trace.get("hits", ()):
        for a in actors:
            out[a] = out.get(a, 0.0) + score
    return out


def _verdict(score: float | None) -> str:
    return "none" if score is None else "support" if score > 0 else "oppose" if score < 0 else "neutral"


def _own_sentences(c: _Comment) -> list[Span]:
    """The sentences of the comment outside its quoted lines (what the commenter says)."""
    out: list[Span] = []
    k = 0
    while k < len(c.text):
        a, b = c.bounds(k, _SENT_END)
        if not c.in_quote(a) and c.text[a:b].strip():
            out.append((a, b))
        k = max(b, k + 1)
    return out


def pair_features(trace: dict[str, Any], actor: str, groups: dict[str, tuple[str, ...]],
                  parent: dict[str, float] | None = None, thread: tuple[int, int] = (0, 0),
                  in_body: bool = False, ngrams: bool = True, _c: _Comment | None = None,
                  options: frozenset[str] = frozenset(), country: str | None = None) -> Feats:
    """Features of (comment, actor), each with a span of the comment's Simplified text (`trace['text']`):
    `parent` is the rules' totals in the parent comment (None when the comment is no reply), `thread` the
    number of other comments of the document the rules judged opposing / supporting the actor. `options`
    (OPTIONS) add features. With `quoted_lines`, a comment's quoted lines (> …) are another's voice: the
    rules' verdicts and cues there become `Q` features (a reply mostly disputes what it quotes: 普京大帝威武
    → 威武个屁), and an actor named only there is judged by the words of the rest of the comment."""
    c = _c if _c is not None else _Comment(trace)
    text = c.text
    ments = c.ments
    mine = [(s, e) for s, e, a in ments if a == actor]
    if not mine:
        raise ValueError(f"actor {actor} is not mentioned in the comment")
    first = mine[0]
    f: Feats = {"bias": first}
    implied = {(s, e) for s, e, a in trace.get("implied", ()) if a == actor}
    if implied and all(m in implied for m in mine):  # targeted unnamed (reactions.implied_mentions)
        f["imp:" + ("topic" if first[0] == first[1] else "pronoun")] = first
    quote = "quoted_lines" in options and bool(c.quoted)
    hits = trace.get("hits", ())
    cues = trace.get("cues", ())
    sarcasm = trace.get("sarcasm", ())
    if quote:  # the commenter's own words decide `r:`, `k:`…; the quoted ones become `Q` features
        qhits = [h for h in hits if c.in_quote(h[0])]
        hits = [h for h in hits if not c.in_quote(h[0])]
        qtot = totals({"hits": qhits})
        f["Qr:" + _verdict(qtot.get(actor))] = first
        own_pol = 0
        for s, e, pol in cues:
            if c.in_quote(s):
                f.setdefault("Qc:" + ("+" if pol > 0 else "-"), (s, e))
            else:
                own_pol += 1 if pol > 0 else -1
        f["Qr:%s&own:%s" % (_verdict(qtot.get(actor)), "+" if own_pol > 0 else "-" if own_pol < 0 else "0")] = first
        cues = [x for x in cues if not c.in_quote(x[0])]
        sarcasm = [x for x in sarcasm if not c.in_quote(x[0])]
        own = [m for m in mine if not c.in_quote(m[0])]
        if not own:
            f["onlyq"] = first
        mine = own
    tot = totals({"hits": hits})
    score = tot.get(actor, 0.0)
    best = [h for h in hits if actor in h[3] and score and (h[2] > 0) == (score > 0)]
    hspan = (best[0][0], best[0][1]) if best else first
    f["r:" + _verdict(score)] = hspan
    if abs(score) >= 2:
        f["r2:" + _verdict(score)] = hspan
    for h in hits:
        for a in h[3]:
            if a != actor and tot.get(a):
                f.setdefault("o:" + _verdict(tot[a]), (h[0], h[1]))
    clauses = [c.bounds(s, _CLAUSE_END) for s, _ in mine]
    # an actor named only in a quote: what the commenter says about it is the whole rest of the comment
    sents = [c.bounds(s, _SENT_END) for s, _ in mine] if mine else _own_sentences(c)
    for s, e, pol in cues:
        sign = "+" if pol > 0 else "-"
        where = ("k" if any(a <= s < b for a, b in clauses) else "s" if any(a <= s < b for a, b in sents)
                 else "c")
        f.setdefault(f"{where}:{sign}", (s, e))
        f.setdefault(f"any:{sign}", (s, e))
    for s, e in sarcasm:
        f.setdefault("sar", (s, e))
    for a, b in sents:
        end = text[b - 1] if b > a else ""
        if end in "？?":
            f.setdefault("q:s", (b - 1, b))
        elif end in "！!":
            f.setdefault("x:s", (b - 1, b))
    if "？" in text or "?" in text:
        i = text.find("？") if "？" in text else text.find("?")
        f.setdefault("q:c", (i, i + 1))
    sent_text = "".join(text[a:b] for a, b in dict.fromkeys(sents))
    for name, words in groups.items():
        m = _group_rx(words).search(sent_text)
        if m is not None:
            j = text.find(m.group(0))
            f.setdefault("g:" + name, (j, j + len(m.group(0))))
    nact = len({a for _, _, a in ments})
    f["nact=%d" % min(nact, 3)] = first
    if ments[0][2] == actor:
        f["first"] = first
    if len(mine) > 1:
        f["repeat"] = mine[1]
    mine = mine or [first]
    s0 = first[0]
    pre = text[s0 - 1] if s0 > 0 else ""
    f["pre:" + ("CL" if not pre or pre in _CLAUSE_END else "PREP" if pre in _PREPS else "X")] = first
    kind = ("state" if re.fullmatch(r"[A-Z]{3}", actor) else actor.split(":", 1)[0] if ":" in actor else "x")
    f["kind:" + kind] = first
    if "actor_prior" in options:  # how forum readers tend to judge this actor, and its state's people
        f["id:" + actor] = first
        if country and country != actor:
            f["cty:" + country] = first
    if in_body:
        f["body"] = first
    if parent is not None:
        f["reply"] = first
        f["p:" + _verdict(parent.get(actor))] = first
    opp, sup = thread
    f["t:" + ("oppose" if opp > sup else "support" if sup > opp else "none")] = first
    if ngrams:
        _ngram_features(c, actor, sents, f)
    if "window" in options:
        _window_features(c, actor, mine, f)
    return f


def _window_features(c: _Comment, actor: str, mine: list[Span], f: Feats, width: int = WINDOW) -> None:
    """Option `window`: character unigrams and bigrams of the `width` characters right after each mention
    of the actor (`R:`) and right before it (`L:`), each side cut at its clause's end, names masked, plus
    the bigram that follows the mention (`R1:`, its predicate: Ⓐ加油, Ⓐ完了) and the character before it
    (`L1:`, 挺Ⓐ, 让Ⓐ). The sentence n-grams say what a comment says; these say what it says next to the
    actor, which is what tells the actor judged from the others named in the same sentence (session 12:
    leave-one-annotator-set-out mean 0.605 -> 0.617, every set up)."""
    text = c.text
    for s, e in mine:
        j = e
        while j < len(text) and j < e + width and text[j] not in _CLAUSE_END:
            j += 1
        right = c.tokens(e, j, actor)
        for name, sp in _uni_bigrams("R:", right):
            f.setdefault(name, sp)
        if len(right) >= 2:
            f.setdefault("R1:" + right[0][0] + right[1][0], (right[0][1][0], right[1][1][1]))
        i = s
        while i > 0 and i > s - width and text[i - 1] not in _CLAUSE_END:
            i -= 1
        left = c.tokens(i, s, actor)
        for name, sp in _uni_bigrams("L:", left):
            f.setdefault(name, sp)
        if left:
            f.setdefault("L1:" + left[-1][0], left[-1][1])


def _uni_bigrams(prefix: str, toks: list[tuple[str, Span]]) -> Iterable[tuple[str, Span]]:
    for k, (t, sp) in enumerate(toks):
        if t.strip():
            yield prefix + t, sp
        if k + 1 < len(toks) and (t + toks[k + 1][0]).strip():
            yield prefix + t + toks[k + 1][0], (sp[0], toks[k + 1][1][1])


@lru_cache(maxsize=64)
def _group_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words) or "(?!)")


def _ngram_features(c: _Comment, actor: str, sents: list[Span], f: Feats) -> None:
    """Character unigrams and bigrams of the actor's sentences, mentions masked (Ⓐ the actor, Ⓞ another),
    each with the span of its first occurrence."""
    for a, b in dict.fromkeys(sents):
        for name, sp in c.ngrams(a, b, actor):
            if name not in f:
                f[name] = sp


def echo_span(c: _Comment, parent: str, after: tuple[str, ...], longest: int = 4) -> Span | None:
    """Where the comment echoes 2-`longest` characters of its parent's text followed by one of `after`
    (效率高？, 英雄个屁), outside its quoted lines: a reply disputing what its parent said. None otherwise."""
    text = c.text
    for m in after:
        i = text.find(m)
        while i >= 2:
            if not c.in_quote(i):
                for k in range(min(longest, i), 1, -1):
                    piece = text[i - k:i]
                    if not any(ch in _CLAUSE_END for ch in piece) and piece in parent:
                        return i - k, i + len(m)
            i = text.find(m, i + 1)
    return None


def document_features(doc: Any, traces: dict[str, dict[str, Any]], tree: dict[str, dict[str, Any]],
                      groups: dict[str, tuple[str, ...]], ngrams: bool = True,
                      vocab: frozenset[str] | None = None,
                      options: frozenset[str] = frozenset(),
                      echo_after: tuple[str, ...] = ()) -> dict[tuple[str, str], Feats]:
    """Features of every (comment id, actor) pair the rules judged in a document; with `vocab` (a model's
    `ngram_vocab`), n-grams outside it are left out (they weigh nothing)."""
    tots = {cid: totals(t) for cid, t in traces.items()}
    body = {a.id for a in doc.actors for m in a.mentions if m.part == "body"}
    country = {a.id: a.country for a in doc.actors}
    opp_all: dict[str, int] = {}
    sup_all: dict[str, int] = {}
    for t in tots.values():
        for aid, v in t.items():
            if v < 0:
                opp_all[aid] = opp_all.get(aid, 0) + 1
            elif v > 0:
                sup_all[aid] = sup_all.get(aid, 0) + 1
    out: dict[tuple[str, str], Feats] = {}
    for cid, trace in traces.items():
        par = tree.get(cid, {}).get("parent")
        ptot = tots.get(par, {}) if par is not None else None
        own = tots[cid]
        c = _Comment(trace, vocab)
        echo = None
        if "echo" in options and par is not None and par in traces:
            echo = echo_span(c, traces[par]["text"], echo_after)
            pment = {a for _, _, a in traces[par]["mentions"]}
        for aid in dict.fromkeys(a for _, _, a in trace["mentions"]):
            v = own.get(aid, 0)  # the thread is the other comments: this one's verdict taken out
            opp = opp_all.get(aid, 0) - (v < 0)
            sup = sup_all.get(aid, 0) - (v > 0)
            f = out[(cid, aid)] = pair_features(trace, aid, groups, ptot, (opp, sup), aid in body, ngrams, c,
                                                options, country.get(aid))
            if echo is not None:  # the reply repeats its parent's words to deny them (效率高？, 威武个屁)
                f["echo"] = echo
                f["echo&p:" + _verdict((ptot or {}).get(aid))] = echo
                if aid in pment:
                    f["echo&inparent"] = echo
    return out


def decide(doc: Any, traces: dict[str, dict[str, Any]], tree: dict[str, dict[str, Any]], model: DeciderModel) -> None:
    """Replace each comment's rule stance by the model's decision (same actors, same order); the span is
    the evidence of the decisive feature, in the comment's original text."""
    from shiju.model import Stance

    feats = document_features(doc, traces, tree, model.groups, model.ngrams, model.ngram_vocab, model.options,
                              model.echo_after)
    decided: dict[tuple[str, str], tuple[str, Span]] = {k: model.predict(f) for k, f in feats.items()}
    for k, f in feats.items():  # an implied target (reactions.implied_mentions) is held to the unnamed floor
        if decided[k][0] != "neutral" and not model.confident(f, decided[k][0]):
            decided[k] = ("neutral", f["bias"])
    by_comment: dict[str, list[tuple[str, Feats]]] = {}
    if model.context:
        plabels = ({k: lab for k, (lab, _) in decided.items()} if "parent_labels" in model.options else None)
        for (cid, aid), f in document_context_features(
                doc, traces, tree, model.groups, model.ngrams, model.ngram_vocab,
                model.echo_after if "echo" in model.options else (), plabels, thread=model.context_thread).items():
            by_comment.setdefault(cid, []).append((aid, f))
    for c in doc.comments:
        if c.id not in traces:
            continue
        view = doc.view(f"comment:{c.id}")
        out = []
        for st in c.stance:
            got = decided.get((c.id, st.actor))
            if got is None:
                out.append(st)
                continue
            label, (s, e) = got
            if e <= s:  # an implied target's empty mention: the comment's first sentence is the evidence
                s, e = _Comment(traces[c.id]).bounds(0, _SENT_END)
            os_, oe, _ = view.original_span(s, e)
            out.append(Stance(actor=st.actor, stance=label, start=os_, end=oe))
        for aid, f in by_comment.get(c.id, ()):
            label, (s, e) = model.predict(f)
            # an unnamed actor is listed only when the comment takes a side on it, and probably so: a wrong
            # recipient is worse for a reader than a missing one (a context pair's features hold C:bias)
            if label != "neutral" and model.confident(f, label):
                os_, oe, _ = view.original_span(s, e)
                out.append(Stance(actor=aid, stance=label, start=os_, end=oe))
        c.stance = out


# -- actors a comment targets without naming them ------------------------------------------------------

CTX = "C:"  # the prefix of context pairs' features: their weights are apart from those of named actors


def context_candidates(doc: Any, traces: dict[str, dict[str, Any]],
                       tree: dict[str, dict[str, Any]]) -> dict[str, dict[str, list[str]]]:
    """Per comment id, the actors it does not name but may target, each with how it reached the comment:
    `parent` (named in the comment it replies to), `title` (named in the thread title), `body1` / `body2`
    (the post's most / second most often named actor). Annotators judge these when the comment clearly
    aims at them (a reply disputing its parent, a verdict on the thread's subject); the model decides.
    The thread's actors are candidates only for a comment that names no actor: in fresh5_forum one in
    eight of those is judged, against one in fifty once the comment names someone (a reply's parent's
    actors: one in three)."""
    out: dict[str, dict[str, list[str]]] = {}
    title = doc.title or ""
    count: dict[str, int] = {}
    names: dict[str, set[str]] = {}
    for a in doc.actors:
        for m in a.mentions:
            names.setdefault(a.id, set()).add(m.text)
            if m.part == "body":
                count[a.id] = count.get(a.id, 0) + 1
    ranked = sorted(count, key=lambda k: -count[k])[:2]
    subject: dict[str, list[str]] = {}
    for aid in ranked:
        subject.setdefault(aid, []).append("body1" if aid == ranked[0] else "body2")
    if title:
        for aid, ns in names.items():
            if any(len(n) > 1 and n in title for n in ns):
                subject.setdefault(aid, []).append("title")
    for cid, trace in traces.items():
        own = {a for _, _, a in trace["mentions"]}
        cand = {aid: list(v) for aid, v in subject.items()} if not own else {}
        par = tree.get(cid, {}).get("parent")
        if par is not None and par in traces:
            for aid in dict.fromkeys(a for _, _, a in traces[par]["mentions"]):
                if aid not in own:
                    cand.setdefault(aid, []).append("parent")
        if cand:
            out[cid] = cand
    return out


def comment_context(trace: dict[str, Any], groups: dict[str, tuple[str, ...]], ngrams: bool,
                    c: _Comment) -> tuple[Feats, Feats]:
    """What a whole comment says, the same for every actor it does not name (computed once per comment):
    its signals (verdicts on the actors it names, cue polarity, sarcasm, ？ and ！, quoting its parent,
    marker groups) and its n-grams with every name masked as another's."""
    text = c.text
    first = c.bounds(0, _SENT_END) if text else (0, 0)
    said: Feats = {}
    tot = totals(trace)
    for h in trace.get("hits", ()):
        for a in h[3]:
            if tot.get(a):
                said.setdefault("o:" + _verdict(tot[a]), (h[0], h[1]))
    for s, e, pol in trace.get("cues", ()):
        said.setdefault("any:" + ("+" if pol > 0 else "-"), (s, e))
    for s, e in trace.get("sarcasm", ()):
        said.setdefault("sar", (s, e))
    for ch, name in (("？", "q"), ("?", "q"), ("！", "x"), ("!", "x")):
        i = text.find(ch)
        if i >= 0:
            said.setdefault(name, (i, i + 1))
    if text.startswith(">"):
        said["quotes_parent"] = first
    for name, words in groups.items():
        m = _group_rx(words).search(text)
        if m is not None:
            said.setdefault("g:" + name, m.span())
    words: Feats = {}
    if ngrams and text:
        for name, sp in c.ngrams(0, len(text), ""):
            words.setdefault(CTX + name, sp)
    return said, words


def context_pair_features(trace: dict[str, Any], actor: str, via: list[str], groups: dict[str, tuple[str, ...]],
                          parent: dict[str, float] | None, thread: tuple[int, int], country: dict[str, str | None],
                          ngrams: bool, c: _Comment, said: tuple[Feats, Feats] | None = None,
                          parent_actors: Sequence[str] | None = None, parent_label: str | None = None) -> Feats:
    """Features of (comment, actor) for an actor the comment does not name: how it reached the comment,
    the parent's and the thread's verdicts on it, and what the whole comment says (`comment_context`, which
    `said` may hold already), alone and conjoined with the route. Spans lie in the comment; the first
    sentence stands for the comment."""
    text = c.text
    first = c.bounds(0, _SENT_END) if text else (0, 0)
    signals, words = said if said is not None else comment_context(trace, groups, ngrams, c)
    f: Feats = {CTX + "bias": first}
    for v in via:
        f[CTX + "via:" + v] = first
    if len(via) > 1:
        f[CTX + "via:several"] = first
    names = {a for _, _, a in c.ments}
    f[CTX + "nact=%d" % min(len(names), 2)] = first
    mine = country.get(actor) or actor
    if any((country.get(a) or a) == mine for a in names):
        f[CTX + "same_country"] = first
    if parent is not None:
        f[CTX + "reply"] = first
        f[CTX + "p:" + _verdict(parent.get(actor))] = first
    opp, sup = thread
    f[CTX + "t:" + ("oppose" if opp > sup else "support" if sup > opp else "none")] = first
    # what the comment says matters through how the actor reached it: disputing a parent that praised the
    # actor (威武个屁) opposes it, a bare verdict under a thread about it judges it
    how = ("p=" + _verdict(parent.get(actor)) if parent is not None and "parent" in via else
           "parent" if "parent" in via else "thread")
    for k, sp in signals.items():
        f[CTX + k] = sp
        f[CTX + how + "&" + k] = sp
    f.update(words)
    if parent_actors is not None and "parent" in via:  # option `parent_labels`
        f[CTX + "pn=%d" % min(len(parent_actors), 3)] = first
        if parent_actors and parent_actors[0] == actor:
            f[CTX + "pfirst"] = first
        if parent_label is not None:
            add_parent_label(f, parent_label)
    return f


# what a reply says that, conjoined with the parent's stance, tells agreeing from disputing
_REPLY_SIGNALS = ("q", "x", "any:+", "any:-", "sar", "quotes_parent", "o:support", "o:oppose", "echo")


def add_parent_label(f: Feats, label: str) -> Feats:
    """Add to the features of an unnamed actor reached through the reply parent (option `parent_labels`)
    the decided stance of that parent toward it, alone and with the reply's signals: a reply aiming at its
    parent's actor mostly disputes the parent (in fresh5-7, 61 of 72 such replies that took a side took
    the other side from the parent's), and whether it takes a side at all shows in what it says."""
    first = f[CTX + "bias"]
    pm = CTX + "pm:" + label
    f[pm] = first
    for k in _REPLY_SIGNALS:
        sp = f.get(CTX + k)
        if sp is not None:
            f[pm + "&" + k] = sp
    if CTX + "pfirst" in f:
        f[pm + "&pfirst"] = first
    for k in ("pn=1", "pn=2", "pn=3"):
        if CTX + k in f:
            f[pm + "&" + ("pn=1" if k == "pn=1" else "pn>1")] = first
    return f


def document_context_features(doc: Any, traces: dict[str, dict[str, Any]], tree: dict[str, dict[str, Any]],
                              groups: dict[str, tuple[str, ...]], ngrams: bool = True,
                              vocab: frozenset[str] | None = None,
                              echo_after: tuple[str, ...] = (),
                              parent_labels: dict[tuple[str, str], str] | None = None,
                              parent_info: bool = False, thread: bool = True) -> dict[tuple[str, str], Feats]:
    """Features of every (comment id, actor) pair of `context_candidates` (actors targeted unnamed); with
    `echo_after`, a reply echoing its parent's words to deny them says so (`echo`). With `parent_labels`
    ((comment id, actor) -> decided stance of the named pairs; option `parent_labels`), or `parent_info`
    (training: the labels are added later, `add_parent_label`), a candidate reached through the parent gets
    the parent's shape and stance toward it. With `thread` false, only the candidates reached through the
    reply parent are judged (the model file's `context_thread`): the thread's actors of a comment naming
    nobody are left out, their routes kept on the others so that their features are those trained on."""
    cands = context_candidates(doc, traces, tree)
    if not thread:
        cands = {cid: kept for cid, cand in cands.items()
                 if (kept := {aid: via for aid, via in cand.items() if "parent" in via})}
    if not cands:
        return {}
    tots = {cid: totals(t) for cid, t in traces.items()}
    opp_all: dict[str, int] = {}
    sup_all: dict[str, int] = {}
    for t in tots.values():
        for aid, v in t.items():
            if v < 0:
                opp_all[aid] = opp_all.get(aid, 0) + 1
            elif v > 0:
                sup_all[aid] = sup_all.get(aid, 0) + 1
    country = {a.id: a.country for a in doc.actors}
    out: dict[tuple[str, str], Feats] = {}
    for cid, cand in cands.items():
        par = tree.get(cid, {}).get("parent")
        ptot = tots.get(par, {}) if par is not None else None
        c = _Comment(traces[cid], vocab)
        said = comment_context(traces[cid], groups, ngrams, c)
        if echo_after and par is not None and par in traces:
            sp = echo_span(c, traces[par]["text"], echo_after)
            if sp is not None:
                said[0]["echo"] = sp
        pacts = None
        if (parent_labels is not None or parent_info) and par is not None and par in traces:
            pacts = list(dict.fromkeys(a for _, _, a in sorted(traces[par]["mentions"])))
        for aid, via in cand.items():
            plab = None
            if parent_labels is not None and pacts is not None:
                plab = parent_labels.get((par, aid), "none")
            out[(cid, aid)] = context_pair_features(traces[cid], aid, via, groups, ptot,
                                                    (opp_all.get(aid, 0), sup_all.get(aid, 0)), country, ngrams, c,
                                                    said, pacts, plab)
    return out


# -- the model file ----------------------------------------------------------------------------------

def read_echo(raw: dict[str, Any], where: Any) -> tuple[str, ...]:
    """The model file's `echo_after:` list of strings (what follows a parent's words echoed to deny them)."""
    v = raw.get("echo_after") or []
    if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
        raise StanceModelError(f"{where}: `echo_after` must be a list of non-empty strings; got {v!r}")
    return tuple(v)


def read_options(raw: dict[str, Any], where: Any) -> frozenset[str]:
    """The model file's `options:` list (names of OPTIONS); StanceModelError naming the file otherwise."""
    opts = raw.get("options") or []
    if not isinstance(opts, list) or not all(isinstance(o, str) and o in OPTIONS for o in opts):
        raise StanceModelError(f"{where}: `options` must be a list of {', '.join(sorted(OPTIONS))}; got {opts!r}")
    return frozenset(opts)


def read_min_prob(raw: dict[str, Any], where: Any) -> float:
    """The model file's `context_min_prob` (0 when absent), a number in [0, 1)."""
    v = raw.get("context_min_prob", 0.0)
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v < 1:
        raise StanceModelError(f"{where}: `context_min_prob` must be a number in [0, 1); got {v!r}")
    return float(v)


def load_decider(data_dir: str | None = None) -> DeciderModel | None:
    """The model of ``data/stance/decider.yaml``; None when the file is absent (the rules decide)."""
    from shiju.data import data_path, read_yaml

    if not data_path("stance", "decider.yaml", data_dir=data_dir).exists():
        return None
    raw, where = read_yaml("stance", "decider.yaml", data_dir=data_dir, error=StanceModelError,
                           what="the stance decider model")
    if raw is None:
        return None
    weights, groups = read_weights_and_groups(raw, where, "groups and weights")
    return DeciderModel(weights, groups, bool(raw.get("ngrams", True)), bool(raw.get("enabled", True)),
                        bool(raw.get("context", False)), read_options(raw, where), read_echo(raw, where),
                        read_min_prob(raw, where), bool(raw.get("context_thread", True)))


# -- training (development tool; not used at run time) -------------------------------------------------

def train(examples: Sequence[tuple[Iterable[str], str]], c: float = 1.0, epochs: int = 300, rate: float = 0.5,
          min_count: int = 2) -> dict[str, tuple[float, float, float]]:
    """Multinomial logistic regression by full-batch gradient descent with L2 (1/c) on binary features
    seen in at least `min_count` examples (always `bias`). Deterministic: no shuffling, zero start.
    numpy does the matrix products (training only; inference stays pure Python)."""
    from collections import Counter

    import numpy as np

    counts = Counter(f for feats, _ in examples for f in set(feats))
    vocab = sorted(f for f, n in counts.items() if n >= min_count or f == "bias")
    index = {f: i for i, f in enumerate(vocab)}
    # the binary matrix kept sparse as (row, column) pairs in row order: a dense one grows with pairs x
    # features (several GB once context candidates and their n-grams are in) and is mostly zeros
    rows_l: list[int] = []
    cols_l: list[int] = []
    y = np.zeros((len(examples), 3))
    for r, (feats, lab) in enumerate(examples):
        cols = sorted({index[f] for f in feats if f in index})
        rows_l.extend([r] * len(cols))
        cols_l.extend(cols)
        y[r, LABELS.index(lab)] = 1.0
    rows = np.asarray(rows_l, dtype=np.int64)
    colv = np.asarray(cols_l, dtype=np.int64)
    n = max(len(examples), 1)
    d = len(vocab)
    w = np.zeros((d, 3))
    for _ in range(epochs):
        z = np.zeros((len(examples), 3))
        for j in range(3):
            z[:, j] = np.bincount(rows, weights=w[colv, j], minlength=len(examples))
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        g = e / e.sum(axis=1, keepdims=True) - y
        xtg = np.stack([np.bincount(colv, weights=g[rows, j], minlength=d) for j in range(3)], axis=1)
        grad = w / (c * n) + xtg / n
        w -= rate * grad
    return {f: (float(w[i, 0]), float(w[i, 1]), float(w[i, 2])) for f, i in index.items()}


@dataclass
class Pair:
    doc: str
    feats: Feats | None  # None: the pipeline did not find the actor in the comment (always neutral)
    gold: str
    rule: str  # the rules' label for the pair, as `shiju eval` scores it
    source: str = ""  # the gold file
    implicit: bool = False  # a context candidate the gold does not list: neutral, trained on, not scored
    classes: tuple[str, ...] = ()  # what kind of pair it is (`pair_classes`), for the error breakdown
    pfeats: Feats | None = None  # an unnamed actor reached through the parent: the parent's pair features
    comment: str = ""  # the comment id
    actor: str = ""  # the gold actor (as the gold file writes it)


def fit(pairs: Sequence[Pair], extra: Sequence[Pair] = (), **kw: Any) -> dict[str, tuple[float, float, float]]:
    """The weights for `pairs` (+ `extra`): those of named actors trained on their pairs, then those of
    unnamed ones (`C:` features, disjoint) on theirs — apart, so that adding context candidates leaves the
    named actors' weights as they were. A context pair reached through its parent gets the parent's stance
    as the named weights decide it (`add_parent_label`) when it has `pfeats` (option `parent_labels`)."""
    named = [(p.feats, p.gold) for p in list(pairs) + list(extra) if p.feats is not None and "C:bias" not in p.feats]
    weights = train(named, **kw)
    ctx = [p for p in pairs if p.feats is not None and "C:bias" in p.feats]
    if ctx:
        base = DeciderModel(weights, {})
        weights = {**weights, **train([(context_features(base, p), p.gold) for p in ctx], **kw)}
    return weights


def context_features(model: DeciderModel, p: Pair) -> Feats:
    """A context pair's features, with its parent's stance decided by `model` when it carries `pfeats`."""
    if p.pfeats is None or p.feats is None:
        return p.feats or {}
    return add_parent_label(dict(p.feats), model.predict(p.pfeats)[0])


def predict_pair(model: DeciderModel, p: Pair) -> str:
    """The label `decide` would give the pair: a context pair below `context_min_prob` is not listed, nor one
    only the thread's actors reach when the model has `context_thread` false."""
    if p.feats is None or (not model.context_thread and CTX + "bias" in p.feats
                           and CTX + "via:parent" not in p.feats):
        return "neutral"
    if "C:bias" not in p.feats:
        label = model.predict(p.feats)[0]
        return label if label == "neutral" or model.confident(p.feats, label) else "neutral"
    f = context_features(model, p)
    label = model.predict(f)[0]
    return label if label == "neutral" or model.confident(f, label) else "neutral"


# third-person pronouns and demonstratives a comment may point at an actor with instead of naming it
_PRONOUN = re.compile(r"他|她|它|其|这货|此人|该国|人家|这帮|那帮|这些人|丫")


SHORT = 15  # a comment this short (characters) is one verdict with little context: its own error class


def pair_classes(named: bool, route: str, reply: bool, trace: dict[str, Any] | None, mixed: bool,
                 actor: str = "") -> tuple[str, ...]:
    """The classes of a gold pair for `classes_report`: `named` (the pipeline finds the actor in the comment)
    or `unnamed:<route>` (`parent`, `thread` — a context candidate —, `doc`: named elsewhere in the document,
    `absent`: nowhere the pipeline found it) and `unnamed:pronoun`; `reply` or `top`; `sarcasm` (a sarcasm
    marker fired), `slang` (a hostile name or pejorative alias is a mention), `2+actors` (the comment names
    several), `mixed` (its gold pairs hold both support and oppose), `short` (at most SHORT characters:
    one-line verdicts, 呵呵, 支持); `implied:pronoun` / `implied:topic` when the pipeline reaches `actor` only
    through `reactions.implied_mentions`."""
    text = trace["text"] if trace else ""
    out = ["named" if named else "unnamed", "reply" if reply else "top"]
    if named and trace and actor:
        imp = {(s, e) for s, e, a in trace.get("implied", ()) if a == actor}
        mine = [(s, e) for s, e, a in trace["mentions"] if a == actor]
        if imp and all(m in imp for m in mine):
            out.append("implied:" + ("topic" if mine[0][0] == mine[0][1] else "pronoun"))
    if trace and len(text.strip()) <= SHORT:
        out.append("short")
    if not named:
        out.append("unnamed:" + route)
        if _PRONOUN.search(text):
            out.append("unnamed:pronoun")
    if trace:
        if trace.get("sarcasm"):
            out.append("sarcasm")
        ments = {(s, e) for s, e, _ in trace["mentions"]}
        if any(h[2] <= -2.0 and (h[0], h[1]) in ments for h in trace.get("hits", ())):
            out.append("slang")
        if len({a for _, _, a in trace["mentions"]}) >= 2:
            out.append("2+actors")
    if mixed:
        out.append("mixed")
    return tuple(out)


def gold_pairs(gold_paths: Sequence[str], groups: dict[str, tuple[str, ...]], exclude: str | None = None,
               ngrams: bool = True, context: bool = False, context_from: str | None = None,
               options: frozenset[str] = frozenset(), echo_after: tuple[str, ...] = ()) -> list[Pair]:
    """Every gold stance pair of the files (documents whose id matches `exclude` left out), with its
    features, matched to the pipeline's actor the way `shiju eval` matches it. With `context`, a gold pair
    whose actor the comment does not name takes the features of the matching context candidate, and the
    candidates no gold pair lists come as `implicit` neutral pairs (annotators list every actor a comment
    clearly targets, so an unlisted candidate is one it does not) — only from gold files whose name matches
    `context_from` when given: our older sets list only the actors a comment names, so their silence about
    an unnamed actor says nothing. Every candidate is trained on; a candidate the thread's actors alone
    reach is marked `thread_only` (a model with `context_thread: false` never lists it)."""
    ctx_rx = re.compile(context_from) if context_from else None
    from shiju.evaluation import _ids, gold_document, id_acceptable, id_acceptable_lenient, load_gold
    from shiju.pipeline import Pipeline
    from shiju.reactions import reply_tree, stance_traces

    pipe = Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])
    rx = re.compile(exclude) if exclude else None
    out: list[Pair] = []
    for g in load_gold(gold_paths):
        if not g.get("stance") or (rx is not None and rx.search(str(g.get("id")))):
            continue
        doc = pipe(gold_document(g))
        traces = stance_traces(doc, pipe.ctx)
        tree = reply_tree(doc.comments)
        feats = document_features(doc, traces, tree, groups, ngrams, options=options, echo_after=echo_after)
        plab = "parent_labels" in options
        cfeats = document_context_features(doc, traces, tree, groups, ngrams, None,
                                           echo_after if "echo" in options else (), parent_info=plab) if context else {}

        def pfeats(key: tuple[str, str]) -> Feats | None:  # the parent's features for the actor
            par = tree.get(key[0], {}).get("parent")
            return feats.get((par, key[1])) if plab and par is not None and CTX + "via:parent" in cfeats[key] else None
        by_id = {c.id: c for c in doc.comments}
        used: set[tuple[str, str]] = set()
        polar: dict[str, set[str]] = {}
        for item in g["stance"]:
            polar.setdefault(str(item.get("comment")), set()).add(str(item.get("stance")))
        routes = {(cid, aid): "parent" if "parent" in via else "thread"
                  for cid, cand in context_candidates(doc, traces, tree).items() for aid, via in cand.items()}
        for item in g["stance"]:
            c = by_id.get(str(item.get("comment")))
            ids = _ids(item.get("actor"))
            st = None
            if c is not None:
                st = next((s for s in c.stance if id_acceptable(ids, s.actor, doc)), None) or next(
                    (s for s in c.stance if id_acceptable_lenient(ids, s.actor, doc)), None)
            f = feats.get((c.id, st.actor)) if st is not None and c is not None else None
            if st is not None and c is not None:
                used.add((c.id, st.actor))
            pf = None
            if st is None and c is not None and cfeats:
                keys = [k for k in cfeats if k[0] == c.id and k not in used]
                key = next((k for k in keys if id_acceptable(ids, k[1], doc)), None) or next(
                    (k for k in keys if id_acceptable_lenient(ids, k[1], doc)), None)
                if key is not None:
                    f = cfeats[key]
                    used.add(key)
                    pf = pfeats(key)
            route = ""
            if st is None and c is not None:
                route = next((r for (cid, aid), r in routes.items() if cid == c.id and (
                    id_acceptable(ids, aid, doc) or id_acceptable_lenient(ids, aid, doc))), "")
                route = route or ("doc" if any(id_acceptable(ids, a.id, doc) or id_acceptable_lenient(ids, a.id, doc)
                                               for a in doc.actors) else "absent")
            cid = str(item.get("comment"))
            cls = pair_classes(st is not None, route, tree.get(cid, {}).get("parent") is not None, traces.get(cid),
                               {"support", "oppose"} <= polar.get(cid, set()), st.actor if st is not None else "")
            out.append(Pair(str(g["id"]), f, str(item.get("stance")), st.stance if st is not None else "neutral",
                            str(g.get("_file", "")), classes=cls, pfeats=pf, comment=cid,
                            actor=str(item.get("actor"))))
        silent_is_neutral = ctx_rx is None or ctx_rx.search(str(g.get("_file", "")).rsplit("/", 1)[-1])
        # an actor the pipeline reaches only through reactions.implied_mentions that the annotator did not
        # list: the comment does not target it (neutral, trained on, not scored), as for context candidates
        for key, f in feats.items():
            if key not in used and silent_is_neutral and ("imp:topic" in f or "imp:pronoun" in f):
                out.append(Pair(str(g["id"]), f, "neutral", "neutral", str(g.get("_file", "")), implicit=True,
                                comment=key[0], actor=key[1]))
        for key, f in cfeats.items():
            if key not in used and silent_is_neutral:
                out.append(Pair(str(g["id"]), f, "neutral", "neutral", str(g.get("_file", "")), implicit=True,
                                pfeats=pfeats(key), comment=key[0], actor=key[1]))
    return out


def report_pairs(gold_paths: Sequence[str], groups: dict[str, tuple[str, ...]], n: int = 60,
                 ngrams: bool = True, options: frozenset[str] = frozenset()) -> list[Pair]:
    """`n` neutral training pairs from news gold: short body sentences (at most 80 characters, two per
    document) naming an actor, posted as if a comment under the same body, judged for their first actor.
    Reporting an act is no stance (docs/annotation.md); without these the model reads the forums'
    "oppose" prior into bare reports (中国外交部今天发表声明). Deterministic: files and sentences in order."""
    from shiju.evaluation import gold_document, load_gold
    from shiju.model import Comment
    from shiju.pipeline import Pipeline
    from shiju.reactions import reply_tree, stance_traces
    from shiju.text.sentences import sentences

    pipe = Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])
    out: list[Pair] = []
    for g in load_gold(gold_paths):
        if len(out) >= n:
            break
        body = str(g.get("body") or "")
        picked = [body[s:e].strip() for s, e in sentences(body) if 8 <= e - s <= 80][:6]
        taken = 0
        for k, sent in enumerate(picked):
            if taken == 2 or len(out) >= n:
                break
            doc = gold_document({**g, "comments": [], "stance": []})
            doc.comments = [Comment(id="r1", author="r", text=sent)]
            doc = pipe(doc)
            traces = stance_traces(doc, pipe.ctx)
            if "r1" not in traces or not traces["r1"]["mentions"]:
                continue
            feats = document_features(doc, traces, reply_tree(doc.comments), groups, ngrams,
                                      options=options)
            aid = sorted(traces["r1"]["mentions"])[0][2]
            out.append(Pair(f"report:{g.get('id')}:{k}", feats[("r1", aid)], "neutral", "neutral"))
            taken += 1
    return out


def cv_predictions(pairs: Sequence[Pair], folds: int = 5, extra: Sequence[Pair] = (), min_prob: float = 0.0,
                   thread: bool = True, **kw: Any) -> list[str]:
    """The label of every pair by document-grouped `folds`-fold cross-validation: documents are dealt to
    folds in sorted order, so every run splits the same way; `extra` pairs (news reports) are added to every
    fold's training. A pair without features is neutral."""
    docs = sorted({p.doc for p in pairs})
    fold = {d: i % folds for i, d in enumerate(docs)}
    pred = ["neutral"] * len(pairs)
    for k in range(folds):
        model = DeciderModel(fit([p for p in pairs if fold[p.doc] != k], extra, **kw), {},
                             context_min_prob=min_prob, context_thread=thread)
        for i, p in enumerate(pairs):
            if fold[p.doc] == k:
                pred[i] = predict_pair(model, p)
    return pred


def cross_validate(pairs: Sequence[Pair], folds: int = 5, extra: Sequence[Pair] = (),
                   **kw: Any) -> tuple[int, int, int]:
    """(model right, rules right, pairs) over the scored (not `implicit`) pairs, by `cv_predictions`."""
    pred = cv_predictions(pairs, folds, extra, **kw)
    scored = [(p, q) for p, q in zip(pairs, pred) if not p.implicit]
    return sum(q == p.gold for p, q in scored), sum(p.rule == p.gold for p, _ in scored), len(scored)


def annotator_set(source: str) -> str:
    """The annotator set a gold file belongs to: `fresh5`, `fresh6`, … (each written by independent
    annotators who never saw the code) or `ours` (the team's stance_* files). Leave-one-set-out CV holds
    out one of these at a time: a new annotator is what unseen text looks like. The team's set is named `ours`
    here (`shiju.training_data.source_set`)."""
    from shiju.training_data import source_set

    return source_set(source, own="ours")


def loso_predictions(pairs: Sequence[Pair], extra: Sequence[Pair] = (), min_prob: float = 0.0,
                     thread: bool = True, **kw: Any) -> list[str]:
    """The label of every pair by leave-one-annotator-set-out cross-validation: for each `annotator_set`,
    a model trained on the other sets (plus `extra`) labels its pairs. A pair without features is neutral."""
    sets = sorted({annotator_set(p.source) for p in pairs})
    pred = ["neutral"] * len(pairs)
    for s in sets:
        model = DeciderModel(fit([p for p in pairs if annotator_set(p.source) != s], extra, **kw), {},
                             context_min_prob=min_prob, context_thread=thread)
        for i, p in enumerate(pairs):
            if annotator_set(p.source) == s:
                pred[i] = predict_pair(model, p)
    return pred


def loso_report(pairs: Sequence[Pair], pred: Sequence[str]) -> list[str]:
    """One line per annotator set (pairs, rules' and model's accuracy, the share of the model's
    support/oppose verdicts the gold confirms), then the mean over sets and the pooled figures."""
    by: dict[str, list[tuple[Pair, str]]] = {}
    for p, q in zip(pairs, pred):
        by.setdefault(annotator_set(p.source), []).append((p, q))
    lines, accs = [], []
    for s, every in sorted(by.items()):
        items = [(p, q) for p, q in every if not p.implicit]  # accuracy: the gold pairs
        n = len(items)
        m = sum(q == p.gold for p, q in items) / n
        accs.append(m)
        # what a user reads: an unlisted context candidate called support/oppose is a false alarm
        polar = [(p, q) for p, q in every if q != "neutral"]
        pp = sum(q == p.gold for p, q in polar) / len(polar) if polar else 0.0
        lines.append(f"  {s}: {n} pairs, rules {sum(p.rule == p.gold for p, _ in items) / n:.3f}, model {m:.3f}, "
                     f"support/oppose predicted {len(polar)} ({pp:.3f} confirmed)")
    polar = [(p, q) for v in by.values() for p, q in v if q != "neutral"]
    items = [(p, q) for v in by.values() for p, q in v if not p.implicit]
    unnamed = [(p, q) for p, q in polar if p.feats is not None and "C:bias" in p.feats]
    if unnamed:
        lines.append(f"  unnamed actors listed support/oppose: {len(unnamed)}, "
                     f"{sum(q == p.gold for p, q in unnamed) / len(unnamed):.3f} confirmed")
    lines.append(f"  mean over sets {sum(accs) / max(len(accs), 1):.3f}; pooled {len(items)} pairs: rules "
                 f"{sum(p.rule == p.gold for p, _ in items) / max(len(items), 1):.3f}, model "
                 f"{sum(q == p.gold for p, q in items) / max(len(items), 1):.3f}, support/oppose confirmed "
                 f"{sum(q == p.gold for p, q in polar) / max(len(polar), 1):.3f} of {len(polar)}")
    return lines


def classes_report(pairs: Sequence[Pair], pred: Sequence[str]) -> list[str]:
    """Lines of the error breakdown: per pair class (`pair_classes`) its size, the share the gold calls
    support/oppose, the rules' and the model's accuracy; then gold x predicted confusion for both."""
    by: dict[str, list[tuple[Pair, str]]] = {}
    scored = [(p, q) for p, q in zip(pairs, pred) if not p.implicit]
    for p, q in scored:
        for k in p.classes:
            by.setdefault(k, []).append((p, q))
    lines = ["  class: pairs, gold support/oppose share, rules, model"]
    for k, v in sorted(by.items()):
        n = len(v)
        lines.append(f"  {k:18s} {n:5d}  {sum(p.gold != 'neutral' for p, _ in v) / n:.2f}  "
                     f"{sum(p.rule == p.gold for p, _ in v) / n:.3f}  {sum(q == p.gold for p, q in v) / n:.3f}")
    for who, get in (("rules", lambda p, q: p.rule), ("model", lambda p, q: q)):
        lines.append(f"  {who}: gold (rows) x predicted " + " / ".join(LABELS))
        for g in LABELS:
            row = [sum(1 for p, q in scored if p.gold == g and get(p, q) == lab) for lab in LABELS]
            lines.append(f"    {g:8s} " + " ".join(f"{x:5d}" for x in row))
        why: dict[str, int] = {}
        for p, q in scored:
            if p.gold != "neutral" and get(p, q) == "neutral":
                k = miss_reason(p)
                why[k] = why.get(k, 0) + 1
        n = sum(why.values())
        lines.append(f"  {who}: gold support/oppose called neutral: {n}")
        lines += [f"    {v:5d} {v / n:.2f} {k}" for k, v in sorted(why.items(), key=lambda kv: -kv[1])]
    return lines


def miss_reason(p: Pair) -> str:
    """Why a polar gold pair may come out neutral, from what its features show: the actor is not found in
    the comment (`not linked`, by route), an unnamed candidate judged neutral or below `context_min_prob`,
    or a named actor with no lexicon cue anywhere in the comment, a cue only in its sentence or elsewhere,
    a cue in its own clause the scope rules did not attach, or a rules verdict the model overrode."""
    f = p.feats
    if f is None:
        route = next((k for k in p.classes if k.startswith("unnamed:") and k != "unnamed:pronoun"), "unnamed:?")
        return "not linked (" + route.split(":", 1)[1] + ")"
    if CTX + "bias" in f:
        return "unnamed candidate not listed (" + ("parent" if CTX + "via:parent" in f else "thread") + ")"
    if "r:support" in f or "r:oppose" in f:
        return "rules verdict polar, decided neutral"
    for key, what in (("k:", "cue in its clause, not attached"), ("s:", "cue in its sentence only"),
                      ("c:", "cue elsewhere in the comment only")):
        if any(x.startswith(key) for x in f):
            return what
    return "no cue in the comment"


def cv_report(pairs: Sequence[Pair], pred: Sequence[str]) -> list[str]:
    """Lines of figures for `cv`: accuracy per gold file family against the rules', and the share of
    predicted support/oppose pairs the gold confirms (an unlisted context candidate counts as neutral, so
    this is what a user reads as precision), overall and for unnamed actors."""
    fam: dict[str, list[tuple[Pair, str]]] = {}
    for p, q in zip(pairs, pred):
        if not p.implicit:
            name = re.sub(r"(_\d+)?\.yaml$", "", p.source.rsplit("/", 1)[-1])
            fam.setdefault(name, []).append((p, q))
    lines = []
    for name, items in sorted(fam.items()):
        n = len(items)
        lines.append(f"  {name}: {n} pairs, model {sum(q == p.gold for p, q in items) / n:.3f}, "
                     f"rules {sum(p.rule == p.gold for p, _ in items) / n:.3f}")
    for what, keep in (("all", lambda p: True), ("unnamed", lambda p: p.feats is not None and "C:bias" in p.feats)):
        polar = [(p, q) for p, q in zip(pairs, pred) if q != "neutral" and keep(p)]
        ok = sum(q == p.gold for p, q in polar)
        lines.append(f"  predicted support/oppose ({what}): {len(polar)}, confirmed by gold {ok}"
                     + (f" ({ok / len(polar):.3f})" if polar else ""))
    return lines


def training_files(patterns: Sequence[str]) -> list[str]:
    """The gold files of `patterns` (paths or globs, relative to the working directory), sorted, each once.
    Blind files are never training data: a glob skips them, a file named outright is an error."""
    import glob

    out: list[str] = []
    for pat in patterns:
        hits = sorted(glob.glob(pat)) if any(ch in pat for ch in "*?[") else [pat]
        for f in hits:
            if "blind" in f.rsplit("/", 1)[-1]:
                if hits == [pat]:
                    raise SystemExit(f"{f}: a blind gold file is never training data")
                continue
            if f not in out:
                out.append(f)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    import argparse
    from pathlib import Path

    import yaml

    from shiju.data import data_path

    ap = argparse.ArgumentParser(prog="python -m shiju.stance_decider",
                                 description="cross-validate or train the stance decider (data/stance/decider.yaml); "
                                 "given no gold files, the model file's `training:` settings say what to read")
    ap.add_argument("command", choices=["train", "cv", "loso"],
                    help="train: rewrite the weights; cv: document-grouped cross-validation; loso: leave one "
                    "annotator set (ours / fresh5 / fresh6 / …) out at a time, the selection figure")
    ap.add_argument("gold", nargs="*", help="non-blind gold files (or globs) with stance annotations")
    ap.add_argument("--exclude", help="regular expression of document ids to leave out (a held-out half)")
    ap.add_argument("--model", help="the model file (default: the packaged data/stance/decider.yaml): its header, "
                    "groups and settings are read, and `train` rewrites its weights")
    ap.add_argument("-c", type=float, help="inverse L2 strength")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, help="gradient steps (default: the model file's `training: epochs`)")
    ap.add_argument("--rate", type=float, help="step size (default: the model file's `training: rate`)")
    ap.add_argument("--reports", nargs="*", help="non-blind news gold files whose body sentences "
                    "give neutral training pairs")
    ap.add_argument("--reports-max", type=int)
    ap.add_argument("--min-prob", type=float, help="list an unnamed actor only when its support/oppose is at least "
                    "this probable (default: the model file's `context_min_prob`)")
    ap.add_argument("--options", help="comma-separated feature options instead of the model file's `options:`")
    ap.add_argument("--classes", action="store_true", help="with cv / loso: also the accuracy per pair class "
                    "(named / unnamed by route, reply / top-level, sarcasm, slang, several actors, mixed) and the "
                    "gold x predicted confusion")
    ap.add_argument("--context", action=argparse.BooleanOptionalAction, default=None,
                    help="judge actors a comment targets without naming them (default: the model file's `context`)")
    args = ap.parse_args(argv)
    path = Path(args.model) if args.model else data_path("stance", "decider.yaml")
    text = path.read_text(encoding="utf-8")
    raw = yaml.safe_load(text) or {}
    spec = raw.get("training") or {}
    if not args.gold:  # the model file's own recipe: one command retrains on whatever gold matches it
        if not spec.get("gold"):
            raise SystemExit(f"{path}: no gold files given and no `training: gold:` in the model file")
        args.gold = [str(g) for g in spec["gold"]]
        args.exclude = args.exclude if args.exclude is not None else spec.get("exclude")
        args.reports = args.reports if args.reports is not None else [str(r) for r in spec.get("reports") or []]
    args.c = args.c if args.c is not None else float(spec.get("c", 1.0))
    args.reports_max = args.reports_max if args.reports_max is not None else int(spec.get("reports_max", 60))
    # gradient descent stops early (`epochs` steps of `rate`): with L2 alone it overfits the n-grams
    opt = {"c": args.c, "epochs": args.epochs if args.epochs is not None else int(spec.get("epochs", 300)),
           "rate": args.rate if args.rate is not None else float(spec.get("rate", 0.5))}
    gold = training_files(args.gold)
    report_files = training_files(args.reports or [])
    groups = {str(k): tuple(str(w) for w in v) for k, v in (raw.get("groups") or {}).items()}
    ngrams = bool(raw.get("ngrams", True))
    context = bool(raw.get("context", False)) if args.context is None else args.context
    options = read_options(raw, str(path))
    if args.options is not None:
        options = read_options({"options": [o for o in args.options.split(",") if o]}, "--options")
    min_prob = args.min_prob if args.min_prob is not None else read_min_prob(raw, str(path))
    echo_after = read_echo(raw, str(path))
    context_thread = bool(raw.get("context_thread", True))
    pairs = gold_pairs(gold, groups, args.exclude, ngrams, context, spec.get("context_from"), options, echo_after)
    reports = report_pairs(report_files, groups, args.reports_max, ngrams, options) if report_files else []
    if args.command == "loso":
        pred = loso_predictions(pairs, reports, min_prob, context_thread, **opt)
        print(f"leave-one-annotator-set-out, {len(pairs)} pairs in {len({p.doc for p in pairs})} documents "
              f"(epochs={opt['epochs']}, rate={opt['rate']}, c={opt['c']}):")
        print("\n".join(loso_report(pairs, pred)))
        if args.classes:
            print("\n".join(classes_report(pairs, pred)))
        return 0
    if args.command == "cv":
        pred = cv_predictions(pairs, args.folds, reports, min_prob, context_thread, **opt)
        scored = [(p, q) for p, q in zip(pairs, pred) if not p.implicit]
        m, r, n = sum(q == p.gold for p, q in scored), sum(p.rule == p.gold for p, _ in scored), len(scored)
        print(f"{n} pairs in {len({p.doc for p in pairs})} documents: model {m / n:.3f} ({m}), rules {r / n:.3f} ({r})"
              + (f"; {len(pairs) - n} unlisted context candidates" if context else ""))
        print("\n".join(cv_report(pairs, pred)))
        if args.classes:
            print("\n".join(classes_report(pairs, pred)))
        return 0
    weights = fit(pairs, reports, **opt)
    from shiju.training_data import write_weights_file

    header = "".join(line for line in text.splitlines(keepends=True)
                     if line.startswith("#") and not line.startswith("# trained on"))
    used = sorted({p.doc for p in pairs})
    files = list(dict.fromkeys(Path(p.source).name for p in pairs))
    header = (header.rstrip("\n") + "\n"
              + f"# trained on {sum(p.feats is not None for p in pairs)} (comment, actor) pairs from {len(used)} "
              "documents of " + ", ".join(files)
              + (f", leaving out ids matching {args.exclude!r}" if args.exclude else "")
              + (f", with {sum(p.implicit for p in pairs)} unlisted context candidates as neutral" if context else "")
              + (f"; plus {len(reports)} neutral news sentences from " + ", ".join(Path(p).name for p in report_files)
                 if reports else "") + f"; c={args.c}, epochs={opt['epochs']}, rate={opt['rate']}")
    settings = ["groups:"] + [f"  {k}: [{', '.join(_json(w) for w in v)}]" for k, v in groups.items()]
    settings.append(f"enabled: {'true' if raw.get('enabled', True) else 'false'}")
    settings.append(f"ngrams: {'true' if ngrams else 'false'}")
    settings.append(f"context: {'true' if context else 'false'}")
    settings.append(f"options: [{', '.join(sorted(options))}]")
    settings.append(f"context_min_prob: {min_prob}")
    settings.append(f"context_thread: {'true' if context_thread else 'false'}")
    if echo_after:
        settings.append(f"echo_after: [{', '.join(_json(w) for w in echo_after)}]")
    if spec:
        settings.append("training:  # what `python -m shiju.stance_decider train` reads when given no gold files")
        for k, v in spec.items():
            settings.append(f"  {k}: " + (f"[{', '.join(_json(str(x)) for x in v)}]" if isinstance(v, list) else _json(v)))
    meta = {"pairs": sum(p.feats is not None for p in pairs), "documents": len(used), "files": files,
            "exclude": args.exclude, "reports": len(reports), "c": args.c, "epochs": opt["epochs"],
            "rate": opt["rate"], "weights": "feature: [support, oppose, neutral]; features whose weights are all "
            "below 0.01 are left out"}
    kept = {f: w for f, w in weights.items() if max(abs(x) for x in w) >= 0.01 or f == "bias"}
    write_weights_file(path, header, settings, meta, kept, lambda w: f"[{w[0]:.3f}, {w[1]:.3f}, {w[2]:.3f}]")
    print(f"{path}: {len(used)} documents, {len(weights)} features")
    return 0


def _json(s: Any) -> str:
    import json

    return json.dumps(s, ensure_ascii=False)


if __name__ == "__main__":
    raise SystemExit(main())
