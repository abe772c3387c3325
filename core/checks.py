"""System checks run by every management command (migrate, the task workers, runserver)."""

from django.core.checks import Error, register

HINT = "Correct the setting in the environment (see .env.example)."


@register()
def plugins_are_configured(app_configs=None, **kwargs) -> list[Error]:
    """A provider key that names no implementation stops the process at start-up, with the
    keys it could have been, instead of failing at the first message or payment."""
    from core.plugins import registry

    return [Error(problem, hint=HINT, id="core.E001") for problem in registry.problems()]
