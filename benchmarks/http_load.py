"""A small HTTP load generator (standard library only): C users request URLs for D seconds.

    .venv/bin/python benchmarks/http_load.py http://127.0.0.1:8100/healthz -c 16 -d 20
    .venv/bin/python benchmarks/http_load.py http://127.0.0.1:8100/can-bo/ho-so/ -c 16 -d 20 \\
        --login http://127.0.0.1:8100/dang-nhap/ --username hoankiem.tiepnhan

Each user is a thread with its own connection (re-opened when the server closes it, as gunicorn's
sync workers do), going through the URLs given in turn and sending the next request as soon as
the last answer is read, or, with --think T, after reading the page for a random 0.5 T to
1.5 T seconds, as an officer working a queue does. Latency is
measured per request, from sending to the last byte. Prints requests/s, p50, p95, p99 and the
status codes seen; any status other than 200 is reported, not hidden. The generator runs in
Python on the same machine as the server, so it takes CPU from it: prefer wrk for requests/s
and use this where wrk is missing or for a quick check.
"""

import argparse
import http.client
import http.cookiejar
import random
import re
import statistics
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from urllib.parse import urlsplit

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def login(login_url: str, *, username: str, password: str) -> str:
    """Log in through the real login form (CSRF token, lockout and all) and return the
    Cookie header a logged-in browser would send."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(login_url).read().decode()
    token = CSRF_FIELD.search(page)
    if token is None:
        raise SystemExit(f"No CSRF token on {login_url}")
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
    ).encode()
    request = urllib.request.Request(login_url, data=form, headers={"Referer": login_url})
    opener.open(request).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if not any("session" in name for name in cookies):
        raise SystemExit(f"Login as {username} failed: no session cookie")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def run(urls: list[str], *, users: int, seconds: float, cookie: str = "", think=0.0) -> dict:
    parts = urlsplit(urls[0])
    paths = [
        urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        for url in urls
    ]
    headers = {"Cookie": cookie} if cookie else {}
    latencies: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def user(number: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
        mine: list[float] = []
        seen: Counter = Counter()
        pace = random.Random(number)
        sent = number  # each user starts at a different URL
        while time.perf_counter() < stop_at:
            path = paths[sent % len(paths)]
            sent += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                seen[response.status] += 1
            except (OSError, http.client.HTTPException) as error:
                seen[type(error).__name__] += 1
                connection.close()
                continue
            mine.append(time.perf_counter() - started)
            if response.will_close:
                connection.close()
            if think:
                time.sleep(pace.uniform(0.5 * think, 1.5 * think))
        with lock:
            latencies.extend(mine)
            statuses.update(seen)

    threads = [threading.Thread(target=user, args=(number,)) for number in range(users)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()

    def percentile(share: float) -> float:
        return latencies[min(int(share * len(latencies)), len(latencies) - 1)] * 1000

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": percentile(0.50) if latencies else 0.0,
        "p95": percentile(0.95) if latencies else 0.0,
        "p99": percentile(0.99) if latencies else 0.0,
        "mean": statistics.fmean(latencies) * 1000 if latencies else 0.0,
        "statuses": dict(statuses),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+", metavar="url")
    parser.add_argument("-c", "--users", type=int, default=16)
    parser.add_argument("-d", "--seconds", type=float, default=20)
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds a user reads a page (0: none)"
    )
    parser.add_argument("--cookie", default="", help="e.g. sessionid=abc (a logged-in officer)")
    parser.add_argument("--login", default="", help="login page URL; logs in first")
    parser.add_argument("--username", default="hoankiem.tiepnhan")
    parser.add_argument("--password", default="motcua-demo-2026")
    parser.add_argument(
        "--print-cookie", action="store_true", help="log in, print the Cookie header and stop"
    )
    args = parser.parse_args()
    cookie = args.cookie
    if args.login:
        cookie = login(args.login, username=args.username, password=args.password)
    if args.print_cookie:
        print(cookie)
        return
    result = run(args.urls, users=args.users, seconds=args.seconds, cookie=cookie, think=args.think)
    print(
        f"{' '.join(args.urls)}  {args.users} users  think {args.think:g} s  "
        f"{args.seconds:.0f} s  {result['requests']} requests  "
        f"{result['rps']:.1f} req/s  p50 {result['p50']:.1f} ms  p95 {result['p95']:.1f} ms  "
        f"p99 {result['p99']:.1f} ms  statuses {result['statuses']}"
    )


if __name__ == "__main__":
    main()
