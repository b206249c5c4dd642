# Style: the blocking sleep moved to a worker thread with asyncio.to_thread; a _main() under sys.exit.
import asyncio
import sys
import time


async def wait_and_return(value, delay):
    await asyncio.to_thread(time.sleep, delay)
    return value


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


def _main():
    print(asyncio.run(main("hello, asyncio", 0.1)))
    return 0


if __name__ == "__main__":
    sys.exit(_main())
