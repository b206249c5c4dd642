"""Stand-ins for exercise 01's functions, swapped in so one task's check does not depend on another task's code.

Each waits at the grader's witness, which stamps the start and the end of the call with its own clock.
"""


def wait_and_return(config, lab):
    async def wait_and_return(value, delay):
        await lab.wait("wait_and_return", value)
        return value

    return wait_and_return


def main(config, lab):
    async def main(value, delay):
        await lab.wait("main", value)
        return value

    return main
