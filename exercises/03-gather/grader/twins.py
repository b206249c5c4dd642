"""Instrumented twins of exercise 03's given helpers: the grader picks their delays (and which item fails) on every run.

Labels carry the arguments each call was given, so a judge can tell the exact calls apart:
factorial_step("A", 2, 3) is labelled "A:2*3", factorial("B", 5) is labelled "B(5)".
"""

import asyncio
import math


def factorial_step(config, recorder):
    delay = config.get("delay", 0.01)

    async def factorial_step(name, total, i):
        with recorder.span("factorial_step", "%s:%s*%s" % (name, total, i)):
            await asyncio.sleep(delay)
        return total * i

    return factorial_step


def factorial(config, recorder):
    delays = config["delays"]

    async def factorial(name, number):
        with recorder.span("factorial", "%s(%s)" % (name, number)):
            await asyncio.sleep(delays.get(str(name), config.get("delay", 0.1)))
        return math.factorial(number)

    return factorial


def fetch_item(config, recorder):
    delays = config["delays"]
    failing = set(config.get("failing", []))

    async def fetch_item(item):
        with recorder.span("fetch_item", item):
            await asyncio.sleep(delays.get(str(item), config.get("delay", 0.1)))
            if item in failing:
                raise LookupError("no such item: %r" % (item,))
        return "data:" + item

    return fetch_item
