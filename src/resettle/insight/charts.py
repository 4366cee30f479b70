"""Charts drawn on the server as SVG: no script, no chart library, nothing from another site, so
the Content Security Policy stays strict. Each chart is a picture of the data table printed beside
it (the table is what a screen reader reads: the chart has a title and a one-line description).

A rate's chart is 0 to 100%, labelled under each period with the denominator ("of 40"); a period
whose figure is not shown (small numbers) is a gap in the line, never a zero.
"""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 64


def _nice_top(value: float) -> int:
    if value <= 5:
        return 5
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return int(step * power)
    return int(10 * power)  # pragma: no cover


def trend_chart(measure, trend) -> dict | None:
    """`trend`: figures (figures.Figure), oldest first."""
    if len(trend) < 2:
        return None
    values = [f.total.rate if measure.is_rate else f.total.count for f in trend]
    top = 100 if measure.is_rate else _nice_top(max([v or 0 for v in values] + [1]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / (len(trend) - 1)

    def y_of(value: float) -> float:
        return round(TOP + plot_h * (1 - value / top), 1)

    points, segments, current = [], [], []
    for i, (fig, value) in enumerate(zip(trend, values, strict=True)):
        x = round(LEFT + i * step, 1)
        if value is None:
            if current:
                segments.append(current)
            current = []
            continue
        y = y_of(value)
        shown = f"{value:.0f}%" if measure.is_rate else str(value)
        points.append({"x": x, "y": y, "label": shown, "period": fig.period.short_label})
        current.append((x, y))
    if current:
        segments.append(current)
    paths = ["M " + " L ".join(f"{x} {y}" for x, y in segment) for segment in segments if segment]
    x_labels = [
        {
            "x": round(LEFT + i * step, 1),
            "period": fig.period.short_label,
            "of": (_("of %(n)s") % {"n": fig.total.denominator_shown}) if measure.is_rate else "",
        }
        for i, fig in enumerate(trend)
    ]
    ticks = [0, top // 4, top // 2, 3 * top // 4, top] if top >= 4 else [0, top]
    y_ticks = [
        {"y": y_of(t), "label": f"{t}%" if measure.is_rate else str(t)} for t in sorted(set(ticks))
    ]
    first, last = trend[0].period.short_label, trend[-1].period.short_label
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "top": TOP,
        "points": points,
        "paths": paths,
        "x_labels": x_labels,
        "y_ticks": y_ticks,
        "label_y": HEIGHT - BOTTOM + 20,
        "of_y": HEIGHT - BOTTOM + 38,
        "description": _(
            "A line chart of %(title)s for each quarter from %(first)s to %(last)s. The same "
            "figures are in the table beside it; gaps are figures not shown because the numbers "
            "are small."
        )
        % {"title": measure.title, "first": first, "last": last},
    }
