"""The small-numbers rule (insight/suppression.py), including secondary suppression."""

from resettle.insight.suppression import SECONDARY, SMALL, Cell, protect, shown_count


def test_counts_from_1_to_4_are_fewer_than_5_and_0_is_shown():
    assert [str(Cell(n)) for n in (0, 1, 4, 5, 12)] == [
        "0",
        "fewer than 5",
        "fewer than 5",
        "5",
        "12",
    ]
    assert shown_count(3) == "fewer than 5"


def test_a_rate_is_hidden_when_its_denominator_is_under_5():
    assert Cell(4, numerator=0).hidden == SMALL
    assert str(Cell(4, numerator=0)) == "not shown: fewer than 5"
    assert Cell(5, numerator=0).rate == 0
    assert str(Cell(10, numerator=5)) == "50%"


def test_a_rate_is_hidden_when_its_numerator_is_from_1_to_4():
    cell = Cell(40, numerator=3)
    assert cell.hidden == SMALL and cell.rate is None and cell.count is None
    assert cell.denominator_shown == "40"


def test_no_children_is_not_a_hidden_cell():
    cell = Cell(0, numerator=0)
    assert not cell.hidden and str(cell) == "no children" and cell.rate is None


def test_one_hidden_cell_in_a_row_hides_the_next_smallest():
    row = [Cell(3), Cell(20), Cell(7), Cell(0)]
    protect([row])
    assert [c.hidden for c in row] == [SMALL, "", SECONDARY, ""]
    assert [str(c) for c in row] == ["fewer than 5", "20", "not shown", "0"]


def test_two_hidden_cells_need_no_more():
    row = [Cell(3), Cell(2), Cell(7)]
    protect([row])
    assert [c.hidden for c in row] == [SMALL, SMALL, ""]


def test_secondary_suppression_of_rates_uses_the_numerators():
    column = [Cell(30, numerator=2), Cell(50, numerator=40), Cell(10, numerator=6)]
    protect([column])
    assert [c.hidden for c in column] == [SMALL, "", SECONDARY]


def test_rows_and_columns_are_protected_together_until_nothing_changes():
    # A 2 x 2 table of counts with totals shown for each row and each column.
    a, b, c, d = Cell(3), Cell(9), Cell(8), Cell(30)
    protect([[a, b], [c, d], [a, c], [b, d]])
    # a is small; b (its row) and c (its column) are hidden to protect it; then d, so that
    # neither the second row nor the second column has exactly one hidden cell.
    assert all(cell.hidden for cell in (a, b, c, d))
    for group in ([a, b], [c, d], [a, c], [b, d]):
        assert sum(1 for cell in group if cell.hidden) != 1


def test_a_group_whose_others_are_all_empty_is_left_alone():
    row = [Cell(3), Cell(0)]
    protect([row])
    assert [c.hidden for c in row] == [SMALL, ""]
