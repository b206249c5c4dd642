"""A blocked event loop: a heartbeat task that ticks to the witness, and a sampler that names the learner's line.

The witness stamps every tick with its own clock, so a gap in the ticks is seen outside this process. Which line
the loop's thread was on during a gap can only be seen in here: the sampler notes it, as detail for the message.
"""

import asyncio
import sys
import threading
import time

# Taken before any learner code runs: learner code that patches these changes nothing here.
perf_counter = time.perf_counter
_sleep = time.sleep
_asyncio_sleep = asyncio.sleep


class Heartbeat:
    def __init__(self, learner, channel, interval, stall_after):
        self.learner = learner
        self.channel = channel
        self.interval = interval
        self.stall_after = stall_after
        self.last = perf_counter()
        self.max_gap = 0.0
        self.ticks = 0
        self.stalls = []
        self.running = False
        self.main_ident = threading.main_thread().ident

    async def beat(self):
        # self.last was set when the watch began (start_sampler), so a block before the first tick counts too.
        while True:
            await _asyncio_sleep(self.interval)
            now = perf_counter()
            gap = now - self.last
            self.ticks += 1
            if gap > self.max_gap:
                self.max_gap = gap
            self.last = now
            self.channel.tick()

    def finish(self):
        """Count the gap still open when the awaited work ends (a block before the first tick)."""
        self.running = False
        gap = perf_counter() - self.last
        if gap > self.max_gap:
            self.max_gap = gap

    def start_sampler(self):
        self.last = perf_counter()
        self.running = True
        self.channel.tick()
        thread = threading.Thread(target=self._sample, name="asyncio-lab-sampler", daemon=True)
        thread.start()
        return thread

    def _sample(self):
        current = None
        while self.running:
            _sleep(self.interval)
            late = perf_counter() - self.last
            if late >= self.stall_after:
                frame = sys._current_frames().get(self.main_ident) if self.main_ident is not None else None
                where = self.learner.blocking_frame(frame) if frame is not None else None
                if current is None or current["since"] != self.last:
                    current = {"since": self.last, "duration": late, "where": where}
                    self.stalls.append(current)
                    if where is not None:
                        self.channel.stall(self.last, where)
                current["duration"] = late
                if current["where"] is None and where is not None:
                    current["where"] = where
                    # Sent the moment it is seen: clearing the list afterwards hides nothing.
                    self.channel.stall(self.last, where)
        self.stalls.sort(key=lambda stall: -stall["duration"])

    def report(self, t0):
        return {
            "interval": self.interval,
            "maxGap": self.max_gap,
            "ticks": self.ticks,
            "stalls": [
                {"start": stall["since"] - t0, "duration": stall["duration"], "where": stall["where"]}
                for stall in self.stalls[:8]
            ],
        }
