"""The Python SDK for the Rememberizer API.

Rememberizer is a knowledge service: people sign up, connect their data and search it
semantically. This package signs users in and calls the API, sync or async.
"""

from ._version import __version__

__all__ = ["__version__"]
