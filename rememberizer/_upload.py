"""The pure parts of vector-store uploads, shared by the sync and async clients.

Nothing here sends anything: checking what the caller gave, opening it as a stream (a file is
read by httpx2 in 64 KiB chunks as it is sent, never whole), counting the bytes sent for a
progress callback, matching a 207's errors back to the files, and the result.
"""

from __future__ import annotations

import mimetypes
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, TypeAlias, cast

from rememberizer_api import models
from rememberizer_api.operations import UploadLimits
from rememberizer_api.types import File

from ._errors import InvalidRequestError, RememberizerError

__all__ = ["FileInput", "UploadError", "UploadProgress", "UploadResult"]

FileInput: TypeAlias = "str | os.PathLike[str] | IO[bytes] | tuple[str, IO[bytes]]"
"""A path, a binary file object with a `name`, or `(name, binary file object)`."""


@dataclass
class UploadResult:
    """What an upload stored (`documents`) and what it did not (`errors`, each with the file's
    name and the server's reason). A partial failure (HTTP 207) raises nothing."""

    documents: list[models.VectorStoreUploadedDocument] = field(default_factory=list)
    errors: list[models.VectorStoreUploadError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every file was stored."""
        return not self.errors

    def raise_for_errors(self) -> None:
        """Raise UploadError when some file was not stored."""
        if self.errors:
            raise UploadError(self)

    def merge(self, other: UploadResult) -> None:
        """Add another upload's documents and errors to this one."""
        self.documents.extend(other.documents)
        self.errors.extend(other.errors)


class UploadError(RememberizerError):
    """Some files of an upload were not stored; `result` says which and why."""

    def __init__(self, result: UploadResult) -> None:
        self.result = result
        reasons = "; ".join(f"{e.file}: {e.error}" for e in result.errors[:5])
        more = f" (and {len(result.errors) - 5} more)" if len(result.errors) > 5 else ""
        super().__init__(
            f"{len(result.errors)} of {len(result.errors) + len(result.documents)} files "
            f"were not stored: {reasons}{more}"
        )


@dataclass(frozen=True)
class UploadProgress:
    """One step of an upload, given to a `progress` callback.

    `bytes_sent` grows as httpx2 reads the files to send them (it goes back when a file is
    sent again); `file` and `error` are set when a file is done.
    """

    files_done: int
    files_total: int
    bytes_sent: int
    bytes_total: int
    file: str | None = None
    error: str | None = None


ProgressCallback: TypeAlias = Callable[[UploadProgress], None]


class _Counted:
    """A binary file that reports each chunk httpx2 reads from it; httpx2 finds its length
    with fstat and seeks it to the start before each attempt.

    It never gives more than the length httpx2 declared, nor less without a typed error: a file
    that grows or shrinks while it is sent would make h11 raise its own, untyped error.
    """

    def __init__(self, raw: IO[bytes], sent: Callable[[int], None] | None, name: str) -> None:
        self._raw = raw
        self._sent = sent
        self._name = name
        self._position = 0
        self._declared: int | None = None

    def read(self, size: int = -1) -> bytes:
        left = None if self._declared is None else self._declared - self._position
        if left is not None and (size < 0 or size > left):
            size = left  # what was appended since httpx2 declared the length is not sent
        try:
            chunk = self._raw.read(size)
        except (OSError, ValueError) as exc:  # a disk error, a handle closed meanwhile
            problem = getattr(exc, "strerror", None) or type(exc).__name__
        else:
            return self._count(chunk, left)
        raise InvalidRequestError(f"cannot read {self._name}: {problem}")

    def _count(self, chunk: bytes, left: int | None) -> bytes:
        if left and not chunk:
            raise InvalidRequestError(f"{self._name} shrank while it was being sent")
        self._position += len(chunk)
        if self._sent is not None:
            self._sent(len(chunk))
        return chunk

    def seek(self, offset: int, whence: int = 0) -> int:
        position = self._raw.seek(offset, whence)
        if self._sent is not None:
            self._sent(position - self._position)
        self._position = position
        return position

    def tell(self) -> int:
        return self._raw.tell()

    def fileno(self) -> int:
        descriptor = self._raw.fileno()
        # httpx2 asks for it to declare the file's length: remember what it declares.
        self._declared = os.fstat(descriptor).st_size
        return descriptor


@dataclass
class Source:
    """One file to upload: its name, where it comes from, and its size when known."""

    name: str
    path: Path | None
    handle: IO[bytes] | None
    size: int

    def part(self, opened: IO[bytes], sent: Callable[[int], None] | None) -> File:
        """The generated multipart field of this file, streaming from `opened`."""
        payload = cast(IO[bytes], _Counted(opened, sent, self.name))
        mime = mimetypes.guess_type(self.name)[0] or "application/octet-stream"
        return File(payload=cast(BinaryIO, payload), file_name=self.name, mime_type=mime)


def _size(handle: IO[bytes]) -> int | None:
    """The length of a handle's file, 0 when it has no descriptor (httpx2 seeks to find it),
    None for a pipe or socket, whose length no one knows before it is read."""
    try:
        info = os.fstat(handle.fileno())
    except (AttributeError, OSError, ValueError):
        return 0
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _regular_file(item: str | os.PathLike[str]) -> tuple[Path, int] | None:
    """The path and size of a regular file, or None: missing, a directory, unreachable (a name
    too long, a folder without access) or not a text path."""
    try:
        path = Path(item)
        info = path.stat()
    except (OSError, TypeError, ValueError):
        return None
    return (path, info.st_size) if stat.S_ISREG(info.st_mode) else None


def source(item: object, where: str) -> Source:
    """Check one input and describe it; InvalidRequestError (naming `where`) if unusable."""
    name: object
    if isinstance(item, str | os.PathLike):
        found = _regular_file(item)
        if found is None:
            raise InvalidRequestError(f"{where} is not a file: {item}")
        path, size = found
        return Source(path.name, path, None, size)
    if isinstance(item, tuple) and len(item) == 2:
        name, handle = item
    else:
        handle = item
        name = os.path.basename(str(getattr(item, "name", "") or ""))
    if not callable(getattr(handle, "read", None)) or hasattr(handle, "encoding"):
        raise InvalidRequestError(
            f"{where} must be a path, a binary file object or (name, binary file object)"
        )
    if not isinstance(name, str) or not name.strip():
        raise InvalidRequestError(f"{where} has no file name; pass it as (name, file)")
    if getattr(handle, "closed", False) is True:
        raise InvalidRequestError(f"{where} is a closed file")
    readable = getattr(handle, "readable", None)
    if callable(readable) and readable() is False:
        raise InvalidRequestError(f"{where} is not open for reading")
    length = _size(cast(IO[bytes], handle))
    if length is None:
        raise InvalidRequestError(
            f"{where} is a pipe or a socket, whose length is unknown: read it into bytes first"
        )
    return Source(name, None, cast(IO[bytes], handle), length)


def sources(items: FileInput | Iterable[FileInput]) -> list[Source]:
    """Every input checked before anything is sent."""
    if isinstance(items, str | os.PathLike | tuple) or hasattr(items, "read"):
        listed: list[object] = [items]
    elif isinstance(items, Iterable):
        listed = list(items)
    else:
        raise InvalidRequestError("files must be a path, a file object, or a list of them")
    if not listed:
        raise InvalidRequestError("files is empty: give at least one file")
    return [source(item, f"files[{i}]") for i, item in enumerate(listed)]


def batches(
    items: list[Source], limits: UploadLimits | None
) -> tuple[list[list[Source]], list[Source]]:
    """The files grouped, in order, into requests within the documented limits (so many files
    and bytes a request), and the files over the per-file limit, which no request can carry."""
    if limits is None:
        return [[item] for item in items], []
    groups: list[list[Source]] = []
    too_large: list[Source] = []
    current: list[Source] = []
    size = 0
    for item in items:
        if item.size > limits.file_bytes:
            too_large.append(item)
            continue
        if current and (len(current) >= limits.files or size + item.size > limits.request_bytes):
            groups.append(current)
            current, size = [], 0
        current.append(item)
        size += item.size
    if current:
        groups.append(current)
    return groups, too_large


def too_large_entry(item: Source, limits: UploadLimits) -> models.VectorStoreUploadError:
    """The error entry of a file over the documented per-file limit; it was not sent."""
    mb = limits.file_bytes // (1024 * 1024)
    return error_entry(item.name, f"the file is larger than the API takes ({mb} MB); not sent")


def not_stored(pending: list[Source], errors: list[models.VectorStoreUploadError]) -> list[Source]:
    """The files a 207 names as failed, matched by name (the first unmatched of a name)."""
    failed: list[Source] = []
    for error in errors:
        for candidate in pending:
            if candidate.name == error.file and candidate not in failed:
                failed.append(candidate)
                break
    return failed


def error_entry(name: str, reason: str) -> models.VectorStoreUploadError:
    """A 207-style error for a file that failed on our side (a typed error of its request)."""
    return models.VectorStoreUploadError(file=name, error=reason)


def as_dict(result: UploadResult) -> dict[str, Any]:
    """The result as JSON-ready data (for `--json`)."""
    return {
        "documents": [d.to_dict() for d in result.documents],
        "errors": [e.to_dict() for e in result.errors],
    }
