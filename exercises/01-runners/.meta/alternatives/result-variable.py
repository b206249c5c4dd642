# Style: intermediate variables, keyword arguments, and a guard that calls run_and_return's work through asyncio.run.
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay=delay)
    result = value
    return result


async def main(value, delay):
    coroutine = wait_and_return(value, delay=delay)
    result = await coroutine
    return result


def run_and_return(value, delay):
    outcome = asyncio.run(main(value, delay))
    return outcome


def _cli():
    print(asyncio.run(main("hello, asyncio", 0.1)))


if __name__ == "__main__":
    _cli()
