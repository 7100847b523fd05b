"""Which generated operations the facade wraps.

scripts/regenerate reads WRAPPED_OPERATIONS to tell, after a spec change, which operations
people can only reach through `client.raw` so far.
"""

WRAPPED_OPERATIONS: frozenset[str] = frozenset()
