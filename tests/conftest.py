from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEBATES = sorted((ROOT / "debates").glob("*.yaml"))


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, so paths in output read as a user would type them."""
    monkeypatch.chdir(ROOT)
    return ROOT
