"""A learned argument chooser for coded events: who is the actor, who the recipient.

The rule coder (coder.py, arguments.py) finds a trigger and proposes an actor and a recipient. For each
coded event this module lists every candidate actor in reach — the actor mentions of the event's
sentence, those of the previous sentence (a subject carried over), the speaker of a quote holding the
trigger, and the rules' own choice — describes each by general, structural features (side of and
distance to the trigger in characters and clauses, the function word before and after it, whether it
heads its clause or the sentence, stands in a list, in a quote or is the quote's speaker, actor type and
sector, the event type and mode, what the rules chose, part of the document), and scores it for the
roles actor and recipient: each role is a softmax choice among the candidates (the recipient's also
among them and "none"), a linear model over those features. No feature names an actor.

Weights and settings: ``data/events/chooser_weights.yaml`` (reviewable; written by
``python -m shiju.events.train_chooser``, which records its training data and cross-validated figures).
Marker words: ``data/events/chooser_features.yaml``. Inference is pure Python. The file's ``enabled``
and ``apply`` say whether, and for which roles, the chooser replaces the rules' choice.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from shiju.model import Document, Event

ROLES = ("actor", "recipient")
_TIMEISH = set("0123456789０１２３４５６７８９一二三四五六七八九十百年月日号时上下午今昨明本当周星期晚早前后间底初中旬 \t")


class ChooserError(ValueError):
    """A chooser data file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class FeatureConfig:
    before: tuple[str, ...]
    after: tuple[str, ...]
    between: tuple[str, ...]
    clause_punct: str
    # ``before`` by last character and ``after`` by first, each in list order: a word can only end
    # (start) at a position holding its last (first) character, so only those few are tried
    before_by_last: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    after_by_first: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_last: dict[str, list[str]] = {}
        by_first: dict[str, list[str]] = {}
        for w in self.before:
            by_last.setdefault(w[-1:], []).append(w)
        for w in self.after:
            by_first.setdefault(w[:1], []).append(w)
        object.__setattr__(self, "before_by_last", {k: tuple(v) for k, v in by_last.items()})
        object.__setattr__(self, "after_by_first", {k: tuple(v) for k, v in by_first.items()})


@dataclass(frozen=True)
class Candidate:
    """One actor that may fill a role of an event; ``start``/``end``: its mention nearest the trigger in
    ``part`` (None when it has no mention in reach: a quote's speaker or a rule's choice from afar)."""

    id: str
    part: str
    start: int | None
    end: int | None
    features: tuple[str, ...]


@dataclass(frozen=True)
class ChooserModel:
    weights: dict[str, tuple[float, float]]  # feature -> (actor weight, recipient weight)
    bias: tuple[float, float]
    threshold: tuple[float, float]  # a second candidate joins a role at this ratio of the best's probability
    apply: tuple[str, ...]  # the roles the chooser decides ("actor", "recipient")
    enabled: bool
    config: FeatureConfig
    # joint decoding (session 8): the recipient is chosen after the actor, never among the actor's own
    # candidates, with a third option "the actor itself" (SELF: domestic acts, 以内乱罪起诉 → KOR→KOR)
    joint: bool = False


# ------------------------------------------------------------------------------------------ loading
def load_config(path: str | Path) -> FeatureConfig:
    """The marker lists of chooser_features.yaml; a malformed file raises ChooserError naming it."""
    import yaml

    path = Path(path)
    try:
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ChooserError(f"{path}: cannot read chooser features: {exc}") from exc
    if not isinstance(d, dict):
        raise ChooserError(f"{path}: expected a mapping with before/after/between/clause_punct")
    for key in ("before", "after", "between"):
        v = d.get(key)
        if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
            raise ChooserError(f"{path}: `{key}` must be a list of non-empty strings")
    if not isinstance(d.get("clause_punct"), str) or not d["clause_punct"]:
        raise ChooserError(f"{path}: `clause_punct` must be a non-empty string")

    def longest_first(xs: list[str]) -> tuple[str, ...]:
        return tuple(sorted(dict.fromkeys(xs), key=lambda w: (-len(w), w)))

    return FeatureConfig(before=longest_first(d["before"]), after=longest_first(d["after"]),
                         between=tuple(dict.fromkeys(d["between"])), clause_punct=d["clause_punct"])


