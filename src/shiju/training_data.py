"""Gold files a learned component may be trained on: globs expanded in order, duplicates dropped, and any
blind file (modelcard.is_blind) refused, since blind sets exist only to measure unseen text."""
from __future__ import annotations

import io
import json
import pickle
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from shiju.modelcard import is_blind


def gold_paths(patterns: Iterable[str], purpose: str = "training") -> list[Path]:
    """The gold files named by `patterns` (paths or globs); SystemExit naming the file if one is blind."""
    out: list[Path] = []
    for pattern in patterns:
        hits = sorted(Path().glob(pattern)) if any(ch in pattern for ch in "*?[") else [Path(pattern)]
        for hit in hits:
            if is_blind(str(hit)):
                raise SystemExit(f"{hit}: blind gold files are never used for {purpose}")
            if hit not in out:
                out.append(hit)
    return out


def source_set(path: str | Path, own: str = "dev") -> str:
    """The annotator set of a gold file: ``freshN`` for tests/gold/freshN_*.yaml (independent annotators, one
    set per session), else `own` (the team's dev sets). Leave-one-set-out CV holds out one set at a time."""
    m = re.match(r"(fresh\d+)_", Path(path).name)
    return m.group(1) if m else own


def gold_for(paths: Iterable[str | Path], component: str, exclude: str | None = None,
             keep: str | None = None) -> list[dict[str, Any]]:
    """The gold documents of `paths` annotated for `component` (e.g. "events"), in file order, without the
    ids `exclude` matches and, when `keep` is given, only the ids it matches (a held-out half)."""
    from shiju.evaluation import load_gold

    out = []
    for g in load_gold(paths):
        gid = str(g.get("id"))
        if component in g and not (exclude and re.search(exclude, gid)) and not (keep and not re.search(keep, gid)):
            out.append(g)
    return out


def coding_cache(cache: str | Path, gold_file: Path) -> Path:
    """Where a trainer keeps the coded documents of one gold file: ``cache/<file name>.<size>.pkl`` (a file
    whose size changed is coded again), with the folder created."""
    d = Path(cache)
    d.mkdir(parents=True, exist_ok=True)
    return d / f"{gold_file.name}.{gold_file.stat().st_size}.pkl"


def load_coding_cache(f: Path, cls: type) -> Any:
    """Unpickle a trainer's cache. One written while the trainer ran as ``__main__`` (python -m) names its
    class ``__main__.<name>``; that name resolves to `cls` from any entry point."""

    class _Unpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if module == "__main__" and name == cls.__name__:
                return cls
            return super().find_class(module, name)

    return _Unpickler(io.BytesIO(f.read_bytes())).load()


def write_weights_file(path: Path, header: str, settings: Iterable[str], meta: Mapping[str, Any],
                       weights: Mapping[str, Any], weight_text: Callable[[Any], str] = "{}".format) -> None:
    """Write a learned component's weights file: its header comment, its settings lines (`enabled: …`
    first), `_meta` (one JSON value per key) and the weights sorted by feature, each value rendered by
    `weight_text`. One writer, so every trainer's file reads the same way."""
    lines = [header.rstrip("\n"), *settings, "_meta:"]
    lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()]
    lines.append("weights:")
    lines += [f"  {json.dumps(f, ensure_ascii=False)}: {weight_text(weights[f])}" for f in sorted(weights)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def fit_logistic(docs: Iterable[Any], c: float, min_count: int = 2, iters: int = 800) -> tuple[dict[str, float], float]:
    """L2 logistic regression (bias unpenalised) by accelerated gradient descent from zero; deterministic.
    Each doc carries `examples`: (features, _, label 0/1) triples; features seen in fewer than `min_count`
    examples are dropped. Returns (feature weights, bias)."""
    import numpy as np

    ex = [e for gd in docs for e in gd.examples]
    counts: dict[str, int] = {}
    for feats, _, _ in ex:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, k in counts.items() if k >= min_count)
    col = {f: i for i, f in enumerate(vocab)}
    n, d = len(ex), len(vocab) + 1  # last column: bias
    if n == 0:
        return {}, 0.0
    x = np.zeros((n, d))
    for i, (feats, _, _) in enumerate(ex):
        for f in set(feats):
            if f in col:
                x[i, col[f]] = 1.0
        x[i, -1] = 1.0
    y = np.array([lab for _, _, lab in ex], dtype=float)
    lam = np.full(d, 1.0 / (c * n))
    lam[-1] = 0.0
    lip = 0.25 * float(np.linalg.norm(x, 2)) ** 2 / n + float(lam.max())
    step = 1.0 / lip
    w = np.zeros(d)
    z = w.copy()
    t = 1.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(x @ z)))
        grad = x.T @ (p - y) / n + lam * z
        w_new = z - step * grad
        t_new = (1.0 + (1.0 + 4.0 * t * t) ** 0.5) / 2.0
        z = w_new + ((t - 1.0) / t_new) * (w_new - w)
        w, t = w_new, t_new
    weights = {f: round(float(w[j]), 4) for f, j in col.items() if abs(w[j]) >= 5e-5}
    return weights, round(float(w[-1]), 4)


