"""The Python runner of the conformance kit: it performs each SDK step the kit asks with the facade.

    python -m rememberizer.testing conformance --runner "python tests/parity/runner.py"

It speaks the runner protocol of rememberizer/testing/conformance/README.md: one JSON line in on
stdin per step, one JSON line out on stdout (`{"ok": RESULT}` or `{"error": {"type": KIND}}`).
It judges nothing: the kit reads the request log and decides. The TypeScript runner in
tests/parity/ts/ is its twin.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import types
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx2

import rememberizer._session as _session_module
from rememberizer import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    CaptchaError,
    CaptchaProviderError,
    CaptchaRequiredError,
    InternalServerError,
    InvalidRequestError,
    MemorySessionStore,
    NotFoundError,
    OAuthAccessDenied,
    OAuthApp,
    OAuthStateError,
    OAuthTokenError,
    PermissionDeniedError,
    RateLimitError,
    Rememberizer,
    RememberizerError,
    SessionExpiredError,
)

# Most specific first: the first class an error is an instance of names its kind.
KINDS: list[tuple[type[RememberizerError], str]] = [
    (OAuthStateError, "oauth_state"),
    (OAuthAccessDenied, "access_denied"),
    (OAuthTokenError, "oauth_token"),
    (CaptchaRequiredError, "captcha_required"),
    (CaptchaError, "captcha_rejected"),
    (CaptchaProviderError, "captcha_rejected"),
    (InvalidRequestError, "invalid_request"),
    (APITimeoutError, "timeout"),
    (APIConnectionError, "connection"),
    (APIResponseValidationError, "response_validation"),
    (SessionExpiredError, "session_expired"),
    (AuthenticationError, "authentication"),
    (BadRequestError, "bad_request"),
    (PermissionDeniedError, "permission_denied"),
    (NotFoundError, "not_found"),
    (RateLimitError, "rate_limited"),
    (InternalServerError, "server_error"),
]


def kind_of(error: RememberizerError) -> str:
    """The language-neutral error kind of a facade error."""
    for cls, kind in KINDS:
        if isinstance(error, cls):
            return kind
    if isinstance(error, APIStatusError):
        return "server_error" if error.status_code >= 500 else "bad_request"
    return "connection"


class Unsupported(Exception):
    """A step this build of the SDK cannot perform (a facade method it lacks)."""


class SdkClock:
    """The facade's clock, moved forward by the kit's `advance_sdk_clock` step.

    The facade reads the wall clock (`time.time`) in rememberizer/_session.py to judge a
    token's expiry; the runner swaps that module's `time` for this shim, the only way to move
    a 280 s wait into no time without a clock argument on the client.
    """

    def __init__(self) -> None:
        self.offset = 0.0
        self.module = types.SimpleNamespace(time=lambda: time.time() + self.offset)

    def __enter__(self) -> SdkClock:
        setattr(_session_module, "time", self.module)  # noqa: B010 - a module global
        return self

    def __exit__(self, *exc: object) -> None:
        setattr(_session_module, "time", time)  # noqa: B010 - a module global


def facade(client: Any, dotted: str) -> Any:
    """client.<dotted>, or Unsupported naming it when this build of the SDK lacks it."""
    found: Any = client
    for part in dotted.split("."):
        if not hasattr(found, part):
            raise Unsupported(f"facade method client.{dotted} missing")
        found = getattr(found, part)
    return found


def field(value: Any, name: str) -> Any:
    """An attribute of a typed result, or a key of a plain one."""
    return value[name] if isinstance(value, dict) else getattr(value, name)


def hit_names(result: Any) -> list[str]:
    """The document names of a search's hits."""
    return [field(field(hit, "document"), "name") for hit in field(result, "matched_chunks")]