def load_model(path: str | Path, config: FeatureConfig) -> ChooserModel:
    """The weights file; a malformed one raises ChooserError with the file and the reason."""
    import yaml

    path = Path(path)
    try:
        d = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ChooserError(f"{path}: cannot read chooser weights: {exc}") from exc
    if not isinstance(d, dict):
        raise ChooserError(f"{path}: expected a mapping with enabled/apply/bias/threshold/weights")
    if not isinstance(d.get("enabled"), bool):
        raise ChooserError(f"{path}: `enabled` must be true or false")
    apply = d.get("apply")
    if not isinstance(apply, list) or not set(apply) <= set(ROLES):
        raise ChooserError(f"{path}: `apply` must be a list of roles among {list(ROLES)}")

    def pair(key: str, v: Any) -> tuple[float, float]:
        if (not isinstance(v, list) or len(v) != 2
                or not all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in v)):
            raise ChooserError(f"{path}: `{key}` must be a list of two numbers [actor, recipient], got {v!r}")
        return float(v[0]), float(v[1])

    bias = pair("bias", d.get("bias"))
    threshold = pair("threshold", d.get("threshold"))
    if not all(0.0 < t < 1.0 for t in threshold):
        raise ChooserError(f"{path}: `threshold` values must lie strictly between 0 and 1")
    w = d.get("weights")
    if not isinstance(w, dict):
        raise ChooserError(f"{path}: `weights` must be a mapping of feature -> [actor, recipient]")
    weights = {str(k): pair(f"weights.{k}", v) for k, v in w.items()}
    joint = d.get("joint", False)
    if not isinstance(joint, bool):
        raise ChooserError(f"{path}: `joint` must be true or false")
    return ChooserModel(weights=weights, bias=bias, threshold=threshold, apply=tuple(apply),
                        enabled=d["enabled"], config=config, joint=joint)


def get_model(ctx: Any) -> ChooserModel:
    """The packaged (or ``ctx.data_dir``) chooser, loaded once per context."""
    def load() -> ChooserModel:
        from shiju.data import data_path

        dd = getattr(ctx, "data_dir", None)
        cfg = load_config(data_path("events", "chooser_features.yaml", data_dir=dd))
        return load_model(data_path("events", "chooser_weights.yaml", data_dir=dd), cfg)

    return ctx.resource("events.chooser", load)


# ------------------------------------------------------------------------------------------ features
@dataclass
class DocIndex:
    """Per-part lookups the features need, built once per document."""

    mentions: dict[str, list[tuple[int, int, str]]]  # part -> sorted (start, end, id)
    starts: dict[str, list[int]]
    sentences: dict[str, list[tuple[int, int]]]
    actors: dict[str, Any]
    quotes: dict[str, list[Any]]
    sent_starts: dict[str, list[int]] = field(default_factory=dict)
    main: set[str] = field(default_factory=set)  # the document's most mentioned actor(s): whom it is about
    puncts: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (part, punct) -> positions

    def punct_positions(self, doc: Document, part: str, punct: str) -> list[int]:
        """Positions of clause punctuation in a part (found once per part)."""
        key = (part, punct)
        if key not in self.puncts:
            text = doc.view(part).simplified
            self.puncts[key] = [m.start() for m in re.finditer("[" + re.escape(punct) + "]", text)] if punct else []
        return self.puncts[key]


