"""One exception hierarchy for tdkt.

Every error carries a stable ASCII ``code`` (operators grep it), an ``exit_code`` for the CLI, and a
message that names the file and says what to do. Callers catch by type, never by message text.
"""

from __future__ import annotations

from pathlib import Path


class TdktError(Exception):
    """Base of every error tdkt raises on purpose."""

    code = "TDKT_ERROR"
    exit_code = 1

    def __init__(self, message: str, *, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(f"{self.path}: {message}" if self.path else message)

    def __reduce__(self) -> tuple[object, ...]:
        # keep message and path apart when an error crosses a process boundary (file isolation)
        return (_rebuild, (type(self), self.message, self.path))


def _rebuild(cls: type[TdktError], message: str, path: str | None) -> TdktError:
    return cls(message, path=path)


class InputFileError(TdktError):
    """A file that cannot be read as a dossier: the batch goes on, the file is quarantined."""

    code = "INPUT_FILE"
    exit_code = 2


class EmptyFileError(InputFileError):
    code = "EMPTY_FILE"


class UnsupportedFormatError(InputFileError):
    code = "UNSUPPORTED_FORMAT"


class CorruptFileError(InputFileError):
    code = "CORRUPT_FILE"


class EncryptedFileError(InputFileError):
    code = "ENCRYPTED_FILE"


class TooLargeError(InputFileError):
    """Over the page or size limit (a 500-page file, a zip bomb)."""

    code = "TOO_LARGE"


class FileTimeoutError(InputFileError):
    code = "FILE_TIMEOUT"


class WorkerCrashedError(TdktError):
    """The process reading one file died (a crash in a PDF or image library): that file is set aside."""

    code = "WORKER_CRASHED"
    exit_code = 1


class TransientError(TdktError):
    """A fault worth retrying (a busy OCR process, a locked warehouse)."""

    code = "TRANSIENT"
    exit_code = 3


class WorkerKilledError(TransientError):
    """The process reading a file was killed from outside (SIGKILL from the OOM killer or an operator,
    SIGTERM): not the file's fault, so the file is deferred to the next run, not quarantined."""

    code = "WORKER_KILLED"


class MissingDependencyError(TdktError):
    """Tesseract or its Vietnamese model is missing: nothing can be OCRed until it is installed."""

    code = "MISSING_DEPENDENCY"
    exit_code = 4


class DataFileError(TdktError):
    """A label, rule or award file under data/ is malformed: refuse to run rather than guess."""

    code = "DATA_FILE"
    exit_code = 5


class ConfigError(TdktError):
    code = "CONFIG"
    exit_code = 5


class UnreadableError(InputFileError):
    """The inbox file exists but this process may not read it (its permissions): the operator's to fix."""

    code = "UNREADABLE"


class UnrecognisedError(InputFileError):
    """The file opened and gave text, but the text is not Vietnamese words (damaged bytes, a broken font)."""

    code = "UNRECOGNISED"


class QueryError(TdktError):
    """An analyst's SQL that the published copy refused (a syntax error, an unknown column)."""

    code = "QUERY"
    exit_code = 7