class Runner:
    """The SDK objects of the current scenario, and one method per step of the protocol."""

    def __init__(self, clock: SdkClock, files: Path) -> None:
        self.clock = clock
        self.files = files
        self.base_url = ""
        self.retries = 2
        self.captcha: Any = None
        self.client: Rememberizer | None = None
        self.store: Any = None
        self.app: OAuthApp | None = None
        self.controls: httpx2.Client | None = None

    def the_client(self) -> Rememberizer:
        if self.client is None:
            raise Unsupported("no new_client step before")
        return self.client

    def new_client(self, a: dict[str, Any]) -> None:
        self.close()
        self.base_url, self.retries = a["base_url"], a["max_retries"]
        root = self.base_url.removesuffix("/").removesuffix("/api/v1")
        self.controls = httpx2.Client(base_url=root + "/_testing", timeout=30)
        self.clock.offset = 0.0
        setting = a["captcha"]
        self.captcha = (
            None if setting == "none" else self.provider if setting == "provider" else setting
        )
        self.client = Rememberizer(
            base_url=self.base_url, captcha=self.captcha, max_retries=self.retries
        )

    def provider(self, action: str) -> str:
        """The captcha provider: a token from the fake server's `/_testing/captcha`."""
        assert self.controls is not None
        response = self.controls.post("/captcha", json={"action": action})
        response.raise_for_status()
        token: str = response.json()["token"]
        return token

    def replace(self, client: Rememberizer) -> None:
        self.the_client().close()
        self.client = client

    def close(self) -> None:
        for held in (self.client, self.store, self.controls):
            if held is not None:
                held.close()
        self.client = self.store = self.app = self.controls = None

    # -- the steps ------------------------------------------------------------------------

    def signup(self, a: dict[str, Any]) -> None:
        self.the_client().auth.signup(email=a["email"], password=a["password"], name=a["name"])

    def signin(self, a: dict[str, Any]) -> None:
        self.the_client().auth.signin(login=a["login"], password=a["password"])

    def verify_email(self, a: dict[str, Any]) -> None:
        self.the_client().auth.verify_email(a["code"])

    def account_get(self, a: dict[str, Any]) -> None:
        self.the_client().account.get()

    def account_me(self, a: dict[str, Any]) -> None:
        self.the_client().account.me()

    def refresh(self, a: dict[str, Any]) -> None:
        self.the_client().auth.refresh()

    def logout(self, a: dict[str, Any]) -> None:
        self.the_client().auth.logout()

    def session(self, a: dict[str, Any]) -> dict[str, Any]:
        return {"signed_in": self.the_client().session.signed_in}

    def advance_sdk_clock(self, a: dict[str, Any]) -> None:
        self.clock.offset += a["seconds"]

    def documents_list_all(self, a: dict[str, Any]) -> dict[str, Any]:
        listed = facade(self.the_client(), "documents.list")(page_size=a.get("page_size", 10))
        names = [field(d, "name") for d in listed]
        return {"count": len(names), "documents": names}

    def documents_search(self, a: dict[str, Any]) -> dict[str, Any]:
        # The scenario's times are ISO 8601 text; the facade takes aware datetimes.
        times = {k: datetime.fromisoformat(a[k]) for k in ("from", "to") if k in a}
        filters = {"n": a.get("n"), "from_": times.get("from"), "to": times.get("to")}
        search = facade(self.the_client(), "documents.search")
        result = search(a["q"], **{k: v for k, v in filters.items() if v is not None})
        return {"documents": hit_names(result)}

    def documents_read(self, a: dict[str, Any]) -> dict[str, Any]:
        listed = facade(self.the_client(), "documents.list")()
        document = next((d for d in listed if field(d, "name") == a["document"]), None)
        if document is None:
            raise Unsupported(f"no document named {a['document']}")
        # The id the contents call takes: `pk` where the list gives it, else `id`.
        pk = field(document, "pk")
        read = facade(self.the_client(), "documents.read")
        return {"text": str(read(pk if isinstance(pk, int) else field(document, "id")))}

    def memorize(self, a: dict[str, Any]) -> None:
        facade(self.the_client(), "documents.memorize")(a["name"], a["content"])

    def vector_store(self, a: dict[str, Any]) -> None:
        import rememberizer

        cls = getattr(rememberizer, "VectorStore", None)
        if cls is None:
            raise Unsupported("facade class rememberizer.VectorStore missing")
        # The kit gave the store's id: the client need not ask /vector-stores/me for it.
        self.store = cls(
            api_key=a["key"],
            vector_store_id=a["id"],
            base_url=self.base_url,
            max_retries=self.retries,
        )

    def the_store(self) -> Any:
        if self.store is None:
            raise Unsupported("no vector_store step before")
        return self.store

    def vector_store_add(self, a: dict[str, Any]) -> None:
        facade(self.the_store(), "documents.create")(a["name"], a["text"])

    def vector_store_search(self, a: dict[str, Any]) -> dict[str, Any]:
        search = facade(self.the_store(), "documents.search")
        result = search(a["q"], **({"n": a["n"]} if "n" in a else {}))
        return {"documents": hit_names(result)}

    def vector_store_upload(self, a: dict[str, Any]) -> dict[str, Any]:
        paths = []
        for item in a["files"]:
            path = self.files / item["name"]
            path.write_text(item["text"], encoding="utf-8")
            paths.append(path)
        result = facade(self.the_store(), "documents.upload")(paths)
        return {
            "documents": [field(d, "name") for d in result.documents],
            "errors": [field(e, "file") for e in result.errors],
        }

    def oauth_app(self, a: dict[str, Any]) -> None:
        self.app = OAuthApp(
            a["client_id"],
            a["client_secret"],
            a["redirect_uri"],
            a["scopes"],
            base_url=self.base_url,
        )

    def the_app(self) -> OAuthApp:
        if self.app is None:
            raise Unsupported("no oauth_app step before")
        return self.app

    def oauth_authorize(self, a: dict[str, Any]) -> dict[str, Any]:
        url, state = self.the_app().authorization_url()
        return {"url": url, "state": state}

    def oauth_exchange(self, a: dict[str, Any]) -> None:
        session = self.the_app().exchange(a["callback"], a["state"])
        # The session the exchange starts replaces the client, as use_api_key does.
        self.replace(
            Rememberizer(
                base_url=self.base_url,
                oauth=self.the_app(),
                session=MemorySessionStore(session),
                max_retries=self.retries,
            )
        )

    def use_api_key(self, a: dict[str, Any]) -> None:
        try:
            client = Rememberizer(
                base_url=self.base_url, api_key=a["key"], max_retries=self.retries
            )  # type: ignore[call-arg,unused-ignore]
        except TypeError:
            raise Unsupported("facade constructor Rememberizer(api_key=...) missing") from None
        self.replace(client)

    def get_other_origin(self, a: dict[str, Any]) -> None:
        self.the_client().raw.get_httpx_client().get(a["url"])

    def concurrent(self, a: dict[str, Any]) -> list[str | None]:
        call: Callable[[dict[str, Any]], Any] = getattr(self, a["call"])
        with ThreadPoolExecutor(a["count"]) as pool:
            futures = [pool.submit(call, {}) for _ in range(a["count"])]
        return [None if f.exception() is None else outcome_kind(f.exception()) for f in futures]


