"""Docs that must not drift from the code."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.PROJECT_DIR)


def test_every_environment_variable_the_settings_read_is_documented():
    source = (ROOT / "src" / "resettle" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:bool|int|list|str)\(\s*"([A-Z_]+)"', source))
    documented = set(re.findall(r"`([A-Z_]+)`", (ROOT / "docs" / "configuration.md").read_text()))
    assert read, "the settings read no variables: the pattern above is out of date"
    assert not read - documented, f"Document these in docs/configuration.md: {read - documented}"


def test_readme_quick_start_is_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
