"""The data directory is readable by Stepwise's own user only.

It holds special-category data (the SQLite database and its ``-wal``/``-shm`` files, photos,
voice prompts, backups) and the generated secrets. Files that a library creates (SQLite opens
its database and journal files with ``0666 & ~umask``; ``mkdir`` with ``0777 & ~umask``) take
their mode from the process umask, so every process that may write there sets ``077`` before it
creates anything, whatever umask it was started with, and folders become 0700, files 0600.
Anything already there with wider modes (made by an older version, or copied in by hand) is
narrowed at start.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

UMASK = 0o077
DIR_MODE = 0o700
FILE_MODE = 0o600


def prepare(data_dir: Path) -> None:
    """Set the process umask, make ``data_dir`` (0700) and narrow what is in it."""
    os.umask(UMASK)
    data_dir.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    narrow(data_dir)


def narrow(root: Path) -> None:
    """Folders under ``root`` (and ``root``) to 0700, files to 0600; symbolic links are not
    followed (what they point at is not Stepwise's to change)."""
    _narrow(root, DIR_MODE)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            _narrow(Path(folder, name), DIR_MODE)
        for name in files:
            _narrow(Path(folder, name), FILE_MODE)


def _narrow(path: Path, mode: int) -> None:
    try:
        st = path.lstat()
    except FileNotFoundError:  # removed meanwhile (a temporary file)
        return
    if stat.S_ISLNK(st.st_mode) or st.st_uid != os.getuid():
        return
    if stat.S_IMODE(st.st_mode) & ~mode:
        path.chmod(stat.S_IMODE(st.st_mode) & mode)
