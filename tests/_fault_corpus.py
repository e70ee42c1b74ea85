"""A generated corpus of small news-style documents for the fault tests (text we write ourselves).

Sentences are built from a few templates over real states and offices, so the stages find actors,
times, quotes and events in them; some documents repeat (reposts) and some share a source name with
different content, so the store's dedup and replacement paths are exercised too.
"""
from __future__ import annotations

import random
from pathlib import Path

STATES = ["美国", "中国", "韩国", "朝鲜", "日本", "俄罗斯", "乌克兰", "德国", "法国", "印度", "伊朗", "以色列"]
TEMPLATES = [
    "{a}外长{d}日在记者会上表示，{a}愿与{b}加强{t}方面的合作。",
    "{a}总统{d}日警告{b}，如果继续{t}方面的挑衅，将采取进一步措施。",
    "{a}宣布对{b}实施新一轮制裁，涉及{t}。",
    "{a}国防部{d}日称，{b}军队向边境地区增派部队。",
    "“我们不会接受任何单方面改变现状的行为，”{a}外交部发言人说。",
    "{a}和{b}{d}日签署{t}协议，双方同意在未来五年内扩大合作。",
    "{a}谴责{b}在{t}问题上的做法，称其违反国际法。",
    "{a}向{b}提供价值数亿美元的援助，主要用于{t}。",
]
TOPICS = ["能源", "贸易", "半导体", "粮食安全", "海上安全", "气候", "核不扩散", "网络安全"]


def make_corpus(root: Path, n: int = 300, seed: int = 11) -> Path:
    """Write `n` small .txt/.md documents under root/corpus (nested folders); returns the folder."""
    rng = random.Random(seed)
    out = root / "corpus"
    bodies: list[str] = []
    for i in range(n):
        a, b = rng.sample(STATES, 2)
        sents = [rng.choice(TEMPLATES).format(a=a, b=b, d=rng.randint(1, 28), t=rng.choice(TOPICS))
                 for _ in range(rng.randint(2, 5))]
        body = "".join(sents) + f"（第{i}号稿）"
        if i % 37 == 5 and i > 40:
            body = bodies[i - 40]  # a repost of an earlier document under another name
        bodies.append(body)
        date = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        folder = out / f"g{i // 50:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        if i % 3 == 0:
            (folder / f"d{i:04d}.md").write_text(f"---\ntitle: {a}与{b}\ndate: {date}\n---\n\n{body}\n",
                                                 encoding="utf-8")
        else:
            (folder / f"d{i:04d}.txt").write_text(body + "\n", encoding="utf-8")
    return out