def index_document(doc: Document) -> DocIndex:
    from shiju.text.sentences import sentences

    mentions: dict[str, list[tuple[int, int, str]]] = {}
    for a in doc.actors:
        for m in a.mentions:
            mentions.setdefault(m.part, []).append((m.start, m.end, a.id))
    for v in mentions.values():
        v.sort()
    sents = {part: sentences(text) for part, text in doc.parts()}
    quotes: dict[str, list[Any]] = {}
    for q in doc.quotes:
        quotes.setdefault(q.part, []).append(q)
    counts = {a.id: len(a.mentions) for a in doc.actors if a.mentions}
    top = max(counts.values(), default=0)
    return DocIndex(mentions=mentions, starts={p: [m[0] for m in v] for p, v in mentions.items()},
                    sentences=sents, actors={a.id: a for a in doc.actors}, quotes=quotes,
                    sent_starts={p: [s for s, _ in v] for p, v in sents.items()},
                    main={k for k, n in counts.items() if n == top and top >= 2})


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "SPY", "COP"}


def _agent(aid: str, actors: dict[str, Any]) -> str:
    """The state an actor acts for when it is a state, an office or a state agency / official (as the
    coder's dedup compares actors), else the actor itself: a group's home country is not its agent."""
    a = actors.get(aid)
    if a is None:
        return aid
    c = getattr(a, "country", None)
    if c and (a.type in ("state", "office") or a.sector in _STATE_SECTORS):
        return c
    return aid


