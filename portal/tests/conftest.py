"""The dossier cast (commune A's one-stop shop, a published procedure) for the public pages."""

from dossiers.tests.conftest import office  # noqa: F401  (a fixture, used by name)
