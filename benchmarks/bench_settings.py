"""Production settings for load tests from one machine: the lookup's per-address rate limit
(every benchmark request comes from 127.0.0.1) is lifted and a bare /hello/ view is added as
the baseline; everything else is production's."""

from config.settings.production import *  # noqa: F403

LOOKUP_RATE_LIMIT = 10**9
ROOT_URLCONF = "benchmarks.bench_urls"
