"""The self-rating chart's drawing and its words."""

from __future__ import annotations

from datetime import date

from resettle.voice.charts import HEIGHT, WIDTH, self_rating_chart
from resettle.voice.models import VoiceEntry


def entry(pk: int, on: date, rating: int | None) -> VoiceEntry:
    return VoiceEntry(pk=pk, recorded_on=on, self_rating=rating, conversation="meeting")


def test_no_ratings_no_chart():
    assert self_rating_chart("Jay", [entry(1, date(2026, 1, 5), None)]) is None


def test_points_run_oldest_to_newest_and_higher_ratings_sit_higher():
    chart = self_rating_chart(
        "Jay",
        [
            entry(3, date(2026, 3, 1), 9),
            entry(1, date(2026, 1, 1), 2),
            entry(2, date(2026, 2, 1), 5),
        ],
    )
    assert [p.rating for p in chart.points] == [2, 5, 9]
    xs = [p.x for p in chart.points]
    ys = [p.y for p in chart.points]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)
    assert all(0 < x < WIDTH for x in xs) and all(0 < y < HEIGHT for y in ys)
    assert chart.polyline == " ".join(f"{p.x},{p.y}" for p in chart.points)
    assert [g.value for g in chart.gridlines] == list(range(1, 11))


def test_one_rating_is_a_single_centred_point_with_a_sentence():
    chart = self_rating_chart("Jay", [entry(1, date(2026, 3, 4), 6)])
    assert len(chart.points) == 1
    assert chart.summary == (
        "Jay has been asked once how sure they feel they'll get there: 6 out of 10 on 4 March 2026."
    )


def test_a_fall_and_a_steady_rating_are_described():
    falling = self_rating_chart(
        "Jay", [entry(1, date(2026, 1, 1), 7), entry(2, date(2026, 2, 1), 4)]
    )
    assert "was 4 out of 10: down from 7 on 1 January 2026." in falling.summary
    steady = self_rating_chart(
        "Jay", [entry(1, date(2026, 1, 1), 5), entry(2, date(2026, 2, 1), 5)]
    )
    assert "was 5 out of 10: the same as on 1 January 2026." in steady.summary


def test_dates_on_the_axis_are_thinned_so_they_do_not_overlap():
    entries = [entry(n, date(2026, 1, n + 1), 5) for n in range(20)]
    chart = self_rating_chart("Jay", entries)
    labelled = [p for p in chart.points if p.short_label]
    assert len(labelled) == 7
    assert labelled[0] is chart.points[0] and labelled[-1] is chart.points[-1]
    assert all(p.label for p in chart.points)  # the data table still has every date
