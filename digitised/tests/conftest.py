from dossiers.tests.conftest import office  # noqa: F401 (the dossiers' cast, as a fixture)
