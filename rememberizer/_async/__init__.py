"""The facade's operations, the clients' lifecycle, the session manager and the refresh flow,
written once in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/ from it, and
rememberizer/_concurrency.py holds what differs between the two."""
