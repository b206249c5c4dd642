# Mistake: greet_all_at_once keeps its tasks in a dict keyed by suffix: a suffix that appears twice gets a second task that replaces the first, and the first is never awaited.
# Caught by: at-once-in-order
import asyncio


async def kale(suffix):
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def main(suffixes):
    i = 0
    while i < len(suffixes):
        print(await asyncio.ensure_future(kale(suffixes[i])))
        i += 1


async def greet_one_by_one(suffixes):
    greetings = []
    for suffix in suffixes:
        future = asyncio.ensure_future(kale(suffix))
        greetings.append(await future)
    return greetings


async def greet_all_at_once(suffixes):
    futures = {suffix: asyncio.ensure_future(kale(suffix)) for suffix in suffixes}
    greetings = {}
    for suffix, future in futures.items():
        greetings[suffix] = await future
    return [greetings[suffix] for suffix in suffixes]


async def host_greeting(suffixes):
    futures = [asyncio.ensure_future(kale(suffix)) for suffix in suffixes]
    host = await futures[0]
    for future in futures[1:]:
        await future
    return host


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
