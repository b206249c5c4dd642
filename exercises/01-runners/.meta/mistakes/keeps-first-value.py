# Mistake: wait_and_return keeps the first value it was given in a module-level list, so a second call returns the first call's value.
# Caught by: returns-the-value
import asyncio


_seen = []


async def wait_and_return(value, delay):
    if not _seen:
        _seen.append(value)
    await asyncio.sleep(delay)
    return _seen[0]


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
