"""How each package offers its URL patterns to the root URL configuration.

A package's `urls.py` sets `routes`: for each URL namespace it serves, the patterns for the site as
a whole and the patterns about one child. The root URL configuration (`resettle/urls.py`) mounts
every package's patterns about one child under the one child prefix, so no package writes it.

URL namespaces name parts of the site as people see them (`children:`, `plans:`), not packages:
the web shell serves some `children:` pages (the caseload, the summary) beside the children app.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Routes:
    site: list = field(default_factory=list)
    child: list = field(default_factory=list)
