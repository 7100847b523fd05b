"""Chunking and lexical ranking for the fake server's search endpoints.

Rememberizer ranks chunks by embedding similarity; a fake server cannot ship a model, so it
ranks with Okapi BM25 (rank-bm25) instead. That keeps results deterministic and still shaped like
the real thing: a `distance` in [0, 1], closest first.

Only chunks that share at least one word with the query are hits: a test that searches for
something absent gets nothing back, which is easier to assert on than a tail of unrelated chunks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from rank_bm25 import BM25Okapi  # type: ignore[import-untyped]

# Words per chunk. Small, so that a few paragraphs already span several chunks and a test of
# the 20-chunks-a-call contents paging needs only a couple of thousand words.
CHUNK_WORDS = 50
_PIECE = re.compile(r"\S+\s*")
_WORD = re.compile(r"\w+")


def chunk_text(text: str) -> list[str]:
    """Split `text` into chunks of CHUNK_WORDS words; joined, the chunks give `text` back."""
    pieces = [m.group() for m in _PIECE.finditer(text)]
    if not pieces:
        return []
    # Leading whitespace belongs to the first chunk, so that nothing is lost.
    lead = text[: len(text) - len(text.lstrip())]
    chunks = ["".join(pieces[i : i + CHUNK_WORDS]) for i in range(0, len(pieces), CHUNK_WORDS)]
    chunks[0] = lead + chunks[0]
    return chunks


def tokenize(text: str) -> list[str]:
    """The lower-cased words of `text`, as the index and the queries see them."""
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class Hit:
    """One matching chunk: which document, which chunk of it, and how far from the query."""

    doc_key: Hashable
    chunk_index: int
    distance: float


@dataclass
class _Entry:
    tokens: list[list[str]]
    when: float
    order: int


class SearchIndex:
    """Chunks of many documents, ranked against a query with BM25.

    Not thread-safe: the fake server calls it under its state lock. The BM25 model is rebuilt
    lazily after a change, so a burst of `add` calls costs one rebuild at the next search.
    """

    def __init__(self) -> None:
        self._entries: dict[Hashable, _Entry] = {}
        self._order = 0
        self._model: BM25Okapi | None = None
        self._rows: list[tuple[Hashable, int]] = []

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, doc_key: Hashable, chunks: Iterable[str], when: float) -> None:
        """Index (or re-index) a document's chunks, dated `when` (seconds since the epoch)."""
        self._order += 1
        self._entries[doc_key] = _Entry([tokenize(c) for c in chunks], float(when), self._order)
        self._model = None

    def remove(self, doc_key: Hashable) -> None:
        """Forget a document; unknown keys are ignored."""
        if self._entries.pop(doc_key, None) is not None:
            self._model = None

    def search(
        self,
        query: str,
        n: int,
        *,
        keys: Iterable[Hashable] | None = None,
        since: float | None = None,
        until: float | None = None,
    ) -> list[Hit]:
        """The `n` chunks closest to `query`, closest first.

        `keys` limits the search to those documents; `since` and `until` (inclusive, seconds
        since the epoch) to documents dated between them. Ties are broken by the order the
        documents were added, then by chunk index, so equal inputs give equal answers.
        """
        terms = tokenize(query)
        if n <= 0 or not terms or not self._entries:
            return []
        allowed = None if keys is None else set(keys)
        model, rows = self._build()
        if model is None:
            return []
        scores = model.get_scores(terms)
        wanted = set(terms)
        found: list[tuple[float, int, int, Hashable]] = []
        for row, (doc_key, chunk_index) in enumerate(rows):
            entry = self._entries[doc_key]
            if allowed is not None and doc_key not in allowed:
                continue
            if (since is not None and entry.when < since) or (
                until is not None and entry.when > until
            ):
                continue
            if wanted.isdisjoint(entry.tokens[chunk_index]):
                continue
            found.append((_distance(float(scores[row])), entry.order, chunk_index, doc_key))
        found.sort(key=lambda f: (f[0], f[1], f[2]))
        return [Hit(doc_key, chunk_index, d) for d, _, chunk_index, doc_key in found[:n]]

    def _build(self) -> tuple[BM25Okapi | None, list[tuple[Hashable, int]]]:
        if self._model is None:
            rows: list[tuple[Hashable, int]] = []
            corpus: list[list[str]] = []
            for doc_key, entry in self._entries.items():
                for i, tokens in enumerate(entry.tokens):
                    rows.append((doc_key, i))
                    corpus.append(tokens)
            # BM25 divides by the mean chunk length: a corpus without words has no model.
            if not any(corpus):
                return None, []
            self._model, self._rows = BM25Okapi(corpus), rows
        return self._model, self._rows


def _distance(score: float) -> float:
    """A BM25 score (unbounded, may be negative) as a distance in [0, 1]: higher score, closer."""
    # A logistic squash keeps the order and the bounds; rounding keeps answers stable across
    # platforms' last-bit differences.
    return round(1.0 / (1.0 + math.exp(min(score, 700.0))), 6)
