"""The one exception family kbtool raises for problems a user can fix.

The CLI shows these as a single clean message (never a traceback) and maps
them to exit codes: `KbError` is 1, `ConfigError` and `UsageError` are 2.
"""
from __future__ import annotations


class KbError(Exception):
    """A problem the user can act on; `str(error)` is the whole message."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


class ConfigError(KbError):
    """The project's configuration or registries are missing or invalid."""

    exit_code = 2


class UsageError(KbError):
    """The command was called with arguments that cannot work."""

    exit_code = 2


class NotFoundError(KbError):
    """A document id or path the user named does not exist."""

    exit_code = 1
