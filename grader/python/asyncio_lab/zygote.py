"""The warm interpreter: imports asyncio and the harness once, then forks a fresh child for each probe.

It talks to the grader on its stdin (commands) and stdout (events), one JSON object a line. Each child is a
probe of its own: its own process, session and process group, deadline, limits and output cap. The zygote
reaps it, stops whatever it left behind, and says how it ended. Learner code never runs in the zygote.
"""

import json
import os
import selectors
import signal
import sys
import time

from asyncio_lab import probe, prctl
from asyncio_lab.witness import parse_address

# Past this many bytes of either stream, a child is stopped as a flood (the harness stops Python-level prints
# itself, sooner; this catches writes straight to the descriptors).
_KEEP_BYTES = 16 * 1024
_monotonic = time.monotonic
# How often to look again for what holds an ended probe's output open, and how long to wait for it at most.
_LINGER_CHECK = 0.05
_LINGER_LIMIT = 2.0
# How often the kernel's account of each running probe's event-loop thread is read.
_SAMPLE_EVERY = 0.01
# The system calls that hold a thread until time passes or a peer answers: sleeps (time.sleep; select and poll on a
# timeout), blocking reads and socket calls (read, recv, connect, accept), waiting for a child process or a
# signal. An event loop waits in epoll and on locks (the interpreter's own), never in these; its thread seen in one
# of them across several samples is blocked. By machine; then the loop's own wait (epoll), which a blocked loop
# never reaches.
_BLOCKING_CALLS, _LOOP_CALLS = {
    # nanosleep, clock_nanosleep, select, pselect6, poll, ppoll, read, connect, accept, accept4, recvfrom, recvmsg,
    # wait4, waitid, pause, rt_sigsuspend, rt_sigtimedwait; epoll_wait, epoll_pwait
    "x86_64": (
        {"35", "230", "23", "270", "7", "271", "0", "42", "43", "288", "45", "47", "61", "247", "34", "130", "128"},
        {"232", "281"},
    ),
    # nanosleep, clock_nanosleep, pselect6, ppoll, read, connect, accept, accept4, recvfrom, recvmsg, wait4, waitid,
    # rt_sigsuspend, rt_sigtimedwait; epoll_pwait
    "aarch64": (
        {"101", "115", "72", "73", "63", "203", "202", "242", "207", "212", "260", "95", "133", "137"},
        {"22"},
    ),
}.get(os.uname().machine if hasattr(os, "uname") else "", (set(), set()))


class _Child:
    def __init__(self, run_id, pid, out_fd, err_fd, deadline, output_bytes):
        self.run_id = run_id
        self.pid = pid
        self.streams = {out_fd: "stdout", err_fd: "stderr"}
        self.kept = {"stdout": bytearray(), "stderr": bytearray()}
        self.counted = {"stdout": 0, "stderr": 0}
        self.deadline = deadline
        self.output_bytes = output_bytes
        self.flood = False
        self.timed_out = False
        self.status = None
        self.rusage = None
        self.leftovers = 0
        # When the child itself ended; its output may stay open a moment longer (a leftover holding it).
        self.ended_at = None
        # The kernel's account of the child's main thread (it runs the event loop): every few milliseconds, the
        # monotonic time, its CPU time and its time spent ready to run but waiting for a CPU (nanoseconds), and how
        # many times it went to sleep of its own accord (a running event loop wakes at every heartbeat), and
        # whether it was in a system call that only lets time pass (1) or not (0).
        self.schedule = ([], [], [], [], [])


