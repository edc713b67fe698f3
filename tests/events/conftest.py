"""Fixtures for the event tests (helpers live in ``events_support``)."""

from __future__ import annotations

import pytest
from events_support import Store


@pytest.fixture
def store(sessionmaker) -> Store:
    return Store(sessionmaker)
