# Style: a future that loop.call_later resolves after the delay; main through asyncio.gather.
import asyncio


async def wait_and_return(value, delay):
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    loop.call_later(delay, future.set_result, value)
    return await future


async def main(value, delay):
    (result,) = await asyncio.gather(wait_and_return(value, delay))
    return result


def run_and_return(value, delay):
    return asyncio.run(main(value, delay))


if __name__ == "__main__":
    print(asyncio.run(main("hello, asyncio", 0.1)))
