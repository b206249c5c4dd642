"""The steps of a probe: import the learner's file, call its functions, run it as a script."""

import asyncio
import gc
import importlib.util
import inspect
import json
import os
import runpy
import sys
import threading
import time

from asyncio_lab.events import Events, Phase
from asyncio_lab.heartbeat import Heartbeat
from asyncio_lab.learner import encode_exception, encode_value
from asyncio_lab.guards import script_guards
from asyncio_lab.output import Tee
from asyncio_lab.tasks import TaskLedger
from asyncio_lab.witness import thread_claims

perf_counter = time.perf_counter


def _module_from_file(name, path):
    """A module object for the Python file at path, and the loader that runs it."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path} as a module", path=path)
    return importlib.util.module_from_spec(spec), spec.loader


class Lab:
    """What a helper stand-in (an exercise's twins.py) is given: waits at the witness, and where it was called from."""

    def __init__(self, waits, learner):
        self._waits = waits
        self._learner = learner
        # Each wait as this process timed it (detail: the witness's own stamps are what verdicts rest on).
        self.timed = []

    def claims(self, detail=None):
        """The calling thread, and the learner line that called or awaited the stand-in directly (if any)."""
        claims = thread_claims()
        claims["where"] = self._learner.innermost_frame(sys._getframe(2))
        if detail:
            # Detail is small by nature; a huge argument is left out rather than sent.
            claims["detail"] = detail if len(json.dumps(detail, default=repr)) <= 8000 else {"tooLarge": True}
        return claims

    def caller(self):
        """The learner line that called the stand-in (for a plain function that makes the coroutine)."""
        return self._learner.innermost_frame(sys._getframe(2))

    async def wait(self, helper, label, detail=None, asked=None, key=None):
        """Wait at the witness. `detail`: what the stand-in saw (its arguments...); `asked`: seconds the caller asked
        to wait, which the witness honours only where the probe's plan allows it, and only up to the plan's cap;
        `key`: what the witness looks the wait up by, when it is not the label."""
        started = perf_counter()
        try:
            return await self._waits.wait(helper, label, self.claims(detail), asked, key)
        finally:
            self.timed.append({"helper": helper, "label": str(label)[:100], "start": started, "end": perf_counter()})

    def wait_blocking(self, helper, label, detail=None, asked=None, key=None):
        started = perf_counter()
        try:
            return self._waits.wait_blocking(helper, label, self.claims(detail), asked, key)
        finally:
            self.timed.append({"helper": helper, "label": str(label)[:100], "start": started, "end": perf_counter()})


class Steps:
    def __init__(self, spec, channel, learner, waits, real_exit):
        self.spec = spec
        self.channel = channel
        self.learner = learner
        self.events = Events(learner)
        self.lab = Lab(waits, learner)
        self.real_exit = real_exit
        self.module = None
        self.twins = None
        flood_after = spec.get("limits", {}).get("outputBytes")
        self.stdout = Tee(sys.stdout, on_flood=self.flooded, flood_after=flood_after, locate=learner.caller)
        sys.stdout = self.stdout
        sys.stderr = Tee(sys.stderr, on_flood=self.flooded, flood_after=flood_after)

    def flooded(self, chars):
        self.channel.send({"kind": "flood", "chars": chars, "line": self.learner.caller(), "phase": Phase.current})
        self.real_exit(125)

    def send(self, record):
        self.channel.send(record)

    def load_twins(self):
        path = self.spec.get("twins")
        if not path:
            return None
        twins, loader = _module_from_file("asyncio_lab_twins", path)
        loader.exec_module(twins)
        return twins

    # -- import ---------------------------------------------------------------

    def step_import(self, step):
        Phase.current = "import"
        path = self.spec["file"]
        name = self.spec.get("moduleName") or os.path.splitext(os.path.basename(path))[0]
        started = perf_counter()
        record: dict = {"kind": "import", "module": name}
        try:
            module, loader = _module_from_file(name, path)
            sys.modules[name] = module
            loader.exec_module(module)
        except BaseException as exc:  # every failure is an observation
            record["ok"] = False
            record["exception"] = encode_exception(self.learner, exc)
        else:
            record["ok"] = True
            self.module = module
        record["seconds"] = perf_counter() - started
        record["stdout"] = self.stdout.take()
        record.update(self._collect())
        self.send(record)
        return record["ok"]

    # -- call -----------------------------------------------------------------

    def step_call(self, step):
        Phase.current = "call"
        name = step["function"]
        call_id = step.get("id", name)
        record: dict = {"kind": "call", "id": call_id, "function": name}
        target = getattr(self.module, name, None)
        if target is None or not callable(target):
            record["missing"] = True
            record["found"] = None if target is None else type(target).__name__
            self.send(record)
            return True
        record["isCoroutineFunction"] = inspect.iscoroutinefunction(target)
        # Where the function is defined: the line a message points at when nothing more precise is known.
        code = getattr(inspect.unwrap(target), "__code__", None)
        if code is not None and self.learner.owns(code.co_filename):
            record["defLine"] = code.co_firstlineno
        self._install_twins(step.get("twins") or {})
        self.lab.timed = []
        args = [self._argument(arg) for arg in step.get("args", [])]
        heartbeat = None
        returned = result = None
        warmed = self._executor(step["warmThreads"]) if step.get("warmThreads") else None
        started = perf_counter()
        ended = []

        def end():
            # The witness stamps the end of the call once: when the awaited work finished, before any clean-up.
            if not ended:
                ended.append(True)
                self.channel.mark("call-end", call_id)

        self.channel.mark("call-start", call_id)
        try:
            if step.get("inLoop"):
                # Called from inside a running loop, as coroutine code would call it.
                heartbeat = self._heartbeat(step)

                async def call_and_await():
                    value = target(*args)
                    record["syncSeconds"] = perf_counter() - started
                    record["returned"] = encode_value(value)
                    if inspect.isawaitable(value):
                        return await value
                    return value

                result = self._run_in_loop(call_and_await(), heartbeat, record, end, warmed)
                record["result"] = encode_value(result)
            else:
                returned = target(*args)
                record["syncSeconds"] = perf_counter() - started
                record["returned"] = encode_value(returned)
                if step.get("await") and inspect.isawaitable(returned):
                    heartbeat = self._heartbeat(step)
                    result = self._run_in_loop(returned, heartbeat, record, end, warmed)
                    record["result"] = encode_value(result)
                else:
                    end()
                    record["result"] = record["returned"]
        except BaseException as exc:  # every failure is an observation
            end()
            record["exception"] = encode_exception(self.learner, exc)
        record["seconds"] = perf_counter() - started
        # The caller's arguments as they are after the call: a function must not change its inputs.
        record["argsAfter"] = [encode_value(arg) for arg in args]
        if warmed is not None:
            warmed.shutdown(wait=False)  # already shut down if the loop used it
        # Drop our references so that a coroutine nobody awaited is reported as such.
        del returned, result, args
        record["liveThreads"] = self._live_threads()
        record["helperWaits"] = [
            dict(timed, start=timed["start"] - started, end=timed["end"] - started) for timed in self.lab.timed[:100]
        ]
        if heartbeat is not None:
            record["heartbeat"] = heartbeat.report(started)
        record["stdout"] = self.stdout.take()
        record.update(self._collect())
        self.send(record)
        return True

    def _argument(self, arg):
        if isinstance(arg, dict) and "$twin" in arg:
            return self._make_twin(arg["$twin"], arg.get("config", {}))
        return arg

    def _make_twin(self, factory_name, config):
        if self.twins is None:
            self.twins = self.load_twins()
        factory = getattr(self.twins, factory_name)
        return factory(config, self.lab)

    def _install_twins(self, twins):
        for attribute, twin in twins.items():
            setattr(self.module, attribute, self._make_twin(twin["factory"], twin.get("config", {})))

    def _live_threads(self):
        """Threads other than the main one and the harness's own, still running when the call ended."""
        frames = sys._current_frames()
        live = []
        for thread in threading.enumerate():
            if thread is threading.main_thread() or thread.name.startswith("asyncio-lab-"):
                continue
            frame = frames.get(thread.ident) if thread.ident is not None else None
            live.append(
                {
                    "name": thread.name,
                    "daemon": thread.daemon,
                    "origin": getattr(thread, "_asyncio_lab_origin", None),
                    "where": self.learner.innermost_frame(frame) if frame is not None else None,
                }
            )
        return live[:20]

    def _heartbeat(self, step):
        return Heartbeat(self.learner, self.channel, step.get("heartbeatInterval", 0.005), step.get("stallAfter", 0.03))

    def _executor(self, warm_threads=0):
        from concurrent.futures import ThreadPoolExecutor

        size = self.spec.get("threads", 16)
        executor = ThreadPoolExecutor(max_workers=size)
        warm = min(int(warm_threads or 0), size)
        if warm > 0:
            # Start the pool's threads before the call is timed: starting a thread on a busy machine can take
            # longer than a heartbeat tick, and that start-up is not the learner's code blocking the loop.
            gate = threading.Barrier(warm)
            for future in [executor.submit(gate.wait, 5) for _ in range(warm)]:
                future.result()
        return executor

    def _run_in_loop(self, awaitable, heartbeat, record, end, executor=None):
        loop = asyncio.new_event_loop()
        loop.set_default_executor(executor or self._executor())
        asyncio.set_event_loop(loop)
        learner = self.learner
        ledger = TaskLedger(learner)
        loop.set_task_factory(ledger.factory)

        async def supervised():
            beat = asyncio.ensure_future(heartbeat.beat())
            own = {beat, asyncio.current_task()}
            sampler = heartbeat.start_sampler()
            awaited_started = perf_counter()
            try:
                return await awaitable
            finally:
                end()
                record["awaitSeconds"] = perf_counter() - awaited_started
                heartbeat.finish()
                beat.cancel()
                left = [task for task in asyncio.all_tasks() if task not in own and not task.done()]
                record["tasks"] = ledger.report()
                record["pendingTasks"] = [
                    {"name": getattr(task.get_coro(), "__qualname__", "?"), "origin": learner.origin(task.get_coro())}
                    for task in left
                ]
                for task in left:
                    task.cancel()
                if left:
                    await asyncio.gather(*left, return_exceptions=True)
                sampler.join(1.0)

        try:
            return loop.run_until_complete(supervised())
        finally:
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
                if hasattr(loop, "shutdown_default_executor"):
                    loop.run_until_complete(loop.shutdown_default_executor())
            finally:
                asyncio.set_event_loop(None)
                loop.close()

    # -- script ---------------------------------------------------------------

    def step_script(self, step):
        Phase.current = "script"
        record: dict = {"kind": "script"}
        started = perf_counter()
        saved_argv = sys.argv
        sys.argv = [self.spec["file"]] + list(step.get("argv", []))
        try:
            runpy.run_path(self.spec["file"], run_name="__main__")
        except SystemExit as exc:
            if exc.code not in (None, 0):
                record["exception"] = encode_exception(self.learner, exc)
        except BaseException as exc:  # every failure is an observation
            record["exception"] = encode_exception(self.learner, exc)
        finally:
            sys.argv = saved_argv
        record["seconds"] = perf_counter() - started
        record["stdout"] = self.stdout.take()
        record.update(script_guards(self.spec["file"]))
        record.update(self._collect())
        self.send(record)
        return True

    # -- shared ---------------------------------------------------------------

    def _collect(self):
        gc.collect()
        return self.events.drain()

    def run(self):
        steps = {"import": self.step_import, "call": self.step_call, "script": self.step_script}
        for step in self.spec["steps"]:
            if not steps[step["op"]](step):
                break
        Phase.current = "done"
        self.send({"kind": "done"})
