"""A minimal web app that signs its users in with Rememberizer (OAuth2) and shows their
account and a search of the mementos they shared with it.

It ships in the package (`pip install 'rememberizer[testing]'` brings Starlette and uvicorn).
Run it against the fake server (`python -m rememberizer.testing serve` prints its URL), with
an app registered there for this app's callback URL, and a user to sign in as:

    python -m rememberizer.testing serve --port 8001 &
    curl -s -X POST http://127.0.0.1:8001/_testing/oauth-apps -H 'content-type: application/json' \\
        -d '{"name": "Example", "redirect_uris": ["http://127.0.0.1:8000/callback"]}'
    # its client_id and client_secret go in the environment
    REMEMBERIZER_BASE_URL=http://127.0.0.1:8001/api/v1 REMEMBERIZER_CLIENT_ID=... \\
        REMEMBERIZER_CLIENT_SECRET=... python -m rememberizer.examples.oauth_app

Sign a user up on the fake server (`rememberizer signup --base-url ...`), then open
http://127.0.0.1:8000/login: the fake server shows its sign-in page (the user's email and
password), then its consent page, and sends the browser back to /callback, as Rememberizer does.

Each browser gets a random `sid` cookie; the app keeps that user's pending state and session
server-side under it (a real app would use a database-backed SessionStore keyed the same way).
"""

from __future__ import annotations

import os
import secrets

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from rememberizer import AsyncOAuthApp, AsyncRememberizer, MemorySessionStore, OAuthError

SID = "sid"


def create_app(oauth: AsyncOAuthApp) -> Starlette:
    """The web app, signing users in through `oauth`."""
    pending: dict[str, str] = {}  # sid -> the state of the sign-in it started
    stores: dict[str, MemorySessionStore] = {}  # sid -> that user's Rememberizer session

    def sid_of(request: Request) -> str | None:
        return request.cookies.get(SID)

    async def login(request: Request) -> Response:
        sid = sid_of(request) or secrets.token_urlsafe(32)
        url, state = oauth.authorization_url()
        pending[sid] = state
        response = RedirectResponse(url, status_code=302)
        response.set_cookie(SID, sid, httponly=True, samesite="lax")
        return response

    async def callback(request: Request) -> Response:
        sid = sid_of(request)
        state = pending.pop(sid, None) if sid else None
        if sid is None or state is None:
            return JSONResponse({"error": "no sign-in in progress"}, status_code=400)
        try:
            session = await oauth.exchange(str(request.url), state)
        except OAuthError as exc:
            return JSONResponse({"error": exc.message}, status_code=400)
        stores[sid] = MemorySessionStore(session)
        return RedirectResponse("/me", status_code=302)

    async def me(request: Request) -> Response:
        sid = sid_of(request)
        store = stores.get(sid) if sid else None
        if store is None:
            return RedirectResponse("/login", status_code=302)
        async with AsyncRememberizer(oauth=oauth, session=store) as client:
            account = await client.account.get()
            found = await client.documents.search(request.query_params.get("q", "notes"))
        results = [match.to_dict() for match in found.matched_chunks]
        return JSONResponse({"email": account.email, "name": account.name, "results": results})

    return Starlette(
        routes=[
            Route("/login", login),
            Route("/callback", callback),
            Route("/me", me),
        ]
    )


def main() -> None:
    """Serve the app on 127.0.0.1:8000 with the app credentials from the environment."""
    import uvicorn

    oauth = AsyncOAuthApp(
        os.environ["REMEMBERIZER_CLIENT_ID"],
        os.environ["REMEMBERIZER_CLIENT_SECRET"],
        os.environ.get("REMEMBERIZER_REDIRECT_URI", "http://127.0.0.1:8000/callback"),
    )
    uvicorn.run(create_app(oauth), host="127.0.0.1", port=8000)


if __name__ == "__main__":
    main()
