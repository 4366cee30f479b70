"""Synthetic demo journeys (filled in below)."""

from __future__ import annotations


def load_journeys(fake, rng) -> None:
    return None
