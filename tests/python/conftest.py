"""Fixtures shared by the Python tests."""
import os
import shutil

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def case(tmp_path):
    """A copy of the bundled example case, for the tests that change a case file (record, journal)."""
    p = tmp_path / "case.json"
    shutil.copy(os.path.join(ROOT, "examples", "bxl-2026-0042.json"), p)
    return p
