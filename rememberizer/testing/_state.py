"""The fake server's state: users, captchas, the outbox, sessions, the clock and the logs.

Everything here is plain Python with no I/O, so the HTTP layer (_app.py) stays thin and the
rules are easy to read in one place. One lock guards it all: the state is touched from the
server's event loop and from test code in other threads.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jwt
from rememberizer_api import operations as ops

if TYPE_CHECKING:
    from ._oauth import OAuth
    from ._vector_stores import VectorStores

Errors = dict[str, list[str]]
# The captcha each operation spends, as the spec names it (x-rememberizer-captcha-action).
SIGNUP, SIGNIN = str(ops.SIGNUP.captcha_action), str(ops.SIGNIN.captcha_action)
CAPTCHA_TTL = 120.0
CODE_TTL = 24 * 3600.0
# The kind of the email that signup sends; each message names its kind, so that a helper that
# wants this one is not thrown by a message of another kind.
VERIFY_EMAIL = "verify_email"
LOCKOUT_FAILURES = 5
LOCKOUT_WINDOW = 15 * 60.0
# Cheap on purpose: this is a test server, and signups should cost milliseconds.
_SCRYPT = {"n": 2**12, "r": 8, "p": 1, "dklen": 32}


@dataclass
class Options:
    """How a fake server behaves; see FakeRememberizer for each one."""

    access_ttl: float = 300.0
    refresh_ttl: float = 14 * 24 * 3600.0
    refresh_reuse_grace: float = 0.0
    secure_cookies: bool = False


@dataclass
class User:
    id: int
    email: str
    name: str
    password_salt: bytes = field(repr=False)
    password_hash: bytes = field(repr=False)
    email_verified: bool = False


@dataclass
class RefreshToken:
    user_id: int
    family: str
    expires_at: float
    used_at: float | None = None


@dataclass
class Fault:
    path: str
    method: str | None
    status: int | None
    times: int
    retry_after: str | None = None
    delay: float = 0.0
    body: Any = None
    content_type: str | None = None
    drop: bool = False
    headers: dict[str, str] = field(default_factory=dict)


class Rejected(Exception):
    """A rule said no: the HTTP layer turns it into this status and body."""

    def __init__(self, status: int, body: dict[str, Any], retry_after: int | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.retry_after = retry_after


def field_error(name: str, message: str) -> Rejected:
    return Rejected(400, {name: [message]})


def token_not_valid(message: str = "Given token not valid for any token type") -> Rejected:
    return Rejected(401, {"detail": message, "code": "token_not_valid"})


@dataclass(frozen=True)
class Tokens:
    access: str
    refresh: str


class State:
    """All of one fake server's state."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            # A new key, so that no token issued before the reset is valid after it.
            self._secret = secrets.token_bytes(32)
            self.clock_offset = 0.0
            self.users: dict[str, User] = {}
            self.captchas: dict[str, tuple[str, float]] = {}
            self.codes: dict[int, tuple[str, float]] = {}
            self.outbox: list[dict[str, Any]] = []
            self.refresh_tokens: dict[str, RefreshToken] = {}
            self.revoked_families: set[str] = set()
            self.failures: dict[str, list[float]] = {}
            self.requests: list[dict[str, Any]] = []
            self.faults: list[Fault] = []
            self._next_id = 1
            # The areas (OAuth, vector stores, knowledge) import this module's classes, so they
            # are imported here, not above.
            from . import _knowledge, _oauth, _vector_stores

            self.oauth: OAuth = _oauth.OAuth(self)
            self.vector_stores: VectorStores = _vector_stores.VectorStores(self)
            self.knowledge = _knowledge.Knowledge(self)

    @property
    def lock(self) -> threading.RLock:
        """The one lock over all state; other rule modules (knowledge) take it too."""
        return self._lock

    def user_by_id(self, user_id: int) -> User | None:
        with self._lock:
            return next((u for u in self.users.values() if u.id == user_id), None)

    def user_by_email(self, email: str) -> User | None:
        with self._lock:
            return self.users.get(email.lower())

    # -- the clock ----------------------------------------------------------------------------

    def now(self) -> float:
        return time.time() + self.clock_offset

    def advance(self, seconds: float) -> float:
        with self._lock:
            self.clock_offset += seconds
            return self.now()

    # -- captchas and the outbox --------------------------------------------------------------

    def issue_captcha(self, action: str) -> str:
        token = "captcha-" + secrets.token_urlsafe(24)
        with self._lock:
            self.captchas[token] = (action, self.now() + CAPTCHA_TTL)
        return token

    def _spend_captcha(self, token: Any, action: str) -> None:
        # Like reCAPTCHA: single use, two minutes, one action. Spent even when the rest fails.
        entry = self.captchas.pop(token, None) if isinstance(token, str) else None
        if entry is None or entry[0] != action or entry[1] < self.now():
            raise field_error("captcha", "The captcha is invalid or has expired.")

    def _spend_captcha_into(self, errors: Errors, token: Any, action: str) -> None:
        # A missing captcha keeps the spec's "required"; any other is spent, even when the
        # rest of the body fails.
        try:
            self._spend_captcha(token, action)
        except Rejected as exc:
            for name, messages in exc.body.items():
                errors.setdefault(name, messages)

    def messages(self, email: str | None, kind: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [
                dict(m)
                for m in self.outbox
                if (email is None or m["to"] == email.lower()) and kind in (None, m["kind"])
            ]

    def send_mail(self, to: str, kind: str, subject: str, **fields: Any) -> None:
        """Put a message of `kind` in the outbox, with its own fields (a code, a link)."""
        with self._lock:
            message = {"to": to.lower(), "kind": kind, "subject": subject, **fields}
            self.outbox.append({**message, "sent_at": self.now()})

    # -- the API rules ------------------------------------------------------------------------

    def signup(self, body: dict[str, Any], errors: Errors | None = None) -> tuple[User, Tokens]:
        """Create an account; `errors` are what the body breaks of the spec's rules."""
        errors = dict(errors or {})
        email, password, name = body.get("email"), body.get("password"), body.get("name")
        with self._lock:
            self._spend_captcha_into(errors, body.get("captcha"), SIGNUP)
            if not errors and str(email).lower() in self.users:
                errors["email"] = ["A user with this email address already exists."]
            if errors:
                raise Rejected(400, errors)
            assert isinstance(email, str)
            assert isinstance(password, str)
            assert isinstance(name, str)
            salt = secrets.token_bytes(16)
            user = User(
                id=self._next_id,
                email=email.lower(),
                name=name,
                password_salt=salt,
                password_hash=hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT),
            )
            self._next_id += 1
            self.users[user.email] = user
            code = f"{secrets.randbelow(10**6):06d}"
            self.codes[user.id] = (code, self.now() + CODE_TTL)
            self.send_mail(
                user.email,
                VERIFY_EMAIL,
                "Verify your Rememberizer email address",
                verification_code=code,
            )
            return user, self._new_tokens(user.id, family=secrets.token_hex(8))

    def signin(self, body: dict[str, Any], errors: Errors | None = None) -> Tokens:
        """Sign in; `errors` are what the body breaks of the spec's rules (the sign-in page,
        which the spec does not publish, sends strings from its form)."""
        login, password = body.get("login"), body.get("password")
        errors = dict(errors or {})
        with self._lock:
            self._spend_captcha_into(errors, body.get("captcha"), SIGNIN)
            if errors:
                raise Rejected(400, errors)
            assert isinstance(login, str)
            assert isinstance(password, str)
            key = login.lower()
            now = self.now()
            recent = [t for t in self.failures.get(key, []) if t > now - LOCKOUT_WINDOW]
            self.failures[key] = recent
            if len(recent) >= LOCKOUT_FAILURES:
                raise self._throttled(recent[0] + LOCKOUT_WINDOW - now)
            user = self.users.get(key)
            if user is None or not hmac.compare_digest(
                user.password_hash,
                hashlib.scrypt(password.encode(), salt=user.password_salt, **_SCRYPT),
            ):
                recent.append(now)
                if len(recent) >= LOCKOUT_FAILURES:
                    raise self._throttled(LOCKOUT_WINDOW)
                raise Rejected(
                    401,
                    {
                        "detail": "No active account found with the given credentials.",
                        "code": "invalid_credentials",
                    },
                )
            self.failures.pop(key, None)
            return self._new_tokens(user.id, family=secrets.token_hex(8))

    @staticmethod
    def _throttled(wait: float) -> Rejected:
        seconds = max(1, int(wait + 0.999))
        return Rejected(
            429,
            {
                "detail": f"Too many failed sign-ins. Try again in {seconds} seconds.",
                "code": "throttled",
            },
            retry_after=seconds,
        )

    def authenticate(self, token: str | None) -> User:
        """The user behind an access token, or Rejected(401)."""
        if not token:
            raise Rejected(
                401,
                {
                    "detail": "Authentication credentials were not provided.",
                    "code": "token_not_valid",
                },
            )
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=["HS256"],
                # The fake clock may run ahead of the real one: check times against it below.
                options={"verify_exp": False, "verify_iat": False, "verify_nbf": False},
            )
        except jwt.PyJWTError:
            raise token_not_valid() from None
        with self._lock:
            exp, family, sub = claims.get("exp"), claims.get("fam"), claims.get("sub")
            if not isinstance(exp, int | float) or exp <= self.now():
                raise token_not_valid("Token is expired")
            if family in self.revoked_families:
                raise token_not_valid("Token is revoked")
            user = next((u for u in self.users.values() if str(u.id) == sub), None)
            if user is None:
                raise Rejected(404, {"detail": "Not found.", "code": "not_found"})
            return user

    def verify_email(self, user: User, body: dict[str, Any]) -> None:
        code = body.get("verification_code")
        with self._lock:
            expected = self.codes.get(user.id)
            if (
                not isinstance(code, str)
                or expected is None
                or expected[1] < self.now()
                or not hmac.compare_digest(code.encode(), expected[0].encode())
            ):
                raise field_error(
                    "verification_code", "The verification code is wrong or has expired."
                )
            del self.codes[user.id]
            user.email_verified = True

    def refresh(self, token: str | None) -> Tokens:
        with self._lock:
            entry = self.refresh_tokens.get(token or "")
            now = self.now()
            if entry is None or entry.family in self.revoked_families or entry.expires_at <= now:
                raise token_not_valid("Token is invalid or expired")
            if entry.used_at is not None and now - entry.used_at > self.options.refresh_reuse_grace:
                # Reuse of a rotated token means it leaked: end the whole session family.
                self.revoked_families.add(entry.family)
                raise token_not_valid("Token has already been used")
            if entry.used_at is None:
                entry.used_at = now
            return self._new_tokens(entry.user_id, family=entry.family)

    def logout(self, token: str | None) -> None:
        with self._lock:
            entry = self.refresh_tokens.get(token or "")
            if entry is not None:
                self.revoked_families.add(entry.family)

    def access_token(self, user_id: int, family: str, extra: dict[str, Any] | None = None) -> str:
        """A new access JWT for `user_id` in session family `family`, with `extra` claims."""
        now = self.now()
        claims = {
            "sub": str(user_id),
            "iat": int(now),
            "exp": int(now + self.options.access_ttl),
            "jti": secrets.token_hex(16),
            "fam": family,
            "token_type": "access",
            **(extra or {}),
        }
        return jwt.encode(claims, self._secret, algorithm="HS256")

    def token_claims(self, token: str) -> dict[str, Any] | None:
        """The claims of an access JWT this server signed, or None; times are not checked."""
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self._secret,
                algorithms=["HS256"],
                options={"verify_exp": False, "verify_iat": False, "verify_nbf": False},
            )
        except jwt.PyJWTError:
            return None
        return claims

    def _new_tokens(self, user_id: int, family: str) -> Tokens:
        now = self.now()
        access = self.access_token(user_id, family)
        refresh = secrets.token_urlsafe(32)
        self.refresh_tokens[refresh] = RefreshToken(
            user_id=user_id, family=family, expires_at=now + self.options.refresh_ttl
        )
        return Tokens(access=access, refresh=refresh)

    # -- faults and the request log -----------------------------------------------------------

    def add_fault(self, fault: Fault) -> None:
        with self._lock:
            self.faults.append(fault)

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.path == path and fault.method in (None, method):
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                    return fault
        return None

    def log_request(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self.requests.append(entry)

    def request_log(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(entry) for entry in self.requests]

    def clear_requests(self) -> None:
        with self._lock:
            self.requests.clear()
