"""The fake server enforces an app's grant on mementos, and its test controls refuse what
another site's page can make a browser send (issue 23, items 8 and 13)."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from rememberizer.testing import FakeRememberizer

from .conftest import seed_document
from .test_oauth import App, app  # noqa: F401 (the fixture)


def test_an_app_limited_to_one_memento_reaches_no_other(http: httpx2.Client, app: App) -> None:  # noqa: F811
    granted_doc, hidden_doc = (
        seed_document(http, app.fake, "granted"),
        seed_document(http, app.fake, "hidden"),
    )
    given = http.post("mementos/", json={"name": "For the bot"}).json()
    other = http.post("mementos/", json={"name": "Private"}).json()
    http.post(f"mementos/memento_document/{given['id']}/", json={"add": [granted_doc]})
    http.post(f"mementos/memento_document/{other['id']}/", json={"add": [hidden_doc]})
    code = app.consent(app.authorize_url(), mementos=[given["id"]])["code"][0]
    bot = {"Authorization": f"Bearer {app.exchange(code).json()['access_token']}"}

    def as_bot(method: str, path: str, **kwargs: Any) -> httpx2.Response:
        return http.request(method, path, headers=bot, **kwargs)

    # It lists and reads only the memento it was given.
    assert [m["id"] for m in as_bot("GET", "mementos/").json()] == [given["id"]]
    assert as_bot("GET", f"mementos/{given['id']}/").status_code == 200
    assert as_bot("GET", f"mementos/{other['id']}/").status_code == 404
    # It cannot pull a document it cannot see into its memento, and so cannot read it.
    widened = as_bot(
        "POST", f"mementos/memento_document/{given['id']}/", json={"add": [hidden_doc]}
    )
    assert widened.status_code == 400
    assert as_bot("GET", f"documents/{hidden_doc}/contents/").status_code == 404
    # Nor a folder, which would bring in documents the grant does not cover.
    folder = {"folder_add": ["/gmail"]}
    assert as_bot("POST", f"mementos/memento_document/{given['id']}/", json=folder).status_code == (
        403
    )
    # Nor a memento of its own.
    assert as_bot("POST", "mementos/", json={"name": "Mine now"}).status_code == 403
    # It cannot delete a memento it was never given.
    assert as_bot("DELETE", f"mementos/{other['id']}/").status_code == 404
    mine = http.get("mementos/").json()
    assert sorted(m["id"] for m in mine) == sorted([given["id"], other["id"]])
    assert next(m for m in mine if m["id"] == given["id"])["documents"] == [granted_doc]
    # Within its grant it works: it may take a document out, and delete what it was given.
    removed = as_bot("POST", f"mementos/memento_document/{given['id']}/", json={"remove": []})
    assert removed.status_code == 200
    assert as_bot("DELETE", f"mementos/{given['id']}/").status_code == 204
    # The user's own session still reaches everything.
    assert [m["id"] for m in http.get("mementos/").json()] == [other["id"]]
    assert http.post("mementos/", json={"name": "New"}).status_code == 201


# Every control a form can reach (a form sends GET or POST; the GETs change nothing).
CONTROLS = [
    ("POST", f"/{name}")
    for name in [
        "captcha",
        "clock",
        "faults",
        "reset",
        "documents",
        "common-knowledge",
        "api-keys",
        "vector-stores",
        "vector-stores/faults",
        "oauth-apps",
        "oauth-consent",
        "oauth-revoke",
    ]
]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b"action=signup"),
        ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="a"'),
        ("text/plain", b'{"action": "signup", "advance": 1e9}'),
        (None, b""),
    ],
)
def test_a_cross_site_form_cannot_use_a_control(
    rememberizer_server: FakeRememberizer, content_type: str | None, body: bytes
) -> None:
    """What a form (or a no-cors fetch) on another site can send: refused by every control,
    and /reset wipes nothing."""
    rememberizer_server.state.signup(
        {
            "email": "ada@example.com",
            "password": "correct horse battery",
            "name": "Ada",
            "captcha": rememberizer_server.captcha("signup"),
        }
    )
    headers = {"content-type": content_type} if content_type else {}
    with httpx2.Client(base_url=rememberizer_server.root_url + "/_testing", timeout=10) as http:
        for method, path in CONTROLS:
            answer = http.request(method, path, content=body, headers=headers)
            assert answer.status_code == 400, (path, answer.text)
            assert "send application/json" in answer.json()["non_field_errors"][0]
    assert rememberizer_server.state.user_by_email("ada@example.com") is not None


def test_a_request_from_another_origin_is_refused(rememberizer_server: FakeRememberizer) -> None:
    root = rememberizer_server.root_url
    json_headers = {"content-type": "application/json"}
    cross = [
        {"origin": "https://evil.example"},
        {"origin": "null"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
    ]
    with httpx2.Client(base_url=root + "/_testing", timeout=10) as http:
        for headers in cross:
            for method, path in [*CONTROLS, ("GET", "/outbox")]:
                answer = http.request(method, path, json={}, headers={**json_headers, **headers})
                assert answer.status_code == 403, (path, headers)
                assert answer.json()["code"] == "permission_denied"
        # The server's own pages, a browser's address bar, and clients that are not browsers.
        for headers in ({"origin": root}, {"sec-fetch-site": "same-origin"}, {}):
            assert http.post("/reset", json={}, headers=headers).status_code == 204
        assert http.post("/reset", headers=json_headers).status_code == 204  # no body needed
        assert http.get("/outbox", headers={"sec-fetch-site": "none"}).status_code == 200
        # DNS rebinding: another site's name pointed at this server; its page's fetch is
        # same-origin to the browser, and carries that name as Host.
        rebound = {"host": "evil.example:80", "sec-fetch-site": "same-origin"}
        assert http.get("/outbox", headers=rebound).status_code == 403
        rebound = {"host": "evil.example", "origin": "http://evil.example"}
        assert http.post("/reset", json={}, headers=rebound).status_code == 403
