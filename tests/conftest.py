"""Test settings: a private Prefect home, no telemetry, patient server start on 2-core CI.

These are set before anything imports prefect. Flow tests use the session-wide
`prefect_harness` fixture (a real temporary Prefect server and database).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

_PREFECT_HOME = tempfile.mkdtemp(prefix="newsflow-prefect-home-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "60"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.pop("PREFECT_API_URL", None)

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def prefect_harness():
    """A real Prefect API (temporary server + SQLite) for the whole test session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture
def shared_dir() -> Path:
    """../shared (development data); tests that need it skip when it is absent."""
    if not SHARED.exists():
        pytest.skip("../shared is not present on this machine")
    return SHARED
