"""Files only this account may read: the data folder 0700 and its files 0600 on POSIX; on Windows the data
folder's access list (terminal/store/winacl.py): the user, the administrators and SYSTEM.

The database is encrypted, but keys.json holds the wrapped key and marks.json the terminal's history
length; neither is any other local user's business. On Windows the files inherit the folder's entries.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from terminal.store import winacl

log = logging.getLogger("terminal.store.private")
POSIX = os.name == "posix"
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_private_folder(path: Path, acl: winacl.AclApi | None = None) -> None:
    """Create `path` (and parents) if needed, and make `path` itself reachable by its owner only: mode bits on
    POSIX, the access list on Windows (`acl`, by default the Win32 one there)."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    api = acl if acl is not None else (None if POSIX else winacl.default_api())
    if api is not None:
        restrict_access_list(path, api)
        return
    if not POSIX:
        return
    try:
        if stat.S_IMODE(path.stat().st_mode) != FOLDER_MODE:
            path.chmod(FOLDER_MODE)
    except OSError:
        # A read-only medium: reading the home goes on, and writes fail with their own typed error.
        return


def restrict_access_list(path: Path, api: winacl.AclApi) -> None:
    try:
        if winacl.restrict(path, api):
            log.info("data folder access list set: the user, Administrators and SYSTEM only")
    except OSError as exc:
        # Like a failed chmod: the home still opens, the self-test and `terminal doctor` say it is not private.
        # The error number only: the path names the Windows account.
        log.warning("the data folder's access list could not be set (error %s)", exc.errno)


def write_private(path: Path, data: bytes) -> None:
    """Write `path` durably with owner-only permissions (created so, never readable by others in between)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        if POSIX:
            os.fchmod(fd, FILE_MODE)  # an existing file keeps its old mode through O_CREAT
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def restrict_file(path: Path) -> None:
    """Tighten an existing file to owner-only, where that is possible."""
    if not POSIX:
        return
    try:
        if stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
            path.chmod(FILE_MODE)
    except OSError:
        # Read-only media or another account's file: opening goes on, and a write fails with its own error.
        return