class Zygote:
    def __init__(self, witness_address, own_pid_namespace=False):
        self.witness_address = witness_address
        # In a sandbox of its own (one submission), a probe may be left traceable by its siblings: they are the same
        # learner's. Then the zygote can read, without privileges, which system call each probe's loop is in.
        self.own_pid_namespace = own_pid_namespace
        self.selector = selectors.DefaultSelector()
        self.children = {}
        self.by_fd = {}
        self.relay_pid = None
        self.relay_fd = None
        self.devnull = os.open(os.devnull, os.O_RDWR)
        self.commands = bytearray()
        self.sampling = os.path.exists("/proc/self/task/%d/schedstat" % os.getpid())
        self.next_sample = 0.0

    # -- talking to the grader --------------------------------------------------

    def emit(self, event):
        data = (json.dumps(event, separators=(",", ":")) + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[os.write(1, view):]

    def serve(self):
        wake_r, wake_w = os.pipe()
        os.set_blocking(wake_w, False)
        os.set_blocking(wake_r, False)
        signal.set_wakeup_fd(wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        os.set_blocking(0, False)
        self.selector.register(0, selectors.EVENT_READ, "commands")
        self.selector.register(wake_r, selectors.EVENT_READ, "signal")
        self.emit(
            {
                "ev": "ready",
                "pid": os.getpid(),
                "python": ".".join(str(part) for part in sys.version_info[:3]),
                "implementation": sys.implementation.name,
            }
        )
        while True:
            timeout = self._next_deadline()
            for key, _ in self.selector.select(timeout):
                if key.data == "commands":
                    if not self._read_commands():
                        self._stop_everything()
                        return
                elif key.data == "signal":
                    try:
                        os.read(wake_r, 512)
                    except BlockingIOError:
                        pass
                    self._reap()
                else:
                    self._read_output(key.fd)
            self._enforce_deadlines()
            if self.sampling:
                self._sample()

    def _read_commands(self):
        try:
            chunk = os.read(0, 65536)
        except BlockingIOError:
            return True
        if not chunk:
            return False
        self.commands.extend(chunk)
        while b"\n" in self.commands:
            line, _, rest = bytes(self.commands).partition(b"\n")
            self.commands[:] = rest
            command = json.loads(line)
            op = command.get("op")
            if op == "probe":
                self._fork(command)
            elif op == "kill":
                self._kill(command["id"])
            elif op == "expose":
                self._expose(command["port"])
            elif op == "exit":
                return False
        return True

    # -- probes -----------------------------------------------------------------

    def _fork(self, command):
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            self._become_probe(command["nonce"], out_w, err_w)
        os.close(out_w)
        os.close(err_w)
        deadline = _monotonic() + float(command.get("killAfterSeconds", 15))
        child = _Child(command["id"], pid, out_r, err_r, deadline, int(command.get("outputBytes", 1 << 20)))
        self.children[pid] = child
        for fd in (out_r, err_r):
            os.set_blocking(fd, False)
            self.by_fd[fd] = child
            self.selector.register(fd, selectors.EVENT_READ, "output")
        self.emit({"ev": "started", "id": child.run_id, "pid": pid})

    def _become_probe(self, nonce, out_w, err_w):
        try:
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            os.setsid()
            os.dup2(self.devnull, 0)
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            os.closerange(3, 65536)
            prctl.die_with_parent()
            prctl.become_subreaper()
            prctl.name_process("asyncio-probe")
            if self.own_pid_namespace:
                prctl.let_parent_read()
            os.set_blocking(0, True)
            probe.run(self.witness_address, nonce)
        except BaseException:
            try:
                import traceback

                traceback.print_exc()
                sys.stderr.flush()
            finally:
                os._exit(70)
        os._exit(0)

    def _read_output(self, fd):
        child = self.by_fd.get(fd)
        if child is None:
            return
        stream = child.streams[fd]
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self.selector.unregister(fd)
            os.close(fd)
            del self.by_fd[fd]
            del child.streams[fd]
            self._finish_if_done(child)
            return
        kept = child.kept[stream]
        if len(kept) < _KEEP_BYTES:
            kept.extend(chunk[: _KEEP_BYTES - len(kept)])
        child.counted[stream] += len(chunk)
        if not child.flood and child.counted["stdout"] + child.counted["stderr"] > child.output_bytes:
            child.flood = True
            self._kill_tree(child.pid)

    def _reap(self):
        while True:
            try:
                pid, status, rusage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            child = self.children.get(pid)
            if child is None:
                continue  # a leftover of some probe, already stopped; or the relay
            child.status = status
            child.rusage = rusage
            child.ended_at = _monotonic()
            child.leftovers = self._stop_leftovers(pid)
            self._finish_if_done(child)

    def _stop_leftovers(self, pid):
        """Stop what a probe left behind: its process group, and every process it orphaned (they come to us)."""
        found = 0
        try:
            os.killpg(pid, 0)
            found += 1
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        known = {child.pid for child in self.children.values() if child.status is None}
        if self.relay_pid is not None:
            known.add(self.relay_pid)
        for orphan in prctl.children(os.getpid()):
            if orphan not in known and orphan != pid:
                try:
                    os.kill(orphan, signal.SIGKILL)
                    found += 1
                except OSError:
                    pass
        return found

    def _finish_if_done(self, child):
        if child.status is None or child.streams:
            return
        del self.children[child.pid]
        status = child.status
        usage = child.rusage
        self.emit(
            {
                "ev": "exited",
                "id": child.run_id,
                "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                "timedOut": child.timed_out,
                "flood": child.flood,
                "leftovers": child.leftovers,
                "cpuSeconds": (usage.ru_utime + usage.ru_stime) if usage is not None else None,
                "schedule": {
                    "at": child.schedule[0],
                    "cpu": child.schedule[1],
                    "wait": child.schedule[2],
                    "sleeps": child.schedule[3],
                    "inBlockingCall": child.schedule[4],
                },
                "stdout": {"text": child.kept["stdout"].decode("utf-8", "replace"), "bytes": child.counted["stdout"]},
                "stderr": {"text": child.kept["stderr"].decode("utf-8", "replace"), "bytes": child.counted["stderr"]},
            }
        )

    def _kill(self, run_id):
        for child in self.children.values():
            if child.run_id == run_id:
                self._kill_tree(child.pid)

    def _kill_tree(self, pid):
        for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
            try:
                kill()
            except OSError:
                pass

    def _sample(self):
        """Reads, for each running probe, how long its loop's thread ran and how long it waited for a CPU.

        A gap in the heartbeat while the thread waited for a CPU is the machine's doing, not the learner's; the
        kernel keeps these counts, so nothing the learner's code does can change them.
        """
        now = _monotonic()
        if now < self.next_sample:
            return
        self.next_sample = now + _SAMPLE_EVERY
        for child in self.children.values():
            if child.status is not None:
                continue
            try:
                with open("/proc/%d/task/%d/schedstat" % (child.pid, child.pid), "rb") as handle:
                    ran, waited = handle.read().split()[:2]
                with open("/proc/%d/task/%d/status" % (child.pid, child.pid), "rb") as handle:
                    status = handle.read()
                at = status.index(b"\nvoluntary_ctxt_switches:") + 26
                sleeps = int(status[at : status.index(b"\n", at)])
            except (OSError, ValueError):
                continue
            in_blocking_call = 0
            if _BLOCKING_CALLS:
                try:
                    with open("/proc/%d/task/%d/syscall" % (child.pid, child.pid), "rb") as handle:
                        call = handle.read().split(b" ", 1)[0].decode("ascii", "replace")
                    in_blocking_call = 1 if call in _BLOCKING_CALLS else 3 if call in _LOOP_CALLS else 0
                except OSError:
                    pass
            times, cpu, wait, slept, blocking = child.schedule
            times.append(round(now, 4))
            cpu.append(int(ran))
            wait.append(int(waited))
            slept.append(sleeps)
            blocking.append(in_blocking_call)

    def _next_deadline(self):
        live = [child.deadline for child in self.children.values() if child.status is None]
        if self.sampling and any(child.status is None for child in self.children.values()):
            live.append(self.next_sample)
        if any(child.status is not None for child in self.children.values()):
            live.append(_monotonic() + _LINGER_CHECK)
        return max(0.0, min(live) - _monotonic()) if live else None

    def _enforce_deadlines(self):
        now = _monotonic()
        for child in list(self.children.values()):
            if child.status is None and not child.timed_out and now >= child.deadline:
                child.timed_out = True
                self._kill_tree(child.pid)
            elif child.status is not None:
                # Ended, but something still holds its output open: stop it, and stop waiting after a while.
                child.leftovers += self._stop_leftovers(child.pid)
                if now - child.ended_at > _LINGER_LIMIT:
                    for fd in list(child.streams):
                        self.selector.unregister(fd)
                        os.close(fd)
                        del self.by_fd[fd]
                    child.streams.clear()
                    self._finish_if_done(child)

    def _stop_everything(self):
        for child in list(self.children.values()):
            self._kill_tree(child.pid)
        for orphan in prctl.children(os.getpid()):
            try:
                os.kill(orphan, signal.SIGKILL)
            except OSError:
                pass
        # Reap them all, so that the CPU time they used is counted below.
        deadline = _monotonic() + 2.0
        while _monotonic() < deadline:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                time.sleep(0.005)
        usage = [resource_usage(who) for who in ("self", "children")]
        self.emit({"ev": "bye", "cpuSeconds": sum(usage)})

    # -- services -------------------------------------------------------------------

    def _expose(self, port):
        import socket

        if self.relay_fd is None:
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                try:
                    signal.set_wakeup_fd(-1)
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    os.dup2(self.devnull, 0)
                    os.dup2(self.devnull, 1)
                    keep = theirs.fileno()
                    os.closerange(3, keep)
                    os.closerange(keep + 1, 65536)
                    prctl.die_with_parent()
                    prctl.name_process("asyncio-relay")
                    from asyncio_lab import relay

                    relay.serve(theirs, parse_address(self.witness_address))
                except BaseException:
                    import traceback

                    traceback.print_exc()
                finally:
                    os._exit(0)
            theirs.close()
            self.relay_pid = pid
            self.relay_fd = ours
        # Bound and listening before the grader hears "exposed": a probe may connect at once, and waits in the
        # backlog until the relay accepts.
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(128)
        socket.send_fds(self.relay_fd, [str(port).encode("ascii")], [listener.fileno()])
        listener.close()
        self.emit({"ev": "exposed", "port": port})


def resource_usage(who):
    """CPU seconds (user + system) of this process, or of its reaped children."""
    try:
        import resource

        usage = resource.getrusage(resource.RUSAGE_SELF if who == "self" else resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime
    except (ImportError, OSError):
        return 0.0


def main(address_text, own_pid_namespace=False):
    prctl.become_subreaper()
    prctl.keep_out_of_reach()
    prctl.die_with_parent()
    prctl.name_process("asyncio-zygote")
    Zygote(address_text, own_pid_namespace).serve()
