"""``python -m tests.support.crash_watch PGID FOLDER…``: SIGKILL process group PGID the moment
a new whole file appears under any FOLDER, then print it and exit.

A process of its own, so that its look at the folders is never held up by the test's event
loop (one GIL): it sees a stored photo's first size while the others are still being written.
Prints ``ready`` once it knows what was there before.
"""

from __future__ import annotations

import os
import signal
import sys


def whole_files(folders: list[str]) -> set[str]:
    found: set[str] = set()
    for root in folders:
        for folder, _, names in os.walk(root):
            found.update(
                os.path.join(folder, n) for n in names if not n.startswith(("tmp-", ".tmp-"))
            )
    return found


def main() -> None:
    pgid, folders = int(sys.argv[1]), sys.argv[2:]
    before = whole_files(folders)
    print("ready", flush=True)
    while not (new := whole_files(folders) - before):
        pass
    os.killpg(pgid, signal.SIGKILL)
    print("\n".join(sorted(new)), flush=True)


if __name__ == "__main__":
    main()
