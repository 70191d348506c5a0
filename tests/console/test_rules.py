"""The console's rules on their own (no Django): what a query means, pinyin forms, admission decisions, the idle
time-out, the audit hash and spreadsheet-safe cells."""

from __future__ import annotations

import pytest

from centre.audit.hashing import GENESIS, entry_hash
from centre.console.admission_rules import Admission, check_decision
from centre.console.errors import AdmissionRefused
from centre.console.export import safe_cell
from centre.console.idle import idle_expired, needs_touch
from centre.console.search_rules import QueryKind, pinyin_forms, prefix_upper_bound, read_query


@pytest.mark.parametrize(("typed", "kind", "text"), [
    ("王秀英", QueryKind.NAME, "王秀英"),
    (" 王 秀", QueryKind.NAME, "王秀"),
    ("wangxiu", QueryKind.PINYIN, "wangxiu"),
    ("WXY", QueryKind.PINYIN, "wxy"),
    ("310104197803120004", QueryKind.ID_FULL, "310104197803120004"),
    ("31010419780312000x", QueryKind.ID_FULL, "31010419780312000X"),
    ("３１０１０４１９７８０３１２０００４", QueryKind.ID_FULL, "310104197803120004"),  # full-width digits
    ("0004", QueryKind.ID_SUFFIX, "0004"),
    ("12000x", QueryKind.ID_SUFFIX, "12000X"),
    ("13800138001", QueryKind.PHONE, "13800138001"),
    ("sh2026090100001", QueryKind.CREDENTIAL, "SH2026090100001"),
])  # fmt: skip
def test_a_query_is_read_by_its_shape(typed: str, kind: QueryKind, text: str) -> None:
    query = read_query(typed)
    assert query is not None and (query.kind, query.text) == (kind, text)


@pytest.mark.parametrize("typed", ["", "   ", "12", "a1b2", "!!"])
def test_meaningless_queries_are_none(typed: str) -> None:
    assert read_query(typed) is None


def test_a_chosen_kind_wins_over_the_guess() -> None:
    query = read_query("13800138001", "id_suffix")
    assert query is not None and query.kind is QueryKind.ID_SUFFIX
    assert read_query("王", "nonsense") == read_query("王")


def test_pinyin_forms_and_prefix_bound() -> None:
    assert pinyin_forms("王秀英") == ("wangxiuying", "wxy")
    assert pinyin_forms("") == ("", "")
    bound = prefix_upper_bound("wang")
    assert "wang" < "wangxiuying" < bound and bound < "wanh"


def test_admission_decisions_follow_the_states() -> None:
    assert check_decision(Admission.PENDING, "admitted", "  资料 齐全 ") == (Admission.ADMITTED, "资料 齐全")
    for current, wanted in ((Admission.PENDING, "suspended"), (Admission.ADMITTED, "admitted"),
                            (Admission.REFUSED, "suspended"), (Admission.PENDING, "bogus")):  # fmt: skip
        with pytest.raises(AdmissionRefused):
            check_decision(current, wanted, "a reason")
    with pytest.raises(AdmissionRefused) as no_reason:
        check_decision(Admission.ADMITTED, "suspended", " ")
    assert "请写明理由" in no_reason.value.message("zh") and "give a reason" in no_reason.value.message("en")
    with pytest.raises(AdmissionRefused):
        check_decision(Admission.ADMITTED, "suspended", "x" * 1001)


def test_the_idle_rule() -> None:
    assert not idle_expired(None, 1000.0, 60)
    assert not idle_expired(1000.0, 1060.0, 60)
    assert idle_expired(1000.0, 1060.5, 60)
    assert not idle_expired(1000.0, 99999.0, 0)  # 0 turns the time-out off
    assert needs_touch(None, 5.0) and not needs_touch(100.0, 110.0) and needs_touch(100.0, 130.0)


def test_each_audit_hash_covers_every_field_and_the_one_before() -> None:
    base = entry_hash(1, "2026-01-01T00:00:00+00:00", "alice", "worker.trace.view", "worker:w1", {"a": 1}, GENESIS)
    assert len(base) == 64
    changed = [
        entry_hash(2, "2026-01-01T00:00:00+00:00", "alice", "worker.trace.view", "worker:w1", {"a": 1}, GENESIS),
        entry_hash(1, "2026-01-01T00:00:01+00:00", "alice", "worker.trace.view", "worker:w1", {"a": 1}, GENESIS),
        entry_hash(1, "2026-01-01T00:00:00+00:00", "bob", "worker.trace.view", "worker:w1", {"a": 1}, GENESIS),
        entry_hash(1, "2026-01-01T00:00:00+00:00", "alice", "staff.add", "worker:w1", {"a": 1}, GENESIS),
        entry_hash(1, "2026-01-01T00:00:00+00:00", "alice", "worker.trace.view", "worker:w2", {"a": 1}, GENESIS),
        entry_hash(1, "2026-01-01T00:00:00+00:00", "alice", "worker.trace.view", "worker:w1", {"a": 2}, GENESIS),
        entry_hash(1, "2026-01-01T00:00:00+00:00", "alice", "worker.trace.view", "worker:w1", {"a": 1}, "1" * 64),
    ]
    assert base not in changed and len(set(changed)) == len(changed)


def test_spreadsheet_cells_never_run_as_formulas() -> None:
    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert safe_cell("+86 138") == "'+86 138" and safe_cell("@x") == "'@x"
    assert safe_cell("王秀英") == "王秀英" and safe_cell(5) == 5
