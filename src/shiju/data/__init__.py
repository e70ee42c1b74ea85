"""Packaged lexicons and gazetteers (reviewable YAML/TSV files) and their loaders."""
from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def data_path(*parts: str, data_dir: str | None = None) -> Path:
    return Path(data_dir or DATA_DIR).joinpath(*parts)


def load_yaml(*parts: str, data_dir: str | None = None):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(data_path(*parts, data_dir=data_dir), encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)
