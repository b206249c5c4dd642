# Style: asyncio.sleep's result argument returns the value; asyncio.Runner in run_and_return; the guard calls run_and_return.
# Requires: Python 3.11
import asyncio


async def wait_and_return(value, delay):
    return await asyncio.sleep(delay, result=value)


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    with asyncio.Runner() as runner:
        return runner.run(main(value, delay))


if __name__ == "__main__":
    print(run_and_return("hello, asyncio", 0.1))
