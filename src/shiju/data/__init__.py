"""Packaged lexicons and gazetteers (reviewable YAML/TSV files) and their loaders."""
from __future__ import annotations

from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent


def data_path(*parts: str, data_dir: str | None = None) -> Path:
    return Path(data_dir or DATA_DIR).joinpath(*parts)


def load_yaml(*parts: str, data_dir: str | None = None):
    with open(data_path(*parts, data_dir=data_dir), encoding="utf-8") as f:
        return parse_yaml(f.read())


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load(text)``, faster for a learned model's file: the lines of its top-level ``weights:``
    block that have the one shape the trainers write (``  "feature": <number, [numbers] or "string">``) are
    read by a regular expression, the rest of the file by libyaml (the stance decider's 18,000 lines took
    0.8 CPU s, now 0.05). Anything else in the block (another indentation, a plain or escaped key, a
    value spanning lines), anchors, or several documents: the whole text goes to libyaml. The result is
    equal, types included (tests/test_speed_session9.py compares every packaged file)."""
    fast = _weights_fast(text)
    if fast is not None:
        return fast
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


_NUM = r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"  # YAML 1.1 resolves these as int / float the way int() / float() do
_WEIGHT_LINE = None


def _weights_fast(text: str) -> dict[str, Any] | None:
    import re

    global _WEIGHT_LINE
    if _WEIGHT_LINE is None:
        _WEIGHT_LINE = re.compile(rf'  "([^"\\]*)": (?:({_NUM})|\[((?:{_NUM}, )*{_NUM})\]|"([^"\\]*)")[ \t]*')
    start = re.search(r"^weights:[ \t]*(?:#[^\n]*)?\n", text, re.M)
    if start is None or text.count("\nweights:") + text.startswith("weights:") != 1:
        return None
    lines = text[start.end():].split("\n")
    weights: dict[str, Any] = {}
    end = len(lines)
    for k, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue  # blank or comment lines do not end the block
        if not line.startswith(" "):
            end = k
            break
        m = _WEIGHT_LINE.fullmatch(line)
        if m is None:
            # another shape (an escaped key: "C:n:\nⓄ") on one line of its own: libyaml reads that line
            if line.startswith("   ") or line[2:3].isspace():
                return None  # a deeper line continues a value: not one line per entry
            one = _one_line(line)
            if one is None:
                return None
            weights.update(one)
            continue
        num, nums, string = m.group(2), m.group(3), m.group(4)
        if num is not None:
            value: Any = _number(num)
        elif nums is not None:
            value = [_number(x) for x in nums.split(", ")]
        else:
            value = string
        weights[m.group(1)] = value
    if not weights:
        return None
    head, tail = text[:start.start()], "\n".join(lines[end:])
    if re.search(r"(?:^|[\s\[{,])[&*!][^\s]|^---|^%|^\.\.\.", head + "\n" + tail, re.M):
        return None  # anchors, aliases, tags or several documents: libyaml reads the whole text
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        before, after = yaml.load(head, Loader=loader), yaml.load(tail, Loader=loader)
    except yaml.YAMLError:
        return None  # libyaml reads the whole text and reports the error there
    if not isinstance(before or {}, dict) or not isinstance(after or {}, dict):
        return None
    before, after = before or {}, after or {}
    if "weights" in before or "weights" in after or set(before) & set(after):
        return None
    return {**before, "weights": weights, **after}


def _one_line(line: str) -> dict[Any, Any] | None:
    import yaml

    try:
        d = yaml.load(line, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    return d if isinstance(d, dict) and len(d) == 1 else None


def _number(x: str) -> int | float:
    return float(x) if "." in x else int(x)


def read_yaml(*parts: str, data_dir: str | None = None, error: type[Exception] = ValueError,
              what: str = "") -> tuple[Any, Path]:
    """A data file's parsed YAML and its path, for stage loaders: an unreadable or unparsable file raises
    `error` (the stage's own data error) with a message naming the file, what it holds and the reason."""
    import yaml

    path = data_path(*parts, data_dir=data_dir)
    label = f" {what}" if what else ""
    try:
        return load_yaml(*parts, data_dir=data_dir), path
    except OSError as exc:
        raise error(f"{path}: cannot read{label}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise error(f"{path}: cannot parse{label}: {exc}") from exc


def switched_off(path: Path) -> bool:
    """True when the weights file at ``path`` says ``enabled: false`` on a top-level line: a switched-off
    model need not be parsed by every analysing process (the event typer's and the stance backoff's files
    took 0.3 CPU s together). Reads lines only up to that key; anything else (true, no such line, a missing
    or unreadable file) is False, and the full loader then runs and reports what is wrong."""
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("enabled:"):
                    return line[len("enabled:"):].split("#", 1)[0].strip() in ("false", "False", "FALSE")
    except (OSError, UnicodeDecodeError):
        return False
    return False
