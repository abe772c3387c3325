"""The deployment checks of core: rate limits must count in a cache every process shares."""

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from core.checks import rate_limits_share_one_cache

REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
REDIS["default"]["LOCATION"] = "redis://127.0.0.1:6379/15"


def ids(problems):
    return [problem.id for problem in problems]


@pytest.mark.parametrize(
    "backend", ["locmem.LocMemCache", "dummy.DummyCache", "filebased.FileBasedCache"]
)
def test_a_per_process_cache_for_rate_limits_is_an_error_at_deployment(backend):
    caches = {"default": {"BACKEND": f"django.core.cache.backends.{backend}", "LOCATION": "x"}}
    with override_settings(CACHES=caches):
        problems = rate_limits_share_one_cache()
    assert ids(problems) == ["core.E002"]
    assert problems[0].level == checks.ERROR
    assert "REDIS_URL" in problems[0].hint


def test_a_redis_cache_passes_without_connecting_to_it():
    with override_settings(CACHES=REDIS):
        assert rate_limits_share_one_cache() == []


def test_the_check_runs_with_deploy_only():
    deploy = checks.registry.registry.get_checks(include_deployment_checks=True)
    everyday = checks.registry.registry.get_checks(include_deployment_checks=False)
    assert rate_limits_share_one_cache in deploy
    assert rate_limits_share_one_cache not in everyday


@pytest.mark.django_db
def test_check_deploy_fails_with_the_memory_cache_and_names_the_problem():
    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=locmem), pytest.raises(SystemCheckError, match="core.E002"):
        call_command("check", "--deploy", "--tag", "caches")
    with override_settings(CACHES=REDIS):
        call_command("check", "--deploy", "--tag", "caches")
