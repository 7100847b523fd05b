"""The one place the facade imports its HTTP library.

openai-python, anthropic and Starlette have moved to httpx2, the maintained fork of httpx, and
openapi-python-client is moving too. When the generator does, switching means changing this
import and nothing else.
"""

import httpx

__all__ = ["httpx"]
