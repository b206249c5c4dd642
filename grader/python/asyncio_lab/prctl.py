"""Linux process controls the zygote and its probes rely on, through libc; each does nothing elsewhere."""

import os
import sys

_PR_SET_PDEATHSIG = 1
_PR_SET_NAME = 15
_PR_SET_DUMPABLE = 4
_PR_SET_CHILD_SUBREAPER = 36
_libc = None


def _prctl(option, value):
    global _libc
    if not sys.platform.startswith("linux"):
        return False
    try:
        if _libc is None:
            import ctypes

            _libc = ctypes.CDLL(None, use_errno=True)
        return _libc.prctl(option, value, 0, 0, 0) == 0
    except Exception:
        return False


def become_subreaper():
    """Orphaned descendants come to this process, which can then stop them."""
    return _prctl(_PR_SET_CHILD_SUBREAPER, 1)


def die_with_parent():
    """This process is killed when the one that forked it dies."""
    import signal

    return _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def keep_out_of_reach():
    """No other process of the same user may trace this one or read its memory (/proc/PID/mem, environ, fd)."""
    return _prctl(_PR_SET_DUMPABLE, 0)


def let_parent_read():
    """Undoes keep_out_of_reach, so that the zygote (same user, no privileges) can read /proc/PID/syscall."""
    return _prctl(_PR_SET_DUMPABLE, 1)


def name_process(name):
    """What `ps` and /proc/PID/comm show for this process: the zygote, a probe, the relay (at most 15 bytes)."""
    global _libc
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        if _libc is None:
            _libc = ctypes.CDLL(None, use_errno=True)
        return _libc.prctl(_PR_SET_NAME, ctypes.c_char_p(name.encode("ascii")[:15]), 0, 0, 0) == 0
    except Exception:
        return False


def children(pid):
    """The direct children of a process (Linux), or an empty list where the kernel does not say."""
    found = []
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, tid)) as handle:
                found.extend(int(part) for part in handle.read().split())
    except OSError:
        pass
    return found
