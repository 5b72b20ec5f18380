"""Shared fixtures: the real spaCy pipeline and one pipeline run over the embedded seed articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import toolkit
from toolkit.nlp import build_pipeline
from toolkit.paths import PROJECT_ROOT

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    return build_pipeline()


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads((FIXTURES / "seeds_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_tables(tmp_path_factory):
    raw = tmp_path_factory.mktemp("seeds") / "raw"
    shutil.copytree(PROJECT_ROOT / "data" / "raw", raw)
    return toolkit.run(raw, tmp_path_factory.mktemp("out"), progress=False)