def candidates(doc: Document, ev: Event, cfg: FeatureConfig, headline_end: int = 0,
               index: DocIndex | None = None, origin: str = "rules") -> list[Candidate]:
    """Every actor of ``doc`` in reach of ``ev``'s trigger, with its features (see the module doc).
    ``origin`` is "detector" for an event the learned detector proposed (its rule arguments are those of
    a plain directed verb, less reliable than a lexicon frame's: the main features get a copy marked
    ``det|``)."""
    ix = index or index_document(doc)
    part = ev.part
    text = doc.view(part).simplified  # same offsets as the original
    ts = ev.trigger_start if ev.trigger_start is not None else ev.start
    te = ev.trigger_end if ev.trigger_end is not None else ts
    ss, se = ev.start, ev.end
    ms = ix.mentions.get(part, [])
    st = ix.starts.get(part, [])
    sents = ix.sentences.get(part, [])
    k = bisect.bisect_right(ix.sent_starts.get(part, []), ss) - 1
    prev = sents[k - 1] if k >= 1 and sents[k][0] == ss else None
    pp = ix.punct_positions(doc, part, cfg.clause_punct)
    p0 = bisect.bisect_left(pp, ss)

    def clause_no(pos: int) -> int:  # clause punctuation between the sentence start and pos
        return bisect.bisect_left(pp, pos) - p0

    tclause = clause_no(ts)
    quote = next((q for q in ix.quotes.get(part, []) if q.start <= ts < q.end), None)
    rule_a, rule_r = set(ev.actor), set(ev.recipient)
    rule_ca = {_agent(x, ix.actors) for x in ev.actor}
    rule_cr = {_agent(x, ix.actors) for x in ev.recipient}
    where = "title" if part == "body" and ss < headline_end else ("body" if part == "body" else "comment")
    etype, emode = ev.type, ev.mode or "-"
    common = [f"T={etype}", f"M={etype}:{emode}", f"part={where}"]
    if quote is not None:
        common.append("trig_in_quote")

    in_sent = [m for m in ms[bisect.bisect_left(st, ss):bisect.bisect_left(st, se)] if m[1] <= se]
    n_ids = len({m[2] for m in in_sent})
    common.append("ncand=" + _bucket(n_ids, (1, 2, 3, 5)))
    # how many parties (states acting, groups) the sentence names: one alone suggests a domestic act
    n_agents = len({_agent(m[2], ix.actors) for m in in_sent})
    nagent = "nagent=" + _bucket(n_agents, (0, 1, 2))
    common.append(nagent)
    det = origin == "detector"
    if det:
        common += ["det", f"det|T={etype}"]
    out: dict[str, Candidate] = {}

    def add(aid: str, s: int | None, e: int | None, feats: list[str]) -> None:
        if aid not in ix.actors:
            return  # only actors of the document are ever proposed
        a = ix.actors[aid]
        f = list(common) + feats
        f.append(f"type={a.type}")
        f.append(f"sector={a.sector or '-'}")
        if aid.startswith("local:"):
            f.append("local")
        if aid in rule_a:
            f += ["rule_actor", f"rule_actor|T={etype}"]
        if aid in rule_r:
            f += ["rule_recipient", f"rule_recipient|T={etype}"]
        if aid not in rule_a and aid not in rule_r:
            f.append("rule_none")
        c = _agent(aid, ix.actors)
        if rule_ca and c not in rule_ca:
            # another party than the one acting: with two parties named, the natural recipient
            f += ["other_party", f"other_party|T={etype}", f"other_party|{nagent}"]
        if c in rule_ca and aid not in rule_a:
            f.append("agent_of_rule_actor")
        if c in rule_cr and aid not in rule_r:
            f.append("agent_of_rule_recipient")
        if quote is not None and quote.speaker == aid:
            f += ["speaker", f"speaker|T={etype}"]
        if aid in ix.main:
            f.append("main_actor")
        if det:
            f += [f"det|{x}" for x in f if x.startswith(("side=", "rule_", "clause_initial", "pre=", "prev_first",
                                                         "speaker", "sentence_first")) and "|" not in x]
        old = out.get(aid)
        if old is None:
            out[aid] = Candidate(aid, part, s, e, tuple(dict.fromkeys(f)))

    # mentions of the sentence, nearest to the trigger first (one candidate per actor)
    def dist(m: tuple[int, int, str]) -> int:
        s, e, _ = m
        return ts - e if e <= ts else (s - te if s >= te else 0)

    before = sorted([m for m in in_sent if m[1] <= ts], key=lambda m: -m[0])
    after = sorted([m for m in in_sent if m[0] >= te], key=lambda m: m[0])
    first_id = in_sent[0][2] if in_sent else None
    for m in sorted(in_sent, key=lambda m: (dist(m), m[0])):
        s, e, aid = m
        if aid in out:
            continue
        f: list[str] = []
        if e <= ts:
            side = "B"
            rank = next(i for i, x in enumerate(before) if x is m or x == m) + 1
        elif s >= te:
            side = "A"
            rank = next(i for i, x in enumerate(after) if x is m or x == m) + 1
        else:
            side, rank = "O", 0
        d = dist(m)
        cd = clause_no(s) - tclause
        f += [f"side={side}", f"dist={side}{_bucket(d, (0, 2, 5, 10, 20, 40))}", f"rank={side}{min(rank, 4)}",
              f"cdist={max(-3, min(3, cd))}", f"side={side}|T={etype}", f"rank={side}{min(rank, 4)}|T={etype}"]
        if cd == 0:
            f.append(f"same_clause|T={etype}|{side}")
        j = bisect.bisect_left(pp, s) - 1
        cs = pp[j] + 1 if j >= p0 else ss  # the start of the candidate's clause
        gap = text[cs:s]
        if all(ch in _TIMEISH for ch in gap):
            f += ["clause_initial", f"clause_initial|T={etype}|{side}"]
        if aid == first_id:
            f.append("sentence_first")
        pre = next((w for w in cfg.before_by_last.get(text[s - 1:s], ())
                    if text.endswith(w, max(cs, s - len(w)), s)), None)
        post = next((w for w in cfg.after_by_first.get(text[e:e + 1], ()) if text.startswith(w, e)), None)
        f.append(f"pre={pre or '-'}")
        f.append(f"post={post or '-'}")
        f.append(f"pre={pre or '-'}|T={etype}")
        f.append(f"pre={pre or '-'}|{side}")
        if side == "B":
            seg = text[e:ts]
            for w in cfg.between:
                if w in seg:
                    f.append(f"between={w}")
            n_between = sum(1 for x in in_sent if x[0] >= e and x[1] <= ts and x[2] != aid)
            f.append("mentions_between=" + _bucket(n_between, (0, 1, 2)))
        elif side == "A":
            n_between = sum(1 for x in in_sent if x[0] >= te and x[1] <= s and x[2] != aid)
            f.append("mentions_between=" + _bucket(n_between, (0, 1, 2)))
        if (s > 0 and text[s - 1] in "、") or text.startswith("、", e):
            f.append("listed")
        if quote is not None and quote.start <= s and e <= quote.end:
            f.append("in_quote")
        if sum(1 for x in in_sent if x[2] == aid) > 1:
            f.append("repeated")
        add(aid, s, e, f)

    # the previous sentence: a subject carried over (first mention there) or a topic
    if prev is not None:
        ps, pe = prev
        pm = [m for m in ms[bisect.bisect_left(st, ps):bisect.bisect_left(st, pe)] if m[1] <= pe]
        for i, (s, e, aid) in enumerate(pm):
            if aid in out:
                continue
            f = ["prev_sentence", f"prev_sentence|T={etype}"]
            if i == 0:
                f += ["prev_first", f"prev_first|T={etype}"]
            add(aid, s, e, f)

    if quote is not None and quote.speaker and quote.speaker not in out:
        add(quote.speaker, None, None, ["speaker_only"])
    for aid in [*ev.actor, *ev.recipient]:
        if aid not in out:
            add(aid, None, None, ["rule_only"])
    return list(out.values())


