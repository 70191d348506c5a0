"""The credit rules as data (centre/analytics/credit_rules.py), without a database: a worker's grade with its
contributions, small-sample shrinkage, decay of old complaints, the lists, and rule versions."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from centre.analytics.credit_rules import (
    AgencyEvidence,
    Dated,
    RuleSet,
    RuleSetInvalid,
    WorkerEvidence,
    decayed,
    grade_agency,
    grade_worker,
    shrunk_mean,
)  # fmt: skip

TODAY = dt.date(2026, 1, 15)
RULES = RuleSet.default()


def _good_worker(**change: object) -> WorkerEvidence:
    ev = WorkerEvidence(background="clear", training_passed=True, best_training=90.0, health_valid=True,
                        insurance_valid=True, evaluations=(46.0, 10), contracts=6)  # fmt: skip
    for key, value in change.items():
        setattr(ev, key, value)
    return ev


def test_a_worker_grade_is_the_sum_of_named_contributions() -> None:
    graded = grade_worker(RULES, _good_worker(), TODAY)
    points = {c.code: round(c.points, 2) for c in graded.contributions}
    # base 60, clear check 10, training 6 + (90-80)×0.2, health 5, insurance 5,
    # evaluations 8 × ((46 + 4×5)/15 − 4) = 3.2, six contracts × 0.5 = 3
    assert points == {"base": 60, "background": 10, "training": 8, "health": 5, "insurance": 5,
                      "evaluations": 3.2, "experience": 3}  # fmt: skip
    assert graded.score == pytest.approx(sum(points.values())) and graded.score == 94.2
    assert graded.grade == "5"
    assert {c.code: c.label.zh for c in graded.contributions}["background"] == "背景审查"
    missing = grade_worker(RULES, _good_worker(health_valid=False, insurance_valid=False, background="none"), TODAY)
    assert missing.score == pytest.approx(94.2 - 15 - 10 - 8) and missing.grade == "2"  # none −5, missing −5, −3


def test_few_ratings_are_pulled_towards_the_prior() -> None:
    assert shrunk_mean(15.0, 3, 4.0, 5) == pytest.approx(4.375)
    assert shrunk_mean(250.0, 50, 4.0, 5) == pytest.approx(4.909, abs=1e-3)
    three = grade_worker(RULES, _good_worker(evaluations=(15.0, 3)), TODAY)
    fifty = grade_worker(RULES, _good_worker(evaluations=(250.0, 50)), TODAY)
    bad_three = grade_worker(RULES, _good_worker(evaluations=(3.0, 3)), TODAY)
    assert three.score < fifty.score
    evaluation = {c.code: c.points for c in bad_three.contributions}["evaluations"]
    assert evaluation == pytest.approx(8 * ((3 + 20) / 8 - 4))  # three 1-star ratings: −9, not −24


def test_an_upheld_complaint_weighs_less_as_it_ages() -> None:
    assert decayed(TODAY, TODAY, 365) == 1.0
    assert decayed(TODAY - dt.timedelta(days=365), TODAY, 365) == pytest.approx(0.5)
    fresh = grade_worker(RULES, _good_worker(upheld_complaints=[Dated(TODAY, "serious")]), TODAY)
    old = grade_worker(RULES, _good_worker(upheld_complaints=[Dated(TODAY - dt.timedelta(days=730), "serious")]), TODAY)
    assert {c.code: c.points for c in fresh.contributions}["complaints"] == -15
    assert {c.code: c.points for c in old.contributions}["complaints"] == pytest.approx(-3.75)
    expired = Dated(TODAY - dt.timedelta(days=10), "negative", valid_to=TODAY - dt.timedelta(days=1))
    assert "integrity_negative" not in {c.code for c in grade_worker(RULES, _good_worker(integrity=[expired]),
                                                                      TODAY).contributions}  # fmt: skip


def test_black_list_gives_the_lowest_grade_and_red_a_bonus() -> None:
    black = grade_worker(RULES, _good_worker(listed="black"), TODAY)
    assert black.grade == "1" and black.score == 94.2 and black.contributions[-1].code == "black_list"
    red = grade_worker(RULES, _good_worker(listed="red"), TODAY)
    assert red.score == 99.2


def test_an_agency_grade_names_its_complaint_rate_and_penalties() -> None:
    ev = AgencyEvidence(admitted=True, profile_complete=True, licence=True, workers=100, certified=60,
                        contracts_in_window=400, upheld_in_window=6, resolution_days=(90.0, 9),
                        evaluations=(880.0, 200), penalties=[Dated(TODAY - dt.timedelta(days=30), "negative")])  # fmt: skip
    graded = grade_agency(RULES, ev, TODAY)
    points = {c.code: round(c.points, 2) for c in graded.contributions}
    assert points["certified_share"] == 9.0  # 60% of the 80% target × 12
    assert points["complaints_per_100"] == -4.5  # 1.5 per 100 contracts × 3
    assert points["resolution_days"] == -3.0  # a mean of 10 days, 3 over the target
    assert points["penalties"] == pytest.approx(-10 * 0.5 ** (30 / 730), abs=0.01)
    assert graded.grade == RULES.grade("agency", graded.score)


def test_rule_versions_are_data() -> None:
    newer = copy.deepcopy(RULES.data)
    newer["version"] = 2
    newer["worker"]["background"]["clear"] = 0
    v2 = RuleSet.from_json(newer)
    assert grade_worker(v2, _good_worker(), TODAY).score == grade_worker(RULES, _good_worker(), TODAY).score - 10
    broken = copy.deepcopy(newer)
    del broken["agency"]
    with pytest.raises(RuleSetInvalid):
        RuleSet.from_json(broken)
    upside_down = copy.deepcopy(newer)
    upside_down["worker_grades"] = [[0, "1"], [90, "5"]]
    with pytest.raises(RuleSetInvalid):
        RuleSet.from_json(upside_down)


def test_the_same_evidence_summed_in_another_order_makes_the_same_score() -> None:
    """The database adds ratings and days in whatever order it reads them: the last bits of the sum differ, the
    score (to its second decimal) and every contribution must not."""
    import random

    rng = random.Random(7)
    ratings = [round(rng.uniform(1, 5), 2) for _ in range(999)]
    days = [rng.randint(1, 40) / 4 for _ in range(99)]
    forward, backward = sum(ratings), sum(reversed(ratings))
    assert forward != backward  # otherwise the test shows nothing
    graded = [grade_agency(RULES, AgencyEvidence(admitted=True, workers=100, certified=60, contracts_in_window=400,
                                                 upheld_in_window=6, resolution_days=(sum(order_days), len(days)),
                                                 evaluations=(total, len(ratings))), TODAY)
              for total, order_days in ((forward, days), (backward, list(reversed(days))))]  # fmt: skip
    assert graded[0].score == graded[1].score
    assert [c.points for c in graded[0].contributions] == [c.points for c in graded[1].contributions]
