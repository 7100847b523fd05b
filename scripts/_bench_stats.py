"""Paired, interleaved rounds, and the figures the bench reports from them.

Why rounds: this machine is shared, and its speed drifts by tens of percent within seconds.
Timing A for a while and then B for a while (what the bench once did) lets the drift land on
one of them: six such runs gave the facade/httpx ratio anywhere from 0.59 to 1.23. Here every
round times every subject once, in a fresh random order, so drift hits them alike; a ratio is
taken within each round (A and B a moment apart) and only then is the median of the rounds'
ratios taken. The spread printed beside a median is the middle half of the rounds (p25-p75):
a wide one says the figure is not to be trusted, which a lone number never said.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def interleaved(subjects: Mapping[str, Callable[[], T]], rounds: int) -> dict[str, list[T]]:
    """Each round calls every subject's sampler once, in a shuffled order: name -> samples."""
    samples: dict[str, list[T]] = {name: [] for name in subjects}
    for _ in range(rounds):
        order = list(subjects)
        random.shuffle(order)
        for name in order:
            samples[name].append(subjects[name]())
    return samples


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """p25, median, p75 (one value is all three)."""
    if len(values) < 2:
        return values[0], values[0], values[0]
    low, mid, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, mid, high


def per_round_ratios(values: Sequence[float], baseline: Sequence[float]) -> list[float]:
    """Each round's value over the same round's baseline."""
    return [value / base for value, base in zip(values, baseline, strict=True)]


def spread(values: Sequence[float], digits: int) -> str:
    """`p25-p75` of the values, for a table cell."""
    low, _, high = quartiles(values)
    return f"{low:.{digits}f}-{high:.{digits}f}"


def figure(values: Sequence[float], digits: int) -> dict[str, Any]:
    """The median, the quartiles and the range of some samples, for the JSON."""
    low, mid, high = quartiles(values)
    return {
        "median": round(mid, digits),
        "p25": round(low, digits),
        "p75": round(high, digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "samples": [round(v, digits) for v in values],
    }
