"""Runnable examples that ship with the package, so a user who installed the wheel has them.

- `rememberizer.examples.oauth_app`: a web app that signs its users in with Rememberizer
  (OAuth2); it needs the `testing` extra's Starlette and uvicorn
  (`pip install 'rememberizer[testing]'`). Run it with `python -m rememberizer.examples.oauth_app`,
  or read it with `python -m inspect rememberizer.examples.oauth_app`.
"""
