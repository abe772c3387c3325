"""Production settings for load tests from one machine: the lookup's per-address rate limit
(every benchmark request comes from 127.0.0.1) is lifted, lookup answers are cached in each
worker's memory, and a bare /hello/ view is added as the baseline; everything else is
production's."""

from config.settings.production import *  # noqa: F403

LOOKUP_RATE_LIMIT = 10**9
# The load is read-only, so each worker's memory cache may keep lookup answers (in production
# they are kept only in a shared cache: see LOOKUP_CACHE_SECONDS).
LOOKUP_CACHE_SECONDS = 60
ROOT_URLCONF = "benchmarks.bench_urls"
