"""The README's production steps collect the static files without a missing file.

In production the static files are stored with hashed names (WhiteNoise's manifest storage), which
fails on any `url(...)` in a stylesheet that points at nothing: GOV.UK Frontend's footer crest was
one, because MoJ Frontend points GOV.UK Frontend's images at MoJ's own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

ROOT = Path(settings.PROJECT_DIR)
SOURCES = ROOT / "src" / "resettle" / "static_src"
BUILT = ROOT / "src" / "resettle" / "static" / "build" / "application.css"
SASS = ROOT / "node_modules" / ".bin" / "sass"


def _urls(css: str) -> set[str]:
    return {m.strip("\"'") for m in re.findall(r"url\(([^)]+)\)", css)} - {""}


def test_the_built_stylesheet_is_not_older_than_its_sources():
    assert BUILT.exists(), "Build the stylesheet first: npm run build:css (make does it)"
    newest_source = max(path.stat().st_mtime for path in SOURCES.glob("*.scss"))
    assert BUILT.stat().st_mtime >= newest_source, "Rebuild the stylesheet: npm run build:css"


@pytest.mark.skipif(not SASS.exists(), reason="needs the npm packages (npm ci)")
def test_every_image_the_stylesheet_names_is_a_static_file(tmp_path):
    """Compiled afresh from the sources, so the test does not depend on an old build."""
    compiled = tmp_path / "application.css"
    subprocess.run(  # noqa: S603 - our own build tool and files
        [
            str(SASS),
            "--quiet",
            "--quiet-deps",
            "--no-source-map",
            f"--load-path={ROOT}",
            f"--load-path={ROOT / 'node_modules'}",
            str(SOURCES / "application.scss"),
            str(compiled),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    urls = _urls(compiled.read_text())
    assert any(url.endswith("govuk-crest.svg") for url in urls)
    missing = [
        url
        for url in sorted(urls)
        if not url.startswith("data:")
        and not finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    ]
    assert not missing, f"The stylesheet names files that are not served: {missing}"


def test_collectstatic_works_under_production_settings(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("RESETTLE_") and key != "DATABASE_URL"
    }
    environment.update(
        {
            "RESETTLE_DEMO": "0",
            "RESETTLE_SECRET_KEY": "collectstatic-test-" + "x" * 50,
            "RESETTLE_ALLOWED_HOSTS": "resettle.example",
            "RESETTLE_AUDIT_KEY": "collectstatic-test-audit-key-" + "y" * 40,
            "RESETTLE_VAR_DIR": str(tmp_path),
            "PYTHONPATH": str(ROOT / "src"),
        }
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--no-input", "-v", "1"],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    collected = tmp_path / "static"
    assert (collected / "staticfiles.json").exists()
    crests = list((collected / "govuk" / "assets" / "images").glob("govuk-crest.*.svg"))
    assert crests, "the crest is collected with a hashed name"
    stylesheet = next((collected / "build").glob("application.*.css"))
    assert crests[0].name in stylesheet.read_text()
