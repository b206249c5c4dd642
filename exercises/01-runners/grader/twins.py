"""Instrumented twins of exercise 01's functions, swapped in so one task's check does not depend on another task's code.

Each records the arguments it was called with, so a check can tell a hard-coded or swapped argument
from the right one. A twin waits the delay it is given, but never long: a swapped argument (a value
where the delay belongs) must not hold the run up to its deadline.
"""

import asyncio


def _seconds(delay):
    if isinstance(delay, (int, float)) and not isinstance(delay, bool) and delay > 0:
        return min(float(delay), 0.5)
    return 0


def wait_and_return(config, recorder):
    async def wait_and_return(value, delay):
        with recorder.span("wait_and_return", value) as span:
            span.record["args"] = [value, delay]
            await asyncio.sleep(_seconds(delay))
        return value

    # Reported names ("ran wait_and_return") read as the learner's own function.
    wait_and_return.__qualname__ = "wait_and_return"
    return wait_and_return


def main(config, recorder):
    async def main(value, delay):
        with recorder.span("main", value) as span:
            span.record["args"] = [value, delay]
            await asyncio.sleep(_seconds(delay))
        return value

    main.__qualname__ = "main"
    return main
