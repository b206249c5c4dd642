"""Instrumented twins of exercise 01's functions, swapped in so one task's check does not depend on another task's code."""

import asyncio


def wait_and_return(config, recorder):
    async def wait_and_return(value, delay):
        with recorder.span("wait_and_return", value):
            await asyncio.sleep(delay)
        return value

    return wait_and_return


def main(config, recorder):
    async def main(value, delay):
        with recorder.span("main", value):
            await asyncio.sleep(delay)
        return value

    return main