# ------------------------------------------------------------------------------------------ choosing
def none_features(ev: Event, cands: list[Candidate]) -> tuple[str, ...]:
    """Features of the "no recipient" option of an event (it competes with the candidates)."""
    rules = "some" if ev.recipient else "empty"
    n = _bucket(len(cands), (1, 2, 3, 5))
    # several actors and no recipient: the rules read a reciprocal act (双方交火, 两国达成协议)
    na = _bucket(len(ev.actor), (1, 2))
    return ("NONE", f"NONE|T={ev.type}", f"NONE|M={ev.type}:{ev.mode or '-'}", f"NONE|rules={rules}",
            f"NONE|rules={rules}|T={ev.type}", f"NONE|ncand={n}", f"NONE|rules={rules}|nactor={na}")


def self_features(ev: Event, cands: list[Candidate]) -> tuple[str, ...]:
    """Features of the "the actor itself" recipient option (joint models only): a domestic act."""
    agents = [f for f in (cands[0].features if cands else ()) if f.startswith("nagent=")]
    rules = "self" if ev.recipient and sorted(ev.recipient) == sorted(ev.actor) else (
        "some" if ev.recipient else "empty")
    return ("SELF", f"SELF|T={ev.type}", f"SELF|M={ev.type}:{ev.mode or '-'}", f"SELF|rules={rules}",
            *(f"SELF|{a}" for a in agents), *(f"SELF|{a}|T={ev.type}" for a in agents))


def scores(model: ChooserModel, cands: list[Candidate], ev: Event) -> tuple[list[float], list[float], float]:
    """Actor and recipient scores of each candidate, and the score of "no recipient"."""
    za, zr = [], []
    for c in cands:
        a = r = 0.0
        for f in c.features:
            w = model.weights.get(f)
            if w is not None:
                a += w[0]
                r += w[1]
        za.append(a)
        zr.append(r)
    none = model.bias[1] + sum(model.weights.get(f, (0.0, 0.0))[1] for f in none_features(ev, cands))
    return za, zr, none


def _agrees(pick: str, rule_ids: list[str], actors: dict[str, Any]) -> bool:
    """The chooser's pick is one of the rules' ids, or the same state acting (韩国 / 韩国外长郑义溶)."""
    return pick in rule_ids or _agent(pick, actors) in {_agent(r, actors) for r in rule_ids}


