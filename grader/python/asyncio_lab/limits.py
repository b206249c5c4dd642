"""Resource limits and the deadline of a probe."""

import os
import sys
import threading
import time

_sleep = time.sleep

def apply_limits(limits):
    applied = {}
    try:
        import resource
    except ImportError:
        resource = None
    if resource is not None:
        wanted = [
            ("RLIMIT_AS", limits.get("memoryBytes")),
            ("RLIMIT_FSIZE", limits.get("fileBytes")),
            ("RLIMIT_CORE", 0),
        ]
        if sys.platform == "darwin":
            wanted = wanted[1:]  # macOS does not enforce an address-space limit
        for name, value in wanted:
            if value is None or not hasattr(resource, name):
                continue
            which = getattr(resource, name)
            try:
                soft, hard = resource.getrlimit(which)
                if hard != resource.RLIM_INFINITY:
                    value = min(value, hard)
                resource.setrlimit(which, (value, hard))
                applied[name] = value
            except (ValueError, OSError):
                pass
    if os.name == "nt":
        applied["job"] = _windows_kill_on_close_job()
    return applied


_JOB_HANDLES = []


def _windows_kill_on_close_job():
    """Put this process in a job object that kills every process in it when the harness ends."""
    if sys.platform != "win32":
        return False
    try:
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)

        class IO_COUNTERS(ctypes.Structure):
            _fields_ = [(name, ctypes.c_ulonglong) for name in (
                "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
                "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]

        class BASIC(ctypes.Structure):
            _fields_ = [
                ("PerProcessUserTimeLimit", ctypes.c_int64),
                ("PerJobUserTimeLimit", ctypes.c_int64),
                ("LimitFlags", wintypes.DWORD),
                ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t),
                ("ActiveProcessLimit", wintypes.DWORD),
                ("Affinity", ctypes.c_size_t),
                ("PriorityClass", wintypes.DWORD),
                ("SchedulingClass", wintypes.DWORD),
            ]

        class EXTENDED(ctypes.Structure):
            _fields_ = [
                ("BasicLimitInformation", BASIC),
                ("IoInfo", IO_COUNTERS),
                ("ProcessMemoryLimit", ctypes.c_size_t),
                ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t),
                ("PeakJobMemoryUsed", ctypes.c_size_t),
            ]

        job = kernel32.CreateJobObjectW(None, None)
        info = EXTENDED()
        info.BasicLimitInformation.LimitFlags = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
        kernel32.SetInformationJobObject(job, 9, ctypes.byref(info), ctypes.sizeof(info))
        ok = kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess())
        _JOB_HANDLES.append(job)  # keep the handle open until exit
        return bool(ok)
    except Exception:
        return False


def start_deadline(seconds, learner, channel, phase, real_exit):
    """Stop a probe that is still going at the deadline, noting where learner code was."""

    def watch():
        _sleep(seconds)
        frames = sys._current_frames()
        where = None
        main_ident = threading.main_thread().ident
        main = frames.get(main_ident) if main_ident is not None else None
        if main is not None:
            where = learner.innermost_frame(main)
        if where is None:
            for frame in frames.values():
                where = learner.innermost_frame(frame)
                if where is not None:
                    break
        channel.send({"kind": "deadline", "seconds": seconds, "phase": phase.current, "where": where})
        real_exit(124)

    thread = threading.Thread(target=watch, name="asyncio-lab-deadline", daemon=True)
    thread.start()
