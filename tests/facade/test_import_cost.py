"""`import rememberizer` stays lean: no CLI, no fake server, no model it does not need yet."""

from __future__ import annotations

import json
import subprocess
import sys

import rememberizer

PROBE = """
import json, sys
import rememberizer
loaded = sorted(m for m in sys.modules if m.startswith("rememberizer_api.models."))
heavy = sorted(m for m in ("platformdirs", "starlette", "uvicorn", "redis",
    "rememberizer.testing", "rememberizer._cli") if m in sys.modules)
account = rememberizer.Account
print(json.dumps({"models": loaded, "heavy": heavy, "account": account.__module__}))
"""


def test_import_loads_only_the_models_the_facade_names() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    result = json.loads(out.stdout)
    assert result["heavy"] == []
    from rememberizer_api import models

    # Models load on first use (the resources name about half of them); the consent form's
    # body, which no client sends, is never loaded.
    assert len(result["models"]) < len(models.__all__)
    assert "rememberizer_api.models.o_auth_consent" not in result["models"]
    assert result["account"] == "rememberizer_api.models.account"


def test_lazy_models_are_public_names() -> None:
    for name in ("Account", "Detail", "Profile", "TeamMembership", "User"):
        assert name in rememberizer.__all__
        assert getattr(rememberizer, name).__name__ == name
