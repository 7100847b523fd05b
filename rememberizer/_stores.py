"""The session stores the SDK ships: in memory (the default), and in a file that processes
share. The Redis stores, for many hosts, are in rememberizer/_redis.py."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
import threading
from pathlib import Path
from typing import Any

from ._async._store import AsyncSessionStore
from ._concurrency import AsyncLock, AsyncSide, aheld
from ._errors import SessionStoreError
from ._session import Session, logger, stored_session
from ._sync._store import SessionStore

__all__ = [
    "AnySessionStore",
    "AsyncSessionStore",
    "FileSessionStore",
    "MemorySessionStore",
    "SessionStore",
]

AnySessionStore = SessionStore | AsyncSessionStore
"""A store of either side: a client's own flavour of it is taken (rememberizer/_concurrency.py)."""


# What a read-only folder (or one that refuses this process a new file) answers.
_REFUSED = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


class MemorySessionStore(AsyncSide):
    """The default store: the session lives in this process only."""

    blocks = False  # the async client reads and writes it on the event loop

    def __init__(self, session: Session | None = None) -> None:
        self._session = session
        self._pid = os.getpid()
        self._thread_lock = threading.Lock()
        self._task_lock = AsyncLock()

    def load(self) -> Session | None:
        """The session, or None."""
        return self._session

    def save(self, session: Session | None) -> None:
        """Keep `session`."""
        self._session = session

    def lock(self) -> contextlib.AbstractContextManager[Any]:
        """Exclude the other threads that refresh this session: the copies of a client that
        share this store (one per request, say) each refresh once otherwise, and all but the
        first spend a refresh token already used."""
        if self._pid != os.getpid():  # a forked child: the parent's holder is not here
            self._pid, self._thread_lock = os.getpid(), threading.Lock()
        return self._thread_lock

    def alock(self) -> contextlib.AbstractAsyncContextManager[None]:
        """`lock()` for the tasks of an event loop."""
        return self._task_lock

    def __repr__(self) -> str:
        return f"MemorySessionStore(signed_in={self._session is not None})"


class FileSessionStore(AsyncSide):
    """A session kept in a JSON file that several processes may share.

    The file is written with mode 0600 and replaced atomically (a crash mid-write leaves the
    old file whole); a file that others can read is warned about and set back to 0600 on load.
    `lock()` is a cross-process file lock (`PATH.lock`, through `filelock`); `alock()` is the
    same lock, waited for in a worker thread without blocking the event loop, and
    `aload`/`asave` run in a worker thread. A file that cannot be written raises
    SessionStoreError naming the path.

    In a folder that refuses the atomic replace (read-only), the file is written in place, or
    else removed, so that no later run replays a refresh token the server has rotated; until
    the file changes, `load` answers the session it could not write.

    ```python
    store = FileSessionStore("~/.config/rememberizer/session.json")
    client = Rememberizer(session=store)
    ```
    """

    def __init__(self, path: str | os.PathLike[str], *, lock_timeout: float = 30.0) -> None:
        self.path = Path(path).expanduser()
        self._lock_path = str(self.path) + ".lock"
        self._lock_timeout = lock_timeout
        # A session this store could not write, and the file's bytes then (None: no file).
        # While the file still holds those bytes, they are older than the session: a refresh
        # already spent their refresh token, and reading them back would replay it.
        self._unsaved: tuple[bytes | None, Session | None] | None = None

    def _newer_than(self, data: bytes | None) -> tuple[bool, Session | None]:
        unsaved = self._unsaved
        if unsaved is None:
            return False, None
        if unsaved[0] != data:  # written since (another process): the file is newer
            self._unsaved = None
            return False, None
        return True, unsaved[1]

    def load(self) -> Session | None:
        """The session in the file, or None when there is none (or it is unusable: warned).

        After a save that failed, the session that could not be written, as long as the file
        is unchanged.
        """
        try:
            data = self.path.read_bytes()
            mode = os.stat(self.path).st_mode
        except FileNotFoundError:
            data = None
        except OSError as exc:
            logger.warning("cannot read the session file %s: %s", self.path, exc.strerror)
            return None
        newer, unsaved = self._newer_than(data)
        if newer:
            return unsaved
        if data is None:
            return None
        if stat.S_IMODE(mode) & 0o077:
            # As OpenSSH does with key files: a session others can read is a leaked session.
            logger.warning(
                "the session file %s was readable by other users (mode %o); set it to 0600",
                self.path,
                stat.S_IMODE(mode),
            )
            with contextlib.suppress(OSError):
                os.chmod(self.path, 0o600)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            logger.warning("the session file %s is not UTF-8; ignoring it", self.path)
            return None
        return stored_session(text, f"the session file {self.path}")

    def save(self, session: Session | None) -> None:
        """Write `session` atomically with mode 0600; None deletes the file.

        Raises:
            SessionStoreError: the file cannot be written (or removed).
        """
        try:
            self._write(session)
        except OSError as exc:
            problem = exc.strerror or str(exc) or type(exc).__name__
        else:
            self._unsaved = None
            return
        try:
            self._unsaved = (self.path.read_bytes(), session)
        except FileNotFoundError:
            self._unsaved = (None, session)
        except OSError:
            self._unsaved = None
        # Raised outside the handler: no exception chain follows the error around.
        raise SessionStoreError(f"cannot write the session file {self.path}: {problem}")

    def _write(self, session: Session | None) -> None:
        if session is None:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = json.dumps(session.to_dict())
        try:
            self._replace(data)
        except OSError as exc:
            if exc.errno not in _REFUSED or not self.path.is_file():
                raise
            # The folder takes no new file (read-only): left as it is, the file would keep a
            # refresh token the server has just rotated, and the next run would replay it (the
            # server then ends the whole session). Write it in place instead; failing that,
            # remove it, so that the next run finds itself signed out.
            self._fallback(data)

    def _replace(self, data: str) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".session-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                os.fchmod(handle.fileno(), 0o600)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def _fallback(self, data: str) -> None:
        try:
            # Not atomic: a crash mid-write leaves a file that does not parse, which the next
            # run ignores (signed out), never the spent token.
            fd = os.open(self.path, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            pass
        else:
            logger.warning(
                "the folder of %s is read-only: the session was written in place", self.path
            )
            return
        try:
            self.path.unlink()
        except OSError as exc:
            raise OSError(
                exc.errno,
                f"{exc.strerror}; it still holds the session before this change, whose refresh "
                "token the server may have rotated: remove the file, or make it writable",
            ) from None
        logger.warning(
            "the session file %s could not be written: it was removed (signed out)", self.path
        )

    def _file_lock(self) -> contextlib.AbstractContextManager[Any]:
        from filelock import FileLock

        # A lock object for each hold: filelock counts holds per object, so two clients (or
        # two copies of one, per request) sharing this store in one process would both get a
        # shared object, and it refuses an object inherited across a fork. thread_local=False:
        # the async side takes it in one worker thread and frees it in another.
        return FileLock(self._lock_path, timeout=self._lock_timeout, thread_local=False, mode=0o600)

    def lock(self) -> contextlib.AbstractContextManager[Any]:
        """Hold the cross-process lock; it excludes every other holder, in this process too."""
        return self._file_lock()

    def alock(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Hold the cross-process lock from the event loop (waited for in a worker thread)."""
        return aheld(self._file_lock())

    def __repr__(self) -> str:
        return f"FileSessionStore({str(self.path)!r})"
