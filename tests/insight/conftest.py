import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_figures():
    """Figures are cached for a few minutes; each test counts its own records."""
    cache.clear()
    yield
    cache.clear()
