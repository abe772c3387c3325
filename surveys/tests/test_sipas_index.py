"""The SIPAS formulas against tables computed by hand."""

import pytest

from surveys.sipas import criterion_index, criterion_index_from_counts, index_of, mean


@pytest.mark.parametrize(
    ("answers", "index"),
    [
        ([5, 4, 3, 2], 50.0),  # 2 of 4 satisfied or very satisfied
        ([5, 5, 5], 100.0),
        ([1, 2, 3], 0.0),
        ([4, None, 1, None], 50.0),  # unanswered boxes are not counted
        ([None, None], None),  # nobody answered: no index, not 0
        ([], None),
    ],
)
def test_a_criterion_is_the_share_of_satisfied_answers(answers, index):
    assert criterion_index(answers) == index


def test_an_answer_off_the_scale_is_refused():
    with pytest.raises(ValueError):
        criterion_index([6])
    with pytest.raises(ValueError):
        criterion_index_from_counts(answered=2, satisfied=3)


def test_counts_give_the_same_index():
    assert criterion_index_from_counts(answered=8, satisfied=6) == 75.0
    assert criterion_index_from_counts(answered=0, satisfied=0) is None


def test_factors_and_the_overall_index_by_hand():
    # Factor 1: criteria 100, 50 → 75. Factor 2: 80, 60, 70 → 70. Factor 3: 90 → 90.
    # Factor 4: 40, 60 → 50. Factor 5: 100, 80 → 90. Overall: (75+70+90+50+90)/5 = 75.
    result = index_of(
        {
            1: {1: 100.0, 2: 50.0},
            2: {1: 80.0, 2: 60.0, 3: 70.0},
            3: {1: 90.0},
            4: {1: 40.0, 2: 60.0},
            5: {1: 100.0, 2: 80.0},
        }
    )
    assert result.factors == {1: 75.0, 2: 70.0, 3: 90.0, 4: 50.0, 5: 90.0}
    assert result.overall == 75.0
    assert result.empty_factors == ()


def test_unanswered_criteria_do_not_pull_their_factor_down():
    # Factor 1's criterion 2 nobody answered: the factor is criterion 1 alone.
    result = index_of({1: {1: 60.0, 2: None}, 2: {1: 80.0}})
    assert result.factors[1] == 60.0 and result.overall == 70.0


def test_an_empty_factor_is_named_and_left_out_of_the_mean():
    # Factor 5 (feedback handling) unanswered: overall = (80+60+70+90)/4 = 75.
    result = index_of(
        {1: {1: 80.0}, 2: {1: 60.0}, 3: {1: 70.0}, 4: {1: 90.0}, 5: {1: None, 2: None}}
    )
    assert result.factors[5] is None
    assert result.empty_factors == (5,)
    assert result.overall == 75.0


def test_nothing_answered_gives_no_index_at_all():
    result = index_of({1: {1: None}, 2: {}})
    assert result.overall is None and result.empty_factors == (1, 2)
    assert mean([]) is None
