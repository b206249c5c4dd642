# Mistake: wait_and_return returns str(value): right for a string, wrong for any other value.
# Caught by: returns-the-value
import asyncio


async def wait_and_return(value, delay):
    await asyncio.sleep(delay)
    return str(value)


async def main(value, delay):
    return await wait_and_return(value, delay)


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
