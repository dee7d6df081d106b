"""`python deathsig.py PROGRAM ARGS...`: run PROGRAM so that it dies with the process that
started this one, even when that process is killed with SIGKILL (Linux: PR_SET_PDEATHSIG,
which survives execve).

Standard library only, and run by path (not `-m`), so it works from any working directory
(dagster-dbt starts dbt in the dbt project folder).
"""

import ctypes
import os
import signal
import sys

PARENT_PID_ENV = "MUTUALITY_PARENT_PID"
"""The pid of the process that means to be this one's parent; if the parent is another one
by the time the death signal is set, the intended parent already died."""

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Have the kernel SIGKILL this process when its parent ends (a no-op outside Linux)."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"prctl(PR_SET_PDEATHSIG): {os.strerror(error)}")


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: deathsig.py PROGRAM [ARGS...]", file=sys.stderr)
        return 2
    die_with_parent()
    expected = os.environ.get(PARENT_PID_ENV)
    if expected and os.getppid() != int(expected):
        print(
            f"{argv[0]}: not started: the process that started it (PID {expected}) has ended",
            file=sys.stderr,
        )
        return 1
    os.execv(argv[0], argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
