"""Packaged lexicons and gazetteers (reviewable YAML/TSV files) and their loaders."""
from __future__ import annotations

from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent


def data_path(*parts: str, data_dir: str | None = None) -> Path:
    return Path(data_dir or DATA_DIR).joinpath(*parts)


def load_yaml(*parts: str, data_dir: str | None = None):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(data_path(*parts, data_dir=data_dir), encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)


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
