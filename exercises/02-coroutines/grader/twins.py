"""Instrumented twins of exercise 02's given kale, swapped in so one task's check does not depend on another task's code."""

import asyncio


def kale(config, recorder):
    delays = config.get("delays", {})
    default = config.get("default", 0.01)

    async def kale(suffix):
        with recorder.span("kale", suffix):
            await asyncio.sleep(delays.get(str(suffix), default))
        return "hello " + str(suffix)

    # Reported names ("coroutine kale was never awaited") read as the learner's kale.
    kale.__qualname__ = "kale"
    return kale
