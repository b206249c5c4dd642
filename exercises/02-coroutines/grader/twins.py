"""Instrumented twins of exercise 02's given kale, swapped in so one task's check does not depend on another task's code."""

import asyncio


def kale(config, recorder):
    delays = config.get("delays", {})
    default = config.get("default", 0.01)

    async def greet(suffix, made):
        with recorder.span("kale", suffix) as span:
            # Where learner code called kale(suffix): with the span's `where` (the line that awaited it
            # directly, if any), it tells "coroutines made in one loop, awaited in another" from tasks.
            span.record["made"] = made
            await asyncio.sleep(delays.get(str(suffix), default))
        return "hello " + str(suffix)

    # Reported names ("coroutine kale was never awaited") read as the learner's kale.
    greet.__name__ = greet.__qualname__ = "kale"

    def kale(suffix):
        return greet(suffix, recorder.learner.caller() if recorder.learner is not None else None)

    return kale
