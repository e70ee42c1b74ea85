from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"real documents not available: {SHARED} is absent (they are never copied into the repo)")
    return SHARED


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO
