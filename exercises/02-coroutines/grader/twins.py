"""The stand-in for exercise 02's given kale, swapped in so one task's check does not depend on another task's code.

It waits at the grader's witness, which stamps the start and the end of every call with its own clock.
"""


def kale(config, lab):
    async def greet(suffix, made):
        # Where learner code called kale(suffix): with the call's `where` (the line that awaited it directly, if
        # any), it tells "coroutines made in one loop, awaited in another" from tasks.
        await lab.wait("kale", suffix, detail={"made": made})
        return "hello " + str(suffix)

    # Reported names ("coroutine kale was never awaited") read as the learner's kale.
    greet.__name__ = greet.__qualname__ = "kale"

    def kale(suffix):
        return greet(suffix, lab.caller())

    return kale
