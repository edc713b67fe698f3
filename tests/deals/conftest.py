"""Fixtures for the deal tests (helpers live in ``deal_support``)."""

from __future__ import annotations

import pytest
from deal_support import Store


@pytest.fixture
def store(sessionmaker) -> Store:
    return Store(sessionmaker)
