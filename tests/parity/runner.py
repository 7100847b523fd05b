"""The Python runner of spec/conformance: every scenario, run with the facade.

    python tests/parity/runner.py --base-url http://127.0.0.1:PORT/api/v1 [--scenarios DIR]
        [--only NAME]

It follows the runner protocol of rememberizer/testing/conformance/README.md: one JSON line
per scenario on stdout, exit 1 when any failed. The TypeScript runner in tests/parity/ts/ is
its twin.
"""

from __future__ import annotations

import argparse
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
import yaml

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
from rememberizer.testing._conformance import SCENARIOS as SCENARIOS

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


class Mismatch(Exception):
    """The SDK did not do what the scenario says."""


class FacadeMissing(Exception):
    """A step calls a facade method this build of the SDK does not have yet."""


def load(path: Path) -> dict[str, Any]:
    """One scenario file."""
    scenario: dict[str, Any] = yaml.safe_load(path.read_text())
    return scenario


def scenarios(only: str | None = None, directory: Path = SCENARIOS) -> list[dict[str, Any]]:
    """Every scenario, by file name."""
    found = [load(path) for path in sorted(directory.glob("*.yaml"))]
    return [s for s in found if only in (None, s["name"])]


def other_origin(base_url: str) -> str:
    """The same server under another origin: 127.0.0.1 and localhost swapped."""
    url = httpx2.URL(base_url)
    host = "localhost" if url.host != "localhost" else "127.0.0.1"
    return str(url.copy_with(host=host))


class SdkClock:
    """The facade's clock, moved forward by `advance_clock: {sdk: true}`.

    The facade reads the wall clock (`time.time`) in rememberizer/_session.py to judge a
    token's expiry; the runner swaps that module's `time` for this shim during a scenario,
    the only way to move a 280 s wait into no time without a clock argument on the client.
    """

    def __init__(self) -> None:
        self.offset = 0.0
        self.module = types.SimpleNamespace(time=lambda: time.time() + self.offset)

    def __enter__(self) -> SdkClock:
        setattr(_session_module, "time", self.module)  # noqa: B010 - a module global
        return self

    def __exit__(self, *exc: object) -> None:
        setattr(_session_module, "time", time)  # noqa: B010 - a module global


def run_scenario(base_url: str, scenario: dict[str, Any]) -> str | None:
    """Run one scenario; None when it passed, else why it failed."""
    with SdkClock() as clock, tempfile.TemporaryDirectory() as files:
        return _run_scenario(base_url, scenario, clock, Path(files))


