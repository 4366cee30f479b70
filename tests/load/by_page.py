"""Where the load test's processor time went: the servers' request log (`resettle.requests`
lines, core/middleware.py), summed by page, the child's id in a path read as one page.

    python tests/load/by_page.py var/load_requests_8765.log [...]

Prints, for each page, how many requests, the median and mean processor time (`cpu_ms`), the
median time the server took (`duration_ms`: processor time and waiting) and the page's share of
all processor time, largest share first. `scripts/load-test` runs it at the end of every run.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ONE_CHILD = re.compile(r"/children/[0-9a-f-]{36}/")
ONE_ACTION = re.compile(r"/[0-9a-f-]{36}/")


def pages(lines) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """(method, page) -> [(cpu_ms, duration_ms)] of the request lines among `lines`."""
    found: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for line in lines:
        if not line.startswith("{"):
            continue
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("logger") != "resettle.requests" or "cpu_ms" not in record:
            continue
        path = ONE_ACTION.sub("/<id>/", ONE_CHILD.sub("/children/<child>/", record["path"]))
        found[(record["method"], path)].append((record["cpu_ms"], record["duration_ms"]))
    return found


def table(found: dict[tuple[str, str], list[tuple[int, int]]]) -> str:
    total = sum(cpu for rows in found.values() for cpu, _ in rows)
    count = sum(len(rows) for rows in found.values())
    if not count:
        return "No request lines with cpu_ms found."
    lines = [
        f"Processor time by page: {count} requests, {total / count:.1f} ms each on average",
        f"{'page':<46} {'requests':>8} {'cpu median':>10} {'cpu mean':>9} "
        f"{'server median':>13} {'share':>6}",
    ]
    for (method, path), rows in sorted(found.items(), key=lambda kv: -sum(c for c, _ in kv[1])):
        cpu = [c for c, _ in rows]
        lines.append(
            f"{method + ' ' + path:<46} {len(rows):>8} {statistics.median(cpu):>10.0f} "
            f"{statistics.mean(cpu):>9.1f} {statistics.median(d for _, d in rows):>13.0f} "
            f"{sum(cpu) / total * 100:>5.1f}%"
        )
    return "\n".join(lines)


def main(paths: list[str]) -> int:
    lines = [line for path in paths for line in Path(path).read_text().splitlines()]
    print(table(pages(lines)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
