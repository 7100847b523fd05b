"""scripts/figures.py: issue 24's figures are only as good as the finders that count them.

Each finder is run on a small planted tree whose answer is known (a generated module, a CLI
module, a twin beside its original, a lone async def, a decorated function with a docstring),
and the refresh trace is run for real against the fake server.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import figures
import pytest
from rememberizer_api import operations as ops


def plant(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def lines(n: int, first: str = "x = 1") -> str:
    return "\n".join([first] + ["x = 1"] * (n - 1)) + "\n"


def test_facade_lines_count_the_hand_written_modules_and_the_cli_apart(tmp_path: Path) -> None:
    package = plant(
        tmp_path / "pkg",
        {
            "__init__.py": lines(2),
            "_client.py": lines(3),  # not a CLI module, though its name starts with _cli
            "_cli.py": lines(5),
            "_cli_knowledge.py": lines(7),
            "_async/_call.py": lines(4),
            "_sync/_call.py": lines(6, first=figures.GENERATED_MARK + " from pkg/_async"),
            "testing/_app.py": lines(11),
            "examples/app.py": lines(13),
        },
    )
    found = figures.facade_lines(package)
    assert (found.hand_written, found.with_cli) == (2 + 3 + 4, 2 + 3 + 4 + 5 + 7)
    assert (found.generated, found.testing) == (6, 11)
    assert sorted(Path(name).name for name in found.files) == [
        "__init__.py",
        "_call.py",
        "_client.py",
    ]


TWINS = """\
import contextlib


def load():
    return 1


async def aload():
    return load()


async def alone():
    return 2


def refresh_sync():
    pass


async def refresh_async():
    pass


async def _aread():
    pass


def _write():
    pass


@contextlib.asynccontextmanager
async def _awrite():
    yield


class Store:
    def save(self):
        pass

    def __enter__(self):
        return self


class AsyncStore:
    async def asave(self):
        pass

    async def __aenter__(self):
        return self
"""


def test_the_twin_finder_finds_planted_twins_and_ignores_a_lone_async_def(
    tmp_path: Path,
) -> None:
    module = plant(tmp_path, {"mod.py": TWINS}) / "mod.py"
    found = {(t.name, t.twin_of): (t.line, t.lines) for t in figures.find_twins(module)}
    assert found == {
        ("aload", "load"): (8, 2),
        ("refresh_async", "refresh_sync"): (20, 2),
        ("_awrite", "_write"): (32, 3),  # from its decorator
        ("AsyncStore", "Store"): (45, 6),  # its methods are not counted again
    }


def test_the_twin_finder_skips_the_one_source_the_shim_and_generated_modules(
    tmp_path: Path,
) -> None:
    package = plant(
        tmp_path / "pkg",
        {
            "_store.py": TWINS,
            "_async/_store.py": TWINS,
            "_concurrency.py": TWINS,
            "_sync/_store.py": figures.GENERATED_MARK + "\n" + TWINS,
            "testing/_store.py": TWINS,
            "_cli.py": TWINS,
        },
    )
    assert {
        Path(t.file).relative_to(package).as_posix() for t in figures.hand_twinned(package)
    } == {"_store.py"}


def test_sync_names_cover_each_naming_of_a_twin() -> None:
    assert figures.sync_names("aload") == ["load"]
    assert figures.sync_names("_astore_lock") == ["_store_lock"]
    assert figures.sync_names("__aenter__") == ["__enter__"]
    assert "refresh_sync" in figures.sync_names("refresh_async")
    assert "sync_auth_flow" in figures.sync_names("async_auth_flow")


PLANTED = '''\
import functools


def traced(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return function(*args, **kwargs)

    return wrapper


@traced
def planted(
    a: int,
    b: int,
) -> int:
    """A docstring
    of two lines."""
    # a comment, and a blank line below
    total = a + b

    return total
'''


def test_an_operation_counts_its_signature_and_body_not_decorators_docstring_or_comments(
    tmp_path: Path,
) -> None:
    path = plant(tmp_path, {"planted_module.py": PLANTED}) / "planted_module.py"
    spec = importlib.util.spec_from_file_location("planted_module", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    file, line, count = figures.definition_lines(module.planted)
    assert (Path(file), line, count) == (path, 13, 4 + 2)


def test_every_namespace_method_of_the_async_clients_is_measured() -> None:
    rows = figures.operation_sizes()
    methods = {row.method for row in rows}
    assert {"AsyncRememberizer.account.get", "AsyncVectorStore.documents.search"} <= methods
    assert len(rows) > 20
    assert all(row.lines >= 2 for row in rows)  # a signature and at least one statement
    assert len({(row.file, row.line) for row in rows}) == len(rows)  # each definition once


@pytest.mark.parametrize("trace", [figures.trace_sync, figures.trace_async])
def test_the_refresh_trace_finds_the_refresh_and_its_hops(
    trace: Callable[[float], figures.RefreshTrace],
) -> None:
    found = trace(30.0)
    assert found.refresh_found
    assert [r.split(" -> ")[1] for r in found.requests] == ["401", "204", "200"]
    assert len(found.window) == 1
    assert ops.REFRESH.path in found.window[0]
    logic, pipeline, both = (found.count(p) for p in (False, True, None))
    assert logic[0] >= 1
    assert pipeline[0] >= 1
    assert max(logic[0], pipeline[0]) <= both[0] <= logic[0] + pipeline[0]
    assert all(
        hop.file.startswith("rememberizer/") and not hop.file.startswith("rememberizer/testing/")
        for hop in found.hops
    )
    # The call that got the 401 is waiting for the replay, not a step of the refresh: an
    # async frame only passed through on the way back down its await chain is not a hop.
    account = dict(figures._namespace_classes())["AsyncRememberizer.account"]
    waiting = {account.get.__qualname__, account.get.__qualname__.removeprefix("Async")}
    assert not waiting & {hop.function for hop in found.hops}
    # The call path runs from the auth flow (the task of the async single flight joined to
    # the coroutine that waits for it) to the generic send and to the store's save.
    path = [hop.function.rsplit(".", 1)[-1] for hop in found.path]
    assert path[0].endswith("auth_flow")
    assert "_call" in path
    assert path[-1] in ("save", "asave")
    assert len(set(path)) == len(path)


def test_the_report_prints_every_figure_with_its_definition(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert figures.main(["--json", "--no-refresh"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["definitions"]) == {
        "facade_lines",
        "hand_twinned_lines",
        "refresh_flow",
        "lines_per_operation",
    }
    text = figures.render(report, verbose=True)
    for heading in ("1. hand-written", "2. hand-twinned", "3. the refresh", "4. median"):
        assert heading in text
