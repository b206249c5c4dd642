"""Stand-ins for exercise 04's functions, swapped in so one task's check does not depend on another task's code.

Each really fetches the page from the grader's server, which records when every request arrived and was
answered with its own clock; the stand-in only adds which thread it ran on (detail for the message).
"""

import asyncio
import json
import urllib.request

# Never through a proxy: the grader's server is on this machine.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch_url(config, lab):
    def fetch_url(url):
        request = urllib.request.Request(str(url), headers={"X-Asyncio-Lab-Claims": json.dumps(lab.claims())})
        with _opener.open(request, timeout=10) as response:
            return response.read().decode("utf-8")

    return fetch_url


def fetch_url_async(config, lab):
    blocking = fetch_url(config, lab)

    async def fetch_url_async(url):
        return await asyncio.to_thread(blocking, url)

    return fetch_url_async
