"""Pytest fixtures for the Gemini simulator; the lead imports these into conftest.py.

Usage in conftest: `from creative_pipeline_tests.simulators.fixtures import gemini_simulator`.
Each test gets a fresh simulator (own port, empty fault queue, no rate-limit history),
so injected faults can never leak between tests.
"""

from __future__ import annotations

from typing import Iterator

import pytest

from .gemini_simulator import GeminiSimulator, running_gemini_simulator


@pytest.fixture
def gemini_simulator() -> Iterator[GeminiSimulator]:
    """A running simulator with zero latency, no rate limit, seed 0."""
    with running_gemini_simulator() as sim:
        yield sim
