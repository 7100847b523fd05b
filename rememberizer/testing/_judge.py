"""The conformance kit's judge: it drives one scenario through a runner and decides.

The runner only performs SDK steps (see conformance/README.md, "The runner protocol"); every
control of the fake server, every expectation and every check of the request log happens here,
so a runner cannot pass a scenario by saying so.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from collections.abc import Callable
from typing import Any

from rememberizer_api.operations import OPERATIONS

from .._httpx import httpx2

# The operation (the spec's operationId) each SDK call exists to send: a call the runner reports
# as a success must have reached it. Logout succeeds locally whatever the server answers; every
# other call only on a 2xx the server sent.
STEP_OPERATIONS = {
    "signup": "signup",
    "signin": "signin",
    "verify_email": "verify_email",
    "account_get": "get_account",
    "account_me": "get_me",
    "refresh": "refresh",
    "logout": "logout",
    "documents_list_all": "list_documents",
    "documents_search": "search_documents",
    "documents_read": "get_document_contents",
    "memorize": "memorize_document",
    "vector_store_add": "create_vector_store_document",
    "vector_store_search": "search_vector_store_documents",
    "vector_store_upload": "upload_vector_store_documents",
    "oauth_exchange": "oauth2_token",
}
# The SDK calls whose expected outcome is a success or an `expect_error` kind: every call that
# sends an operation.
CALLS = frozenset(STEP_OPERATIONS)
# The steps whose `code: "from_outbox:EMAIL"` is the newest code of an email kind: (kind, field).
OUTBOX_CODES = {"verify_email": ("verify_email", "verification_code")}
ANSWERED_BY_ANY_STATUS = frozenset({"logout"})
# What the kit keeps for itself: the runner never sees an expectation.
EXPECTATIONS = frozenset(
    {"expect_error", "min_seconds", "expect_count", "expect_documents"}
    | {"expect_ending", "expect_errors", "wrong_state"}
)
REDIRECT_URI = "https://app.example/callback"
EMAIL = re.compile(r"([\w.+-]+)@example\.com")
# The keys whose string values are names (of users, documents, files) or texts: randomised.
NAME_KEYS = frozenset({"name", "document"})
TEXT_KEYS = frozenset({"text", "content"})


class Mismatch(Exception):
    """The SDK did not do what the scenario says."""


class RunnerFailed(Exception):
    """The runner broke the protocol: it crashed, hung or answered something else."""


Send = Callable[[dict[str, Any]], dict[str, Any]]


def randomise(scenario: dict[str, Any], token: str | None = None) -> dict[str, Any]:
    """The scenario with its emails, names and texts made unique to this run.

    Every occurrence of one name changes the same way (a fault body naming a document still
    names it), so the scenario keeps its meaning while its answers cannot be known in advance.
    """
    token = token or secrets.token_hex(4)
    names: dict[str, str] = {}
    texts: set[str] = set()

    def collect(value: Any, key: str | None = None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                collect(v, k)
        elif isinstance(value, list):
            for v in value:
                collect(v, key)
        elif isinstance(value, str) and key in NAME_KEYS and "@" not in value:
            stem, dot, ext = value.rpartition(".")
            names[value] = f"{stem}-{token}.{ext}" if dot and len(ext) <= 4 else f"{value} {token}"
        elif isinstance(value, str) and key in TEXT_KEYS:
            texts.add(value)

    def rewrite(value: Any, key: str | None = None) -> Any:
        if isinstance(value, dict):
            return {k: rewrite(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [rewrite(v, key) for v in value]
        if not isinstance(value, str):
            return value
        if (key in TEXT_KEYS and value in texts) or key == "expect_ending":
            return f"{value} {token}"
        value = names.get(value, value)
        return EMAIL.sub(lambda m: f"{m.group(1)}.{token}@example.com", value)

    collect(scenario["steps"])
    return {**scenario, "steps": rewrite(scenario["steps"])}


class Judge:
    """One scenario's run: the controls, the runner, the counts and the checks."""

    def __init__(self, base_url: str, send: Send, captcha_counts: dict[str, int]) -> None:
        self.base_url = base_url
        self.send = send
        self.captcha_counts = captcha_counts
        root = base_url.removesuffix("/").removesuffix("/api/v1")
        self.controls = httpx2.Client(base_url=root + "/_testing", timeout=30)
        self.store_id = ""
        self.secret = ""
        self.url = ""
        self.state = ""
        self.callback = ""

    def control(self, method: str, path: str, **kwargs: Any) -> Any:
        """One request to the fake server's controls; its JSON answer."""
        response = self.controls.request(method, path, **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    def requests(self) -> list[dict[str, Any]]:
        """The fake server's request log since the last mark."""
        found: list[dict[str, Any]] = self.control("GET", "/requests")["requests"]
        return found

    def run(self, scenario: dict[str, Any]) -> str | None:
        """Run the scenario; None when it passed, else why it failed."""
        try:
            self.control("POST", "/reset", json={})
            self.captcha_counts.clear()
            client = scenario.get("client") or {}
            self.call(
                "new_client",
                {
                    "base_url": self.base_url,
                    "captcha": client.get("captcha", "provider"),
                    "max_retries": client.get("max_retries", 2),
                },
            )
            for index, step in enumerate(scenario["steps"], 1):
                ((name, args),) = step.items()
                try:
                    self.step(name, args if args is not None else {})
                except Mismatch as exc:
                    return f"step {index} ({name}): {exc}"
                except (AttributeError, TypeError, KeyError, IndexError) as exc:
                    # A result of another shape than the step's (a string for an object): the
                    # runner fails the scenario, rather than the kit failing every runner.
                    return f"step {index} ({name}): a result of the wrong shape ({exc!r})"
        finally:
            self.controls.close()
        return None

    def call(self, step: str, args: dict[str, Any]) -> Any:
        """Send one step to the runner; its result, or Mismatch for an unexpected error."""
        answer = self.send({"step": step, **args})
        if "error" in answer:
            raise Mismatch(f"{step} failed: {json.dumps(answer['error'])}")
        return answer.get("ok")

    def step(self, name: str, args: Any) -> None:
        """One scenario step."""
        if name in CALLS:
            self.sdk_call(name, args)
            return
        handler = getattr(self, f"do_{name}", None)
        if handler is None:
            raise Mismatch(f"unknown step {name}")
        handler(args)

    def sdk_call(self, name: str, args: dict[str, Any]) -> None:
        """An SDK call: its outcome, its duration, its traffic and its result, judged here."""
        sent = {k: v for k, v in args.items() if k not in EXPECTATIONS}
        sent = self.prepare(name, sent, args)
        before = len(self.requests())
        started = time.monotonic()
        answer = self.send({"step": name, **sent})
        took = time.monotonic() - started
        expected = args.get("expect_error")
        got = answer["error"].get("type") if "error" in answer else None
        if got != expected:
            raise Mismatch(f"expected {expected or 'success'}, got {got or 'success'}")
        if took < args.get("min_seconds", 0):
            raise Mismatch(f"took {took:.2f} s, less than {args['min_seconds']} s")
        if got is None:
            # Every SDK call that succeeds talks to the server: a success with no request
            # behind it is a runner's word alone.
            self.check_reached(name, self.requests()[before:])
            self.check_result(name, answer.get("ok"), args)

    def prepare(self, name: str, sent: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
        """The step's arguments as the runner needs them: codes, callbacks and states resolved."""
        code = str(sent.get("code", ""))
        if name in OUTBOX_CODES and code.startswith("from_outbox:"):
            kind, field = OUTBOX_CODES[name]
            query = {"email": code.removeprefix("from_outbox:"), "kind": kind}
            messages = self.control("GET", "/outbox", params=query)["messages"]
            if not messages:
                raise Mismatch(f"no {kind} email to {query['email']}")
            sent["code"] = messages[-1][field]
        if name == "oauth_exchange":
            if not self.callback:
                raise Mismatch("no oauth_consent step before")
            wrong = args.get("wrong_state")
            sent["callback"] = self.callback
            sent["state"] = self.state + "-not-this-one" if wrong else self.state
        return sent

    def check_reached(self, name: str, sent: list[dict[str, Any]]) -> None:
        """A call reported as a success reached its operation, and the server said yes."""
        op = OPERATIONS[STEP_OPERATIONS[name]]
        # A path parameter matches one segment (the spec's paths are letters, -, _ and /).
        route = re.compile(re.sub(r"\{[^}]*\}", "[^/]+", op.path))
        reached = [r for r in sent if r["method"] == op.method and route.fullmatch(r["path"])]
        if not any(name in ANSWERED_BY_ANY_STATUS or 200 <= r["status"] < 300 for r in reached):
            what = "answered with a 2xx" if reached else "sent"
            raise Mismatch(f"reported success, but no {op.method} {op.path} was {what}")

    def check_result(self, name: str, result: Any, args: dict[str, Any]) -> None:
        """The answer of a successful call, against the scenario's expectation."""
        result = result if isinstance(result, dict) else {}
        if "expect_count" in args and result.get("count") != args["expect_count"]:
            raise Mismatch(f"{result.get('count')} documents, not {args['expect_count']}")
        if "expect_documents" in args:
            found = sorted(result.get("documents") or [])
            if name != "vector_store_upload":
                found = sorted(set(found))
            if found != sorted(args["expect_documents"]):
                raise Mismatch(f"found {found}")
        if "expect_errors" in args and sorted(result.get("errors") or []) != sorted(
            args["expect_errors"]
        ):
            raise Mismatch(f"not stored {result.get('errors')}")
        ending = args.get("expect_ending")
        if ending and not str(result.get("text", "")).rstrip().endswith(ending):
            raise Mismatch(f"the text ends {str(result.get('text', ''))[-40:]!r}")

    # -- the steps the kit performs itself, or asks the runner about ------------------------

    def do_mark_requests(self, args: Any) -> None:
        self.control("DELETE", "/requests")

    def do_advance_clock(self, args: dict[str, Any]) -> None:
        self.control("POST", "/clock", json={"advance": args["seconds"]})
        if args.get("sdk"):
            self.call("advance_sdk_clock", {"seconds": args["seconds"]})

    def do_inject_fault(self, args: dict[str, Any]) -> None:
        path = str(args.get("path", ""))
        if "{store}" in path:
            if not self.store_id:
                raise Mismatch("no create_vector_store step before")
            args = {**args, "path": path.replace("{store}", self.store_id)}
        self.control("POST", "/faults", json=args)

    def do_inject_file_faults(self, args: dict[str, Any]) -> None:
        self.control("POST", "/vector-stores/faults", json=args)

    def do_seed_documents(self, args: dict[str, Any]) -> None:
        for i in range(1, args["count"] + 1):
            text = "word " * args.get("words", 0) + args.get("text", f"document number {i}")
            named = args["name"] if args["count"] == 1 and "name" in args else None
            body = {
                "email": args["email"],
                "name": named or f"{args.get('name', 'document')} {i}",
                "integration_type": args.get("integration_type", "google_drive"),
                "time": args.get("time", "2025-01-01T00:00:00Z"),
                "text": text,
            }
            self.control("POST", "/documents", json=body)

    def do_create_vector_store(self, args: dict[str, Any]) -> None:
        created = self.control("POST", "/vector-stores", json=args if args.get("name") else {})
        self.store_id = str(created["id"])
        self.call("vector_store", {"key": created["key"], "id": created["id"]})

    def do_oauth_register(self, args: dict[str, Any]) -> None:
        body = {"name": args.get("name", "Conformance app")}
        body["redirect_uris"] = [args.get("redirect_uri", REDIRECT_URI)]
        registered = self.control("POST", "/oauth-apps", json=body)
        self.secret = registered["client_secret"]
        app = {
            "client_id": registered["client_id"],
            "client_secret": self.secret,
            "redirect_uri": registered["redirect_uris"][0],
            "scopes": args.get("scopes", ["offline_access"]),
        }
        self.call("oauth_app", app)

    def do_oauth_authorize(self, args: Any) -> None:
        answer = self.call("oauth_authorize", {}) or {}
        self.url, self.state = str(answer.get("url", "")), str(answer.get("state", ""))
        if self.secret and self.secret in self.url:
            raise Mismatch("the authorization URL carries the client secret")
        if not self.state or self.state not in httpx2.URL(self.url).params.get_list("state"):
            raise Mismatch("the authorization URL does not carry the state the SDK gave")

    def do_oauth_consent(self, args: dict[str, Any]) -> None:
        body = {"url": self.url, "email": args["email"]}
        body["decision"] = args.get("decision", "approve")
        self.callback = self.control("POST", "/oauth-consent", json=body)["location"]

    def do_use_api_key(self, args: dict[str, Any]) -> None:
        key = self.control("POST", "/api-keys", json={"email": args["email"]})["api_key"]
        self.call("use_api_key", {"key": key})

    def do_get_other_origin(self, args: dict[str, Any]) -> None:
        url = httpx2.URL(self.base_url)
        host = "localhost" if url.host != "localhost" else "127.0.0.1"
        other = str(url.copy_with(host=host)).removesuffix("/") + args["path"]
        before = len(self.requests())
        self.send({"step": "get_other_origin", "url": other})
        if len(self.requests()) <= before:
            raise Mismatch("the server saw no request on the other origin")

    def do_concurrent(self, args: dict[str, Any]) -> None:
        outcomes = self.call("concurrent", {"count": args["count"], "call": args["call"]})
        failed = [o for o in outcomes or [] if o is not None]
        if not isinstance(outcomes, list) or len(outcomes) != args["count"] or failed:
            raise Mismatch(f"{len(failed)} of {args['count']} concurrent calls failed")

    def do_expect_requests(self, args: list[dict[str, Any]]) -> None:
        requests = self.requests()
        for matcher in args:
            check_requests(requests, matcher)

    def do_expect_request_order(self, args: list[str]) -> None:
        paths = [r["path"] for r in self.requests()]
        missing = [p for p in args if p not in paths]
        if missing:
            raise Mismatch(f"no request to {missing[0]}")
        firsts = [paths.index(p) for p in args]
        if firsts != sorted(firsts):
            raise Mismatch(f"requests came as {paths}")

    def do_expect_session(self, args: dict[str, Any]) -> None:
        answer = self.call("session", {}) or {}
        if answer.get("signed_in") is not args["signed_in"]:
            raise Mismatch(f"signed_in is {answer.get('signed_in')}")

    def do_expect_captcha_calls(self, args: dict[str, int]) -> None:
        # Counted by the server as it issued the tokens, not by the runner's word.
        for action, count in args.items():
            if self.captcha_counts.get(action, 0) != count:
                asked = self.captcha_counts.get(action, 0)
                raise Mismatch(f"captcha for {action} asked {asked} times, not {count}")


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
