"""Every type a method of this SDK takes or returns, importable from here.

The API's models (`Document`, `SearchResult`, `VectorStoreDocument`, ...) are generated from
the spec into `rememberizer_api.models`; this module re-exports all of them, with `Unset` and
`UNSET`, so your own code never imports the generated package:

```python
from rememberizer.types import UNSET, Document, Unset

def size_of(document: Document) -> int | None:
    return None if isinstance(document.size, Unset) else document.size
```

A field the server may leave out is typed `X | Unset`: when the answer had no such field, it
reads `UNSET`, a sentinel that is falsy and is not None (None is a value the server sent).
Test it with `isinstance(value, Unset)` or `value is UNSET`.

Two names differ from the top-level ones: `rememberizer.types.VectorStore` is the vector
store's description (the model `VectorStore.info()` returns), not the `rememberizer.VectorStore`
client; `rememberizer.types.OAuthError` is the token endpoint's error body, not the
`rememberizer.OAuthError` exception. Models load on first use, as in `rememberizer`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rememberizer_api import models as _models
from rememberizer_api.types import UNSET, Unset

if TYPE_CHECKING:
    from rememberizer_api.models import *  # noqa: F403

__all__ = ["UNSET", "Unset"]
__all__ += _models.__all__


def __getattr__(name: str) -> Any:
    if name in _models.__all__:
        value = getattr(_models, name)
        globals()[name] = value  # once: later lookups skip __getattr__
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
