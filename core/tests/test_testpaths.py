"""Every app's tests run: pytest collects only the folders named in pyproject's testpaths, so an
app added without its name there would have its tests silently skipped by `make test` and CI."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_folder_with_tests_is_collected():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    testpaths = set(config["tool"]["pytest"]["ini_options"]["testpaths"])
    with_tests = {
        path.parent.name
        for path in ROOT.glob("*/tests")
        if path.is_dir() and not path.parent.name.startswith(".")
    }
    with_tests |= {"tests"} if (ROOT / "tests").is_dir() else set()
    assert with_tests - testpaths == set()
