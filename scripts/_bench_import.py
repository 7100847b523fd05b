"""Import time, measured as a user meets it: a clean venv, bytecode compiled.

Why not the development venv: there httpx finds rich and pygments (its CLI imports them) and
the project's files may have no bytecode yet, both of which a user's install does not have;
the bench once reported figures inflated by both.

The venv lives in .bench/ (ignored by git), named by a hash of pyproject.toml and the Python
version, so reruns reuse it; it holds the project as a wheel (`pip install .`, no extras, no dev
tools) and httpx2 at the bench group's pin. When the package's own files change, only the
project is reinstalled. `python -m compileall` then compiles everything in it.

Each round times, in a shuffled order, fresh `python -I` processes (isolated: no user site,
no current directory on sys.path, so the work tree's sources cannot shadow the wheel):
- `-X importtime -c 'import X'`: Python's own count of the module's cumulative import time;
- `-c 'import X'` by wall clock, and `-c pass` for the interpreter's start-up alone.
The difference rememberizer - httpx2 is taken within each round, then medianed (goal <= 40 ms).
"""

from __future__ import annotations

import functools
import hashlib
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _bench_clients import facade_library
from _bench_stats import figure, interleaved, quartiles, spread

ROOT = Path(__file__).resolve().parent.parent
MODULES = ["httpx", "httpx2", "rememberizer"]
# httpx is installed by name too: it stays a row after the facade no longer depends on it.
HTTPX = "httpx>=0.28,<0.29"
GOAL_MS = 40


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _pip(python: Path, *args: str) -> None:
    result = subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"pip {' '.join(args)} failed: {result.stderr.strip()[-500:]}")


def clean_venv() -> Path:
    """The python of the cached clean venv, made or refreshed as needed."""
    pyproject = ROOT / "pyproject.toml"
    key = _digest([pyproject]) + f"-py{sys.version_info[0]}{sys.version_info[1]}"
    folder = ROOT / ".bench" / f"import-venv-{key}"
    python = folder / "bin" / "python"
    # httpx2 at the bench group's pin, or as the project requires it once it is a dependency.
    groups = tomllib.loads(pyproject.read_text())["dependency-groups"]["bench"]
    httpx2 = next((pin for pin in groups if pin.startswith("httpx2")), "httpx2")
    sources = sorted(
        p
        for folder_ in (ROOT / "rememberizer", ROOT / "generated" / "rememberizer_api")
        for p in folder_.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    stamp = folder / ".sources"
    want = _digest(sources)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    if not (folder / ".dependencies").exists():  # also after an install that failed halfway
        _pip(python, "install", str(ROOT), httpx2, HTTPX)
        (folder / ".dependencies").write_text(httpx2)
    elif not stamp.exists() or stamp.read_text() != want:
        _pip(python, "install", "--no-deps", "--force-reinstall", str(ROOT))
    else:
        return python
    subprocess.run([str(python), "-m", "compileall", "-q", str(folder / "lib")], check=True)
    stamp.write_text(want)
    return python


def _importtime_ms(python: Path, module: str, cwd: str) -> float:
    result = subprocess.run(
        [str(python), "-I", "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
    )
    # The line of the module itself: its cumulative column covers everything it imported.
    for line in reversed(result.stderr.splitlines()):
        fields = line.split("|")
        if line.startswith("import time:") and fields[2].strip() == module:
            return int(fields[1]) / 1000
    raise RuntimeError(f"no import time line for {module}")


def _wall_ms(python: Path, code: str, cwd: str) -> float:
    started = time.perf_counter()
    subprocess.run([str(python), "-I", "-c", code], check=True, cwd=cwd)
    return (time.perf_counter() - started) * 1000


def measure(rounds: int) -> dict[str, Any]:
    """Median import times in the clean venv, and rememberizer - httpx2 per round."""
    python = clean_venv()
    with tempfile.TemporaryDirectory() as cwd:
        samplers: dict[str, Callable[[], float]] = {
            "python -c pass": functools.partial(_wall_ms, python, "pass", cwd)
        }
        for module in MODULES:
            samplers[f"importtime {module}"] = functools.partial(
                _importtime_ms, python, module, cwd
            )
            samplers[f"wall {module}"] = functools.partial(
                _wall_ms, python, f"import {module}", cwd
            )
        samples = interleaved(samplers, rounds)
    bare = samples["python -c pass"]
    rows: list[dict[str, Any]] = []
    for module in MODULES:
        importtime = samples[f"importtime {module}"]
        # The process's wall time less the bare interpreter's in the same round.
        wall = [w - b for w, b in zip(samples[f"wall {module}"], bare, strict=True)]
        rows.append(_row(module, importtime, wall, ""))
    library = facade_library()
    for other in ("httpx2", "httpx"):
        importtime = _difference(samples, "importtime", other)
        wall = _difference(samples, "wall", other)
        goal = f"<= {GOAL_MS} ms" if other == "httpx2" else ""
        rows.append(_row(f"rememberizer - {other}", importtime, wall, goal))
    return {
        "rounds": rounds,
        "venv": str(python.parent.parent.relative_to(ROOT)),
        "facade_library": library,
        "bare_python_ms": figure(bare, 2),
        "rows": rows,
    }


def _difference(samples: dict[str, list[float]], kind: str, other: str) -> list[float]:
    ours, theirs = samples[f"{kind} rememberizer"], samples[f"{kind} {other}"]
    return [a - b for a, b in zip(ours, theirs, strict=True)]


def _row(name: str, importtime: list[float], wall: list[float], goal: str) -> dict[str, Any]:
    return {
        "import": name,
        "importtime ms": f"{quartiles(importtime)[1]:.1f}",
        "importtime p25-p75": spread(importtime, 1),
        "wall ms (less bare python)": f"{quartiles(wall)[1]:.1f}",
        "wall p25-p75": spread(wall, 1),
        "goal": goal,
        "_figures": {"importtime_ms": figure(importtime, 2), "wall_ms": figure(wall, 2)},
    }
