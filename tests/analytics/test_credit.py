"""Credit evaluation in the centre, on SQLite and PostgreSQL: grades with their contributions after a push,
the same grades from the whole-city batch, grade history, a change sent to the agency through pull, a new rule
version, red and black lists with an administrator's approval, audited."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from typing import Any

import pytest

from tests.analytics.city_events import build_town
from tests.console_workflows.centre_data import AGENCY_A, AGENCY_B, feed_of

NOW = dt.datetime(2026, 1, 15, 4, tzinfo=dt.UTC)


def _grades() -> dict[tuple[str, str], tuple[float, str, Any]]:
    from centre.analytics.models import CreditGrade

    return {(g.subject, g.subject_id): (g.score, g.grade, g.contributions) for g in CreditGrade.objects.all()}


def test_incremental_grades_equal_the_city_batch(users: dict[str, Any]) -> None:
    from centre.analytics import credit, facts
    from centre.analytics.models import CreditGrade, CreditGradeChange

    town = build_town(users)
    facts.refresh(NOW)
    incremental = _grades()
    workers = {w for w, _ in town["workers"]} | {town["transferred"]}
    assert {s for s, _ in incremental} == {"worker", "agency"}
    assert {i for s, i in incremental if s == "worker"} == workers
    assert {i for s, i in incremental if s == "agency"} == {AGENCY_A, AGENCY_B}
    assert CreditGradeChange.objects.count() == len(incremental)  # the first grade of each is its history's start
    CreditGrade.objects.all().delete()
    credit.grade_city(NOW)
    assert _grades() == incremental


def test_a_grade_shows_why_and_follows_the_person(users: dict[str, Any]) -> None:
    from centre.analytics import facts
    from centre.analytics.credit import grade_of

    town = build_town(users)
    facts.refresh(NOW)
    (w1, _), (w2, _) = town["workers"][:2]
    first = grade_of("worker", w1)
    assert first is not None
    codes = {c["code"]: c for c in first.contributions}
    assert codes["training"]["points"] == 7.6 and codes["integrity_positive"]["points"] > 0
    assert round(sum(c["points"] for c in first.contributions), 2) == first.score
    second = grade_of("worker", w2)
    assert second is not None
    assert {c["code"] for c in second.contributions} >= {"complaints", "integrity_negative", "evaluations"}
    # The transferred person brings nothing adverse but their record: their new uid is graded on the person.
    assert grade_of("worker", town["transferred"]) is not None


def test_a_changed_grade_reaches_the_agency_through_pull(users: dict[str, Any]) -> None:
    from centre.analytics import facts
    from centre.analytics.credit import grade_of
    from centre.analytics.models import CreditGradeChange
    from centre.sync.feed import post_check_result

    town = build_town(users)
    facts.refresh(NOW)
    w1, n1 = town["workers"][0]
    before = grade_of("worker", w1)
    assert before is not None and feed_of(AGENCY_A, "credit_grade") == []
    post_check_result(n1, "adverse")
    assert w1 in facts.refresh(NOW).workers  # the police check reaches the person's grade at the next catch-up
    after = grade_of("worker", w1)
    assert after is not None and after.grade != before.grade
    [item] = feed_of(AGENCY_A, "credit_grade")
    assert (item["subject"], item["subject_id"], item["previous"], item["grade"]) == ("worker", w1, before.grade,
                                                                                        after.grade)  # fmt: skip
    assert item["reasons"][0]["code"] == "background"
    history = list(CreditGradeChange.objects.filter(subject_id=w1).order_by("at", "id").values_list("previous", "grade"))
    assert history == [("", before.grade), (before.grade, after.grade)]


def test_a_new_rule_version_grades_from_the_next_recomputation(users: dict[str, Any]) -> None:
    from centre.analytics import credit, facts
    from centre.analytics.errors import CreditRefused

    build_town(users)
    facts.refresh(NOW)
    newer = copy.deepcopy(credit.active_rules().data)
    newer["version"] = 2
    newer["agency"]["base"] = 20
    credit.load_rules(newer, "admin-user", "stricter base")
    with pytest.raises(CreditRefused):
        credit.load_rules(newer, "admin-user")
    credit.grade_city(NOW)
    agency = credit.grade_of("agency", AGENCY_A)
    assert agency is not None and agency.rule_version == 2 and agency.contributions[0]["points"] == 20


def test_lists_need_another_administrator_and_are_audited(users: dict[str, Any]) -> None:
    from django.contrib.auth.models import Group, User

    from centre.analytics import credit_lists, facts
    from centre.analytics.credit import grade_of
    from centre.analytics.errors import CreditRefused
    from centre.audit.models import AuditEntry
    from centre.console.errors import RoleRefused

    town = build_town(users)
    facts.refresh(NOW)
    w1 = town["workers"][0][0]
    with pytest.raises(RoleRefused):
        credit_lists.propose(users["regulator"], "worker", w1, "black", "冒用他人证件")
    with pytest.raises(CreditRefused):
        credit_lists.propose(users["staff"], "worker", w1, "black", " ")
    entry = credit_lists.propose(users["admin"], "worker", w1, "black", "冒用他人证件", now=NOW)
    with pytest.raises(CreditRefused):  # the proposer does not approve their own proposal
        credit_lists.decide(users["admin"], entry.pk, True, "", now=NOW)
    with pytest.raises(RoleRefused):
        credit_lists.decide(users["staff"], entry.pk, True, "", now=NOW)
    second = User.objects.create_user("second-admin")
    second.groups.add(Group.objects.get(name="admin"))
    credit_lists.decide(second, entry.pk, True, "证据确凿", now=NOW)
    graded = grade_of("worker", w1)
    assert graded is not None and graded.grade == "1" and graded.listed == "black"
    credit_lists.propose_removal(users["staff"], entry.pk, "已满惩戒期", now=NOW)
    credit_lists.decide_removal(second, entry.pk, True, now=NOW)
    graded = grade_of("worker", w1)
    assert graded is not None and graded.listed == "" and graded.grade != "1"
    actions = list(AuditEntry.objects.filter(subject=f"worker:{w1}").order_by("id").values_list("action", flat=True))
    assert actions == ["credit.black_list.proposed", "credit.black_list.listed", "credit.black_list.removal_proposed",
                       "credit.black_list.delisted"]  # fmt: skip


def test_the_batch_gives_each_registration_of_a_person_the_person_s_whole_record(users: dict[str, Any]) -> None:
    """A person registered twice (a transfer) is graded on the person's record under either uid, also when the batch
    grades both uids in one page (each once took only the facts the other did not claim)."""
    from centre.analytics import credit, facts
    from centre.analytics.models import CreditGrade
    from centre.integrity import actions as integrity

    town = build_town(users)
    (released, number) = town["workers"][2]
    integrity.add_record(users["staff"], subject="worker", category="praise", description="表扬", evidence_note="表扬信",
                         valid_from=dt.date(2025, 9, 2), valid_to=dt.date(2026, 9, 1), id_number=number)  # fmt: skip
    facts.refresh(NOW)
    today, rules = credit.today_in_shanghai(NOW), credit.active_rules()
    alone = {}
    for uid in (released, town["transferred"]):
        CreditGrade.objects.all().delete()
        credit.grade_workers([uid], today, rules, NOW)
        alone[uid] = _grades()[("worker", uid)]
        assert "integrity_positive" in {c["code"] for c in alone[uid][2]}
    CreditGrade.objects.all().delete()
    credit.grade_city(NOW)
    assert {uid: _grades()[("worker", uid)] for uid in alone} == alone


def test_a_list_passed_as_one_array_reads_back_as_it_was(centre_db: str) -> None:
    """The one parameter any_of.py passes: PostgreSQL's text[] literal, SQLite's JSON array."""
    import json

    from django.db import connection

    from centre.analytics.any_of import text_array

    values = ["a", 'say "hi"', "back\\slash", "{braces}", "a,b", "NULL", "", " spaced ", "中文"]
    with connection.cursor() as cursor:
        if centre_db == "postgresql":
            cursor.execute("SELECT %s::text[]", [text_array(values)])
            assert cursor.fetchone()[0] == values
        else:
            cursor.execute("SELECT value FROM json_each(%s) ORDER BY key", [json.dumps(values)])
            assert [row[0] for row in cursor.fetchall()] == values


def test_the_city_cut_into_key_ranges_is_graded_whole_and_once(users: dict[str, Any]) -> None:
    """What each process of a large city's batch does (credit_batch.py): the workers cut into key ranges, every
    range taken once, the grades those of the event updates."""
    import multiprocessing

    from centre.analytics import credit, credit_batch, facts
    from centre.analytics.models import CreditGrade, FactWorker

    build_town(users)
    facts.refresh(NOW)
    incremental = {key: grade for key, grade in _grades().items() if key[0] == "worker"}
    CreditGrade.objects.all().delete()
    ranges = credit_batch.key_ranges(FactWorker.objects.count(), 3)
    assert len(ranges) == 3 and ranges[0][0] is None and ranges[-1][1] is None
    assert all(upto == after for (_, upto), (after, _) in itertools.pairwise(ranges))
    taken = multiprocessing.get_context("fork").Array("b", len(ranges))
    credit_batch.grade_ranges(taken, credit_batch.HERE, ranges, credit.today_in_shanghai(NOW), credit.active_rules(),
                              NOW)  # fmt: skip
    assert taken[:] == [credit_batch.HERE] * len(ranges)
    assert _grades() == incremental
