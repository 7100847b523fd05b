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
# A model class costs its attrs-generated methods at import; value lists cost nothing.
classes = sorted(m for m in loaded
    if any(isinstance(v, type) for v in vars(sys.modules[m]).values()))
heavy = sorted(m for m in ("platformdirs", "starlette", "uvicorn", "redis",
    "rememberizer.testing", "rememberizer._cli", "asyncio", "concurrent.futures")
    if m in sys.modules)
account = rememberizer.Account
print(json.dumps({"models": loaded, "classes": classes, "heavy": heavy,
    "account": account.__module__}))
"""


def test_import_loads_no_model_until_it_is_used() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    result = json.loads(out.stdout)
    # asyncio (about 14 ms) loads with the first async call, never for a sync program.
    assert result["heavy"] == []
    from rememberizer_api import models

    # Models load on first use: the facade names them through the `models` module in its
    # method bodies, so importing it defines no model class. Only lists of enum values load.
    assert result["classes"] == []
    assert len(result["models"]) < len(models.__all__)
    assert result["account"] == "rememberizer_api.models.account"


def test_lazy_models_are_public_names() -> None:
    for name in ("Account", "Detail", "Profile", "TeamMembership", "User"):
        assert name in rememberizer.__all__
        assert getattr(rememberizer, name).__name__ == name
