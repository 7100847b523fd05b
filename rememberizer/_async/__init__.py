"""The async source of the facade: the operations, the clients' lifecycle, the session manager
and the refresh flow; scripts/unasync writes the sync twins, and rememberizer/_concurrency.py
holds what differs between the two."""
