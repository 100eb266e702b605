"""Shared test fixtures."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (CI must not fail by chance); explore new
# ones locally with HYPOTHESIS_PROFILE=explore.
settings.register_profile("deterministic", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


@pytest.fixture
def start_method(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Make ``method`` multiprocessing's default start method and claim 4 CPUs, for this test:
    the ``n_jobs`` paths then split work into several parts even on a 2-core machine."""

    def use(method: str) -> None:
        original = multiprocessing.get_context
        context = original(method)
        monkeypatch.setattr(
            multiprocessing, "get_context", lambda name=None: original(name) if name else context
        )
        monkeypatch.setattr(os, "cpu_count", lambda: 4)

    return use
