# Style: asyncio.gather over the coroutines (it wraps each one in a task), with results unpacked by position.
import asyncio


async def kale(suffix):
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def main(suffixes):
    greetings = await asyncio.gather(*(kale(suffix) for suffix in suffixes))
    print("\n".join(greetings))


async def greet_one_by_one(suffixes):
    greetings = []
    for suffix in suffixes:
        (greeting,) = await asyncio.gather(kale(suffix))
        greetings.append(greeting)
    return greetings


async def greet_all_at_once(suffixes):
    return list(await asyncio.gather(*[kale(suffix) for suffix in suffixes]))


async def host_greeting(suffixes):
    host, *guests = await asyncio.gather(*map(kale, suffixes))
    return host


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
