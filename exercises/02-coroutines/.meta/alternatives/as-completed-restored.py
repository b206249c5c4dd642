# Style: asyncio.as_completed with the order restored by index, and a done-callback that fills the slots.
import asyncio


async def kale(suffix):
    await asyncio.sleep(0.1)
    return "hello " + suffix


async def main(suffixes):
    for suffix in suffixes:
        coroutine = kale(suffix)
        greeting = await coroutine
        print(greeting, flush=True)


async def greet_one_by_one(suffixes):
    greetings = []
    for suffix in suffixes:
        greetings += [await kale(suffix)]
    return greetings


async def greet_all_at_once(suffixes):
    async def numbered(index, suffix):
        return index, await kale(suffix)

    slots = [None] * len(suffixes)
    for finished in asyncio.as_completed([numbered(i, s) for i, s in enumerate(suffixes)]):
        index, greeting = await finished
        slots[index] = greeting
    return slots


async def host_greeting(suffixes):
    greetings = {}
    tasks = []
    for suffix in suffixes:
        task = asyncio.create_task(kale(suffix))
        task.add_done_callback(lambda done, key=suffix: greetings.__setitem__(key, done.result()))
        tasks.append(task)
    for task in tasks:
        await task
    return greetings[suffixes[0]]


if __name__ == "__main__":
    asyncio.run(main(["1", "2", "3"]))