def choose(model: ChooserModel, cands: list[Candidate], ev: Event,
           actors: dict[str, Any] | None = None) -> tuple[list[str], list[str]]:
    """(actor, recipient) for ``ev``: each role is a choice among the candidates (softmax scores; the
    recipient may also be "none"). When the chooser's best pick is one the rules made (or the same state
    acting: ``actors`` maps ids to the document's actors), the rules' set stays (they know compound and reciprocal sets: 双方, 美日韩); otherwise the best candidate fills the
    role with every other candidate whose probability is at least ``threshold`` times the best one's.
    Roles not in ``model.apply`` keep the rules' choice. Ids come out in text order."""
    actor, recipient = list(ev.actor), list(ev.recipient)
    if not cands:
        return actor, recipient
    actors = actors or {}
    known = {c.id for c in cands}
    za, zr, none = scores(model, cands, ev)
    order = {c.id: (c.start if c.start is not None else 10**9, k) for k, c in enumerate(cands)}
    # a rule id that is no actor of the document (an IGO official's organisation) cannot be among the
    # candidates: the rules keep that role
    if "actor" in model.apply and set(actor) <= known:
        best = max(range(len(cands)), key=lambda k: za[k])
        if not _agrees(cands[best].id, actor, actors):  # it agrees with the rules: their set stays
            cut = za[best] + math.log(model.threshold[0])
            actor = sorted((c.id for c, z in zip(cands, za) if z >= cut), key=lambda i: order[i])
    # a reciprocal act the rules read (两国断交, 双方交火: the parties of several states are all actors, no
    # recipient; manual ch. 2, compound and reciprocal actors) has no one else as its recipient
    reciprocal = not ev.recipient and len({_agent(a, actors) for a in ev.actor}) >= 2
    if model.joint:
        if "recipient" in model.apply and set(recipient) <= known and not reciprocal:
            recipient = _joint_recipient(model, cands, ev, actor, zr, none, order, actors)
        return actor, recipient
    if "recipient" in model.apply and set(recipient) <= known and not reciprocal:
        best = max(range(len(cands)), key=lambda k: zr[k])
        if none >= zr[best]:
            recipient = []
        elif not _agrees(cands[best].id, recipient, actors):
            cut = max(zr[best] + math.log(model.threshold[1]), none)
            recipient = sorted((c.id for c, z in zip(cands, zr) if z >= cut), key=lambda i: order[i])
    return actor, recipient


def _joint_recipient(model: ChooserModel, cands: list[Candidate], ev: Event, actor: list[str],
                     zr: list[float], none: float, order: dict[str, tuple[int, int]],
                     actors: dict[str, Any]) -> list[str]:
    """The recipient given the chosen actor: "none", "the actor itself" or candidates other than the
    actor's own (a party is not on both sides of an act except as SELF)."""
    selfz = sum(model.weights.get(f, (0.0, 0.0))[1] for f in self_features(ev, cands))
    taken = set(actor) | {_agent(a, actors) for a in actor}
    pool = [k for k, c in enumerate(cands) if c.id not in taken and _agent(c.id, actors) not in taken]
    best = max(pool, key=lambda k: zr[k]) if pool else None
    top = max(none, selfz, zr[best] if best is not None else -math.inf)
    if top == none:
        return []
    if top == selfz:
        return list(actor)
    assert best is not None
    if _agrees(cands[best].id, ev.recipient, actors) and not (set(ev.recipient) & taken):
        return list(ev.recipient)  # it agrees with the rules: their set stays
    cut = max(zr[best] + math.log(model.threshold[1]), none, selfz)
    return sorted((cands[k].id for k in pool if zr[k] >= cut), key=lambda i: order[i])


def choose_arguments(doc: Document, ctx: Any, events: list[Event], headline_end: int = 0,
                     model: ChooserModel | None = None) -> list[Event]:
    """The coder's hook: the events with the chooser's arguments when the model is enabled, else as
    they came."""
    if model is None:
        model = get_model(ctx)
        if not model.enabled:
            return events
    if not events:
        return events
    ix = index_document(doc)
    out = []
    for ev in events:
        cands = candidates(doc, ev, model.config, headline_end, ix)
        actor, recipient = choose(model, cands, ev, ix.actors)
        out.append(replace(ev, actor=actor, recipient=recipient) if (actor, recipient) != (ev.actor, ev.recipient) else ev)
    return out


__all__ = ["Candidate", "ChooserError", "ChooserModel", "FeatureConfig", "candidates", "choose",
           "choose_arguments", "get_model", "index_document", "load_config", "load_model", "none_features",
           "self_features"]