def _run_scenario(
    base_url: str, scenario: dict[str, Any], clock: SdkClock, files: Path
) -> str | None:
    root = base_url.removesuffix("/").removesuffix("/api/v1")
    controls = httpx2.Client(base_url=root + "/_testing", timeout=30)

    def control(method: str, path: str, **kwargs: Any) -> Any:
        response = controls.request(method, path, **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    control("POST", "/reset", json={})
    captcha_calls: dict[str, int] = {}

    def provider(action: str) -> str:
        captcha_calls[action] = captcha_calls.get(action, 0) + 1
        token: str = control("POST", "/captcha", json={"action": action})["token"]
        return token

    setting = (scenario.get("client") or {}).get("captcha", "provider")
    captcha = None if setting == "none" else provider if setting == "provider" else setting
    retries = (scenario.get("client") or {}).get("max_retries", 2)
    client = Rememberizer(base_url=base_url, captcha=captcha, max_retries=retries)

    def verify(args: dict[str, Any]) -> Any:
        code = str(args["code"])
        if code.startswith("from_outbox:"):
            email = code.removeprefix("from_outbox:")
            query = {"email": email, "kind": "verify_email"}
            code = control("GET", "/outbox", params=query)["messages"][-1]["verification_code"]
        return client.auth.verify_email(code)

    stores: list[Any] = []

    def the_store() -> Any:
        if not stores:
            raise Mismatch("no create_vector_store step before")
        return stores[-1]

    oauth = OAuthFlow()

    def exchange(args: dict[str, Any]) -> None:
        # The session the exchange starts replaces the client, as use_api_key does.
        nonlocal client
        session = oauth.exchange(args)
        client.close()
        client = Rememberizer(
            base_url=base_url,
            oauth=oauth.the_app(),
            session=MemorySessionStore(session),
            max_retries=retries,
        )

    calls: dict[str, Callable[[dict[str, Any]], Any]] = {
        "signup": lambda a: client.auth.signup(
            email=a["email"], password=a["password"], name=a["name"]
        ),
        "signin": lambda a: client.auth.signin(login=a["login"], password=a["password"]),
        "verify_email": verify,
        "documents_list_all": lambda a: list_all(facade(client, "documents.list"), a),
        "documents_search": lambda a: search(facade(client, "documents.search"), a),
        "documents_read": lambda a: read(
            facade(client, "documents.list"), facade(client, "documents.read"), a
        ),
        "memorize": lambda a: facade(client, "documents.memorize")(a["name"], a["content"]),
        "vector_store_add": lambda a: facade(the_store(), "documents.create")(a["name"], a["text"]),
        "vector_store_search": lambda a: store_search(facade(the_store(), "documents.search"), a),
        "vector_store_upload": lambda a: store_upload(
            facade(the_store(), "documents.upload"), files, a
        ),
        "oauth_exchange": exchange,
        "account_get": lambda a: client.account.get(),
        "account_me": lambda a: client.account.me(),
        "refresh": lambda a: client.auth.refresh(),
        "logout": lambda a: client.auth.logout(),
    }
    try:
        for index, step in enumerate(scenario["steps"], 1):
            ((name, args),) = step.items()
            try:
                if name == "create_vector_store":
                    body = {"name": args["name"]} if args.get("name") else {}
                    created = control("POST", "/vector-stores", json=body)
                    stores.append(vector_store(base_url, created, retries))
                    continue
                if name == "oauth_register":
                    body = {"name": args.get("name", "Conformance app")}
                    body["redirect_uris"] = [args.get("redirect_uri", REDIRECT_URI)]
                    registered = control("POST", "/oauth-apps", json=body)
                    oauth.register(base_url, registered, args.get("scopes"))
                    continue
                if name == "oauth_authorize":
                    oauth.authorize()
                    continue
                if name == "oauth_consent":
                    body = {"url": oauth.url, "email": args["email"]}
                    body["decision"] = args.get("decision", "approve")
                    oauth.callback = control("POST", "/oauth-consent", json=body)["location"]
                    continue
                if name == "use_api_key":
                    key = control("POST", "/api-keys", json={"email": args["email"]})["api_key"]
                    client.close()
                    client = with_api_key(base_url, key, retries)
                    continue
                if name == "inject_fault" and "{store}" in str(args.get("path", "")):
                    # The store's id is known only once it exists: the path names it as {store}.
                    store_path = args["path"].replace("{store}", the_store().vector_store_id)
                    args = {**args, "path": store_path}
                _step(name, args or {}, calls, control, client, captcha_calls, clock, base_url)
            except (Mismatch, FacadeMissing) as exc:
                return f"step {index} ({name}): {exc}"
    finally:
        for store in stores:
            store.close()
        client.close()
        controls.close()
    return None


def _step(
    name: str,
    args: Any,
    calls: dict[str, Callable[[dict[str, Any]], Any]],
    control: Callable[..., Any],
    client: Rememberizer,
    captcha_calls: dict[str, int],
    clock: SdkClock,
    base_url: str,
) -> None:
    if name in calls:
        expected = args.get("expect_error")
        got = None
        started = time.monotonic()
        try:
            calls[name](args)
        except RememberizerError as exc:
            got = kind_of(exc)
        except FacadeMissing as exc:
            raise Mismatch(str(exc)) from None
        took = time.monotonic() - started
        if got != expected:
            raise Mismatch(f"expected {expected or 'success'}, got {got or 'success'}")
        if took < args.get("min_seconds", 0):
            raise Mismatch(f"took {took:.2f} s, less than {args['min_seconds']} s")
    elif name == "advance_clock":
        control("POST", "/clock", json={"advance": args["seconds"]})
        if args.get("sdk"):
            clock.offset += args["seconds"]
    elif name == "seed_documents":
        for i in range(1, args["count"] + 1):
            text = "word " * args.get("words", 0) + args.get("text", f"document number {i}")
            named = args["name"] if args["count"] == 1 and "name" in args else None
            control(
                "POST",
                "/documents",
                json={
                    "email": args["email"],
                    "name": named or f"{args.get('name', 'document')} {i}",
                    "integration_type": args.get("integration_type", "google_drive"),
                    "time": args.get("time", "2025-01-01T00:00:00Z"),
                    "text": text,
                },
            )
    elif name == "get_other_origin":
        url = other_origin(base_url).removesuffix("/") + args["path"]
        client.raw.get_httpx_client().get(url)
    elif name == "expect_request_order":
        paths = [r["path"] for r in control("GET", "/requests")["requests"]]
        missing = [p for p in args if p not in paths]
        if missing:
            raise Mismatch(f"no request to {missing[0]}")
        firsts = [paths.index(p) for p in args]
        if firsts != sorted(firsts):
            raise Mismatch(f"requests came as {paths}")
    elif name == "mark_requests":
        control("DELETE", "/requests")
    elif name == "inject_fault":
        control("POST", "/faults", json=args)
    elif name == "inject_file_faults":
        control("POST", "/vector-stores/faults", json=args)
    elif name == "concurrent":
        call = calls[args["call"]]
        with ThreadPoolExecutor(args["count"]) as pool:
            futures = [pool.submit(call, {}) for _ in range(args["count"])]
        failed = [f for f in futures if f.exception() is not None]
        if failed:
            raise Mismatch(f"{len(failed)} of {args['count']} concurrent calls failed")
    elif name == "expect_requests":
        requests = control("GET", "/requests")["requests"]
        for matcher in args:
            check_requests(requests, matcher)
    elif name == "expect_session":
        if client.session.signed_in != args["signed_in"]:
            raise Mismatch(f"signed_in is {client.session.signed_in}")
    elif name == "expect_captcha_calls":
        for action, count in args.items():
            if captcha_calls.get(action, 0) != count:
                raise Mismatch(
                    f"captcha for {action} asked {captcha_calls.get(action, 0)} times, not {count}"
                )
    else:
        raise Mismatch(f"unknown step {name}")


def facade(client: Rememberizer, dotted: str) -> Any:
    """client.<dotted>, or FacadeMissing naming it when this build of the SDK lacks it."""
    found: Any = client
    for part in dotted.split("."):
        if not hasattr(found, part):
            raise FacadeMissing(f"facade method client.{dotted} missing")
        found = getattr(found, part)
    return found


def with_api_key(base_url: str, key: str, retries: int) -> Rememberizer:
    """A client holding only a knowledge API key: `Rememberizer(api_key=...)`."""
    try:
        return Rememberizer(base_url=base_url, api_key=key, max_retries=retries)  # type: ignore[call-arg,unused-ignore]
    except TypeError:
        raise FacadeMissing("facade constructor Rememberizer(api_key=...) missing") from None


def vector_store(base_url: str, created: dict[str, Any], retries: int) -> Any:
    """A vector store's client: `rememberizer.VectorStore(api_key=..., base_url=...)`."""
    import rememberizer

    cls = getattr(rememberizer, "VectorStore", None)
    if cls is None:
        raise FacadeMissing("facade class rememberizer.VectorStore missing")
    # The control gave the store's id: the client need not ask /vector-stores/me for it.
    return cls(
        api_key=created["key"],
        vector_store_id=created["id"],
        base_url=base_url,
        max_retries=retries,
    )


def store_upload(upload: Callable[..., Any], folder: Path, args: dict[str, Any]) -> None:
    """vector_store_upload: write the files, upload them in one call, check the result."""
    paths = []
    for item in args["files"]:
        path = folder / item["name"]
        path.write_text(item["text"], encoding="utf-8")
        paths.append(path)
    result = upload(paths)
    stored = sorted(field(d, "name") for d in result.documents)
    failed = sorted(field(e, "file") for e in result.errors)
    if "expect_documents" in args and stored != sorted(args["expect_documents"]):
        raise Mismatch(f"stored {stored}")
    if "expect_errors" in args and failed != sorted(args["expect_errors"]):
        raise Mismatch(f"not stored {failed}")


REDIRECT_URI = "https://app.example/callback"


class OAuthFlow:
    """The app of oauth_register and where its sign-in is: the URL, its state, the callback."""

    def __init__(self) -> None:
        self.app: OAuthApp | None = None
        self.secret = ""
        self.url = ""
        self.state = ""
        self.callback = ""

    def the_app(self) -> OAuthApp:
        if self.app is None:
            raise Mismatch("no oauth_register step before")
        return self.app

    def register(self, base_url: str, registered: dict[str, Any], scopes: Any) -> None:
        """The SDK's app for the credentials the control registered."""
        self.secret = registered["client_secret"]
        self.app = OAuthApp(
            registered["client_id"],
            self.secret,
            registered["redirect_uris"][0],
            scopes if scopes is not None else ("offline_access",),
            base_url=base_url,
        )

    def authorize(self) -> None:
        """oauth_authorize: the URL to send the user to; it must not carry the secret."""
        self.url, self.state = self.the_app().authorization_url()
        if self.secret in self.url:
            raise Mismatch("the authorization URL carries the client secret")

    def exchange(self, args: dict[str, Any]) -> Any:
        """oauth_exchange: the callback's code for a session, checked against the state."""
        if not self.callback:
            raise Mismatch("no oauth_consent step before")
        expected = self.state + "-not-this-one" if args.get("wrong_state") else self.state
        return self.the_app().exchange(self.callback, expected)


def store_search(documents_search: Callable[..., Any], args: dict[str, Any]) -> None:
    """vector_store_search: the hits' document names, as a set."""
    result = documents_search(args["q"], **({"n": args["n"]} if "n" in args else {}))
    hits = field(result, "matched_chunks")
    names = sorted({field(field(hit, "document"), "name") for hit in hits})
    if "expect_documents" in args and names != sorted(args["expect_documents"]):
        raise Mismatch(f"found {names}")


def field(value: Any, name: str) -> Any:
    """An attribute of a typed result, or a key of a plain one."""
    return value[name] if isinstance(value, dict) else getattr(value, name)


def list_all(documents_list: Callable[..., Any], args: dict[str, Any]) -> None:
    """documents_list_all: iterate the auto-paginating list to the end."""
    found = list(documents_list(page_size=args.get("page_size", 10)))
    if "expect_count" in args and len(found) != args["expect_count"]:
        raise Mismatch(f"{len(found)} documents, not {args['expect_count']}")


def search(documents_search: Callable[..., Any], args: dict[str, Any]) -> None:
    """documents_search: the hits' document names, as a set."""
    # The scenario's times are ISO 8601 text; the facade takes aware datetimes.
    times = {k: datetime.fromisoformat(args[k]) for k in ("from", "to") if k in args}
    filters = {"n": args.get("n"), "from_": times.get("from"), "to": times.get("to")}
    result = documents_search(args["q"], **{k: v for k, v in filters.items() if v is not None})
    hits = field(result, "matched_chunks")
    names = sorted({field(field(hit, "document"), "name") for hit in hits})
    if "expect_documents" in args and names != sorted(args["expect_documents"]):
        raise Mismatch(f"found {names}")


def read(
    documents_list: Callable[..., Any], documents_read: Callable[..., Any], args: dict[str, Any]
) -> None:
    """documents_read: the whole text of the named document."""
    document = next((d for d in documents_list() if field(d, "name") == args["document"]), None)
    if document is None:
        raise Mismatch(f"no document named {args['document']}")
    # The id the contents call takes: `pk` where the list gives it (the record types `id` as a
    # string in the newest schema), else `id`.
    pk = field(document, "pk")
    text = documents_read(pk if isinstance(pk, int) else field(document, "id"))
    ending = args.get("expect_ending")
    if ending and not str(text).rstrip().endswith(ending):
        raise Mismatch(f"the text ends {str(text)[-40:]!r}")


def check_requests(requests: list[dict[str, Any]], matcher: dict[str, Any]) -> None:
    """Check the request log against one matcher of expect_requests."""
    matched = [
        r
        for r in requests
        if all(matcher.get(key) in (None, r[key]) for key in ("method", "path", "status"))
    ]
    what = json.dumps(matcher)
    if "count" in matcher and len(matched) != matcher["count"]:
        raise Mismatch(f"{what}: {len(matched)} requests matched")
    for r in matched:
        if "bearer" in matcher and r["bearer"] != matcher["bearer"]:
            raise Mismatch(f"{what}: bearer was {r['bearer']}")
        if "api_key" in matcher and r.get("api_key") != matcher["api_key"]:
            raise Mismatch(f"{what}: api_key was {r.get('api_key')}")
        if "cookies" in matcher and sorted(r["cookies"]) != sorted(matcher["cookies"]):
            raise Mismatch(f"{what}: cookies were {r['cookies']}")
        for key in ("fields", "files"):
            if key in matcher and sorted(r.get(key, [])) != sorted(matcher[key]):
                raise Mismatch(f"{what}: {key} were {r.get(key)}")
        for key in ("content_type", "client_secret"):
            if key in matcher and r.get(key) != matcher[key]:
                raise Mismatch(f"{what}: {key} was {r.get(key)}")


def main(argv: list[str] | None = None) -> int:
    """Run the scenarios; print one JSON line each."""
    parser = argparse.ArgumentParser(description="The Python conformance runner.")
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--scenarios", type=Path, default=SCENARIOS)
    parser.add_argument("--only")
    args = parser.parse_args(argv)
    failed = 0
    for scenario in scenarios(args.only, args.scenarios):
        failure = run_scenario(args.base_url, scenario)
        failed += failure is not None
        line = {
            "scenario": scenario["name"],
            "language": "python",
            "result": "fail" if failure else "pass",
            "detail": failure or "",
        }
        print(json.dumps(line), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
