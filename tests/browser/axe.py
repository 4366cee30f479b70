"""Run axe-core in a page and describe any violations in words a person can act on.

axe-core comes from the project's npm packages (`npm ci`); nothing is fetched at test time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

AXE_PATH = Path(settings.PROJECT_DIR) / "node_modules" / "axe-core" / "axe.min.js"

_RUN = """async (tags) => {
  const results = await window.axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


@cache
def axe_source() -> str:
    if not AXE_PATH.exists():
        raise AssertionError(
            f"axe-core is missing ({AXE_PATH.relative_to(settings.PROJECT_DIR)}): "
            "run `npm ci` in the repository root."
        )
    return AXE_PATH.read_text(encoding="utf-8")


def run_axe(page: Page) -> list[dict]:
    """axe's violations for the page as it is now. The page must allow scripts."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated rather than added as a <script> tag, so the page's CSP and its own
        # scripts play no part.
        page.evaluate("(source) => { (0, eval)(source); }", axe_source())
    return page.evaluate(_RUN, TAGS)


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}")
            for detail in (node["summary"] or "").splitlines():
                if detail.strip():
                    lines.append(f"      {detail.strip()}")
    return "\n".join(lines)
