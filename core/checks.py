"""System checks run by every management command (migrate, the task workers, runserver)."""

from django.core.checks import Error, Tags, register

HINT = "Correct the setting in the environment (see .env.example)."


@register()
def plugins_are_configured(app_configs=None, **kwargs) -> list[Error]:
    """A provider key that names no implementation stops the process at start-up, with the
    keys it could have been, instead of failing at the first message or payment."""
    from core.plugins import registry

    return [Error(problem, hint=HINT, id="core.E001") for problem in registry.problems()]


# Caches each process (or each machine) keeps for itself: a limit counted there is multiplied by
# the number of gunicorn workers (30 lookups a minute become 90 with three), and the dummy cache
# counts nothing at all.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


@register(Tags.security, Tags.caches, deploy=True)
def rate_limits_share_one_cache(app_configs=None, **kwargs) -> list[Error]:
    """`check --deploy` fails when the cache the rate limits count in is kept per process."""
    from django.conf import settings

    from core.ratelimit import CACHE_ALIAS

    backend = settings.CACHES.get(CACHE_ALIAS, {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Error(
            f"Rate limits (the public lookup) count in the '{CACHE_ALIAS}' cache, "
            f"which is {backend.rsplit('.', 1)[-1]}: each worker process counts on its own, "
            "so the limits multiply by the number of workers.",
            hint="Set REDIS_URL so that every process shares one Redis cache (docs/deployment.md).",
            id="core.E002",
        )
    ]