def outcome_kind(error: BaseException | None) -> str:
    """The protocol's error type for what a step raised."""
    if isinstance(error, RememberizerError):
        return kind_of(error)
    if isinstance(error, Unsupported):
        return "unsupported"
    return "runner_error"


STEPS = frozenset(name for name in vars(Runner) if not name.startswith("_")) - {
    "the_client",
    "the_store",
    "the_app",
    "provider",
    "replace",
    "close",
}


def answer(runner: Runner, message: dict[str, Any]) -> dict[str, Any]:
    """Perform one step of the protocol; its answer line."""
    step = message.pop("step", None)
    if step == "hello":
        return {"ok": {"language": "python"}}
    if step not in STEPS:
        return {"error": {"type": "unsupported", "message": f"unknown step {step}"}}
    try:
        return {"ok": getattr(runner, step)(message)}
    except (RememberizerError, Unsupported) as exc:
        return {"error": {"type": outcome_kind(exc), "message": str(exc)}}


def main() -> int:
    """Answer the kit's steps, one JSON line each, until stdin closes."""
    with SdkClock() as clock, tempfile.TemporaryDirectory() as files:
        runner = Runner(clock, Path(files))
        try:
            for line in sys.stdin:
                if line.strip():
                    print(json.dumps(answer(runner, json.loads(line))), flush=True)
        finally:
            runner.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
