"""One probe in the current process: fetch its spec from the witness, then import, call and report."""

import json
import os
import sys
import tempfile

from asyncio_lab import events
from asyncio_lab.channel import Channel
from asyncio_lab.learner import Learner
from asyncio_lab.limits import apply_limits, start_deadline
from asyncio_lab.steps import Steps
from asyncio_lab.witness import Waits, connect, parse_address, read_line

_real_exit = os._exit


def run(address_text, nonce):
    """Never returns: the process ends when the probe does, skipping interpreter shutdown."""
    address = parse_address(address_text)
    sock = connect(address)
    sock.sendall((json.dumps({"t": "hello", "nonce": nonce}) + "\n").encode("ascii"))
    spec = json.loads(read_line(sock))
    key = bytes.fromhex(spec.pop("key"))
    token = spec.pop("token")
    channel = Channel(sock, key)
    del key
    learner = Learner(spec["file"], [spec.get("twins")])
    work = tempfile.mkdtemp(prefix="work-")
    os.chdir(work)
    channel.send(
        {
            "kind": "hello",
            "python": ".".join(str(part) for part in sys.version_info[:3]),
            "implementation": sys.implementation.name,
            "executable": sys.executable,
            "limits": apply_limits(spec.get("limits", {})),
        }
    )
    start_deadline(spec.get("deadlineSeconds", 10), learner, channel, events.Phase, _real_exit)
    steps = Steps(spec, channel, learner, Waits(address, token), _real_exit)
    events.install(learner, steps.events, channel, _real_exit)
    _out_of_sight()
    steps.run()
    try:
        sys.stdout.flush()
    except Exception:
        pass
    # Skip interpreter shutdown: learner threads or atexit handlers must not hold the run open.
    _real_exit(0)


def _out_of_sight():
    """Learner code finds the harness neither by name in sys.modules nor as __main__."""
    for name in [name for name in sys.modules if name == "asyncio_lab" or name.startswith("asyncio_lab.")]:
        del sys.modules[name]
    main = type(sys)("__main__")
    sys.modules["__main__"] = main
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry) != root]
