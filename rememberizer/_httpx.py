"""The one place the facade imports its HTTP library: httpx2, the maintained fork of httpx.

Why httpx2: httpx's upstream has stalled, and its connection pool (httpcore) collapses under a
burst, a known and still open problem (encode/httpcore#1035). At 1000 concurrent async tasks
over loopback, httpx served 16-29 requests a second with 510-1000 new connections per burst, and
raw httpx raised PoolTimeout after 35.7 s; httpx2 has fixed it, and the same burst takes 1.75 s.
httpx2 also costs the facade about 21% less CPU per call. openai-python 3, anthropic 1 and
Starlette have moved to it, and the generated client (rememberizer_api) is generated for it.

The rest of the facade takes `httpx2` from here. `check_http_client` refuses a caller's client
of the old library with an error that says what to pass instead, without importing httpx.
"""

from typing import TypeVar

import httpx2

__all__ = ["check_http_client", "httpx2"]

ClientT = TypeVar("ClientT", httpx2.Client, httpx2.AsyncClient)


def check_http_client(client: object, expected: type[ClientT]) -> ClientT | None:
    """`client` when it is None or an `expected` (httpx2.Client or httpx2.AsyncClient).

    Raises:
        TypeError: anything else; for an httpx client, the message explains the move to httpx2.
    """
    if client is None or isinstance(client, expected):
        return client
    kind = type(client)
    wanted = f"httpx2.{expected.__qualname__}"
    # By module name, through the bases too (a caller's subclass of httpx.Client): importing
    # httpx to compare types would load the library we left.
    old = next((k for k in kind.__mro__ if k.__module__.split(".")[0] == "httpx"), None)
    if old is not None:
        raise TypeError(
            f"http_client is an httpx.{old.__qualname__}, but rememberizer is built on httpx2, "
            f"the maintained fork of httpx: pass {wanted}(...) with the same settings "
            "(`import httpx2`; its API is httpx's)"
        )
    raise TypeError(f"http_client must be an {wanted}, not {kind.__qualname__}")
