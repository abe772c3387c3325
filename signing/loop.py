"""Running pyHanko's synchronous calls wherever we are."""

import asyncio
from concurrent.futures import ThreadPoolExecutor


def off_loop(func, /, *args, **kwargs):
    """pyHanko's synchronous API calls asyncio.run(), which refuses to start inside a thread
    whose event loop is running (an ASGI server; Playwright's sync API in the browser tests):
    there the call runs in a thread of its own, and waits for it."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return func(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(func, *args, **kwargs).result()