class FeatureRows:
    """A binary feature matrix (rows = examples, columns = ``col``) kept sparse as (row, column) index pairs
    in row order, with the runs that compute X·W (``scores``) and Xᵀ·G (``backward``) by ``np.add.reduceat``:
    the multi-output logistic trainers (events.train_detector, events.train_tagger) share it."""

    def __init__(self, feature_rows: Sequence[Iterable[str]], col: Mapping[str, int]):
        import numpy as np

        ri: list[int] = []
        ci: list[int] = []
        for r, fs in enumerate(feature_rows):
            js = sorted({col[f] for f in fs if f in col})
            ri += [r] * len(js)
            ci += js
        self.n = len(feature_rows)
        self.ri, self.ci = np.array(ri, dtype=np.int64), np.array(ci, dtype=np.int64)
        by_col = np.argsort(self.ci, kind="stable")  # the entries ordered by feature, for X^T G
        self._ri_c, ci_c = self.ri[by_col], self.ci[by_col]
        self._row_cuts = np.flatnonzero(np.r_[True, self.ri[1:] != self.ri[:-1]])
        self._row_ids = self.ri[self._row_cuts]
        self._col_cuts = np.flatnonzero(np.r_[True, ci_c[1:] != ci_c[:-1]])
        self._col_ids = ci_c[self._col_cuts]

    def scores(self, W: Any, b: Any) -> Any:
        """X·W + b, one row per example."""
        import numpy as np

        Z = np.tile(b, (self.n, 1))
        Z[self._row_ids] += np.add.reduceat(W[self.ci], self._row_cuts, axis=0)
        return Z

    def backward(self, G: Any, W: Any, lam: float) -> Any:
        """Xᵀ·G + lam·W: the weights' gradient from the examples' gradient G."""
        import numpy as np

        gW = lam * W
        gW[self._col_ids] += np.add.reduceat(G[self._ri_c], self._col_cuts, axis=0)
        return gW


def accelerated_descent(grad: Callable[[Any, Any], tuple[Any, Any]], shape: tuple[int, int], step_w: Any,
                        step_b: float, iters: int) -> tuple[Any, Any]:
    """(W, b) after ``iters`` steps of Nesterov-accelerated gradient descent from zero, ``grad(W, b)`` giving
    both gradients; deterministic."""
    import numpy as np

    W = np.zeros(shape)
    b = np.zeros(shape[1])
    zW, zb = W.copy(), b.copy()
    t = 1.0
    for _ in range(iters):
        gW, gb = grad(zW, zb)
        W_new = zW - step_w * gW
        b_new = zb - step_b * gb
        t_new = (1.0 + (1.0 + 4.0 * t * t) ** 0.5) / 2.0
        mom = (t - 1.0) / t_new
        zW = W_new + mom * (W_new - W)
        zb = b_new + mom * (b_new - b)
        W, b, t = W_new, b_new, t_new
    return W, b


def rounded_weights(col: Mapping[str, int], W: Any, b: Any) -> tuple[dict[str, tuple[float, ...]], tuple[float, ...]]:
    """The features whose weight row has an entry of at least 1e-3 in size, rows and bias rounded to 4 places."""
    weights = {}
    for f, j in col.items():
        row = tuple(round(float(x), 4) for x in W[j])
        if any(abs(x) >= 1e-3 for x in row):
            weights[f] = row
    return weights, tuple(round(float(x), 4) for x in b)


def prf(counts: tuple[int, ...]) -> tuple[float, float, float]:
    """(precision, recall, F1) of counts that open with (tp, fp, fn)."""
    tp, fp, fn = counts[:3]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def add_counts(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """Element-wise sum of two count tuples (``a`` empty: ``b``)."""
    return tuple(x + y for x, y in zip(a, b)) if a else b


def prf_text(counts: tuple[int, ...]) -> str:
    """P/R/F1 of counts, three decimals each."""
    p, r, f = prf(counts)
    return f"{p:.3f}/{r:.3f}/{f:.3f}"
