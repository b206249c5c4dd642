# Mistake: a function that runs the program is called at the top level, with no script guard: importing the file starts the loop.
# Caught by: import-runs-nothing
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


def cli():
    print(run_and_return("hello, asyncio", 0.1))


cli()
