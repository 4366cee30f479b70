import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_figures():
    """Figures are kept for a few minutes (in the cache, and in the database, which each test
    rolls back); each test counts its own records."""
    cache.clear()
    yield
    cache.clear()
