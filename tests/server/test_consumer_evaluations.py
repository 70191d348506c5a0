"""Evaluations at the data layer, against a real centre process on SQLite and on PostgreSQL (tests/server's
`live_server`), over plain HTTP: one evaluation per contract, changed only by the browser that made it, a code
that cannot move to another contract, bounds on scores and comments, the per-code rate limit, and the feed item
the agency pulls (again, with the next revision, when the client changes it)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.server.centre_builders import push_worker
from tests.sync.conftest import Terminal
from tests.sync.liveserver import LiveServer
from wirecontract import evalslip
from wirecontract.evalslip import FEED_KIND, SlipClaims

TODAY = dt.date.today()
DIMENSIONS = ("punctuality", "skill", "attitude", "honesty", "hygiene", "communication")


def slip_url(server: LiveServer, term: Terminal, worker_uid: str, contract_uid: str, code: str | None = None) -> str:
    claims = SlipClaims(code or evalslip.slip_code(term.key, contract_uid), contract_uid, worker_uid, "王**", "测试家政",
                        "cleaning", TODAY, TODAY + dt.timedelta(days=30), TODAY)  # fmt: skip
    return evalslip.encode(claims, term.key, server.url)


class Phone:
    """One browser: its own cookies (the CSRF token and the evaluating browser's token)."""

    def __init__(self) -> None:
        self.session = requests.Session()

    def rate(self, url: str, score: int, comment: str = "") -> requests.Response:
        page = self.session.get(url, timeout=30)
        token = self.session.cookies.get("csrftoken") or ""
        assert page.status_code == 200, page.text[:300]
        data = {"csrfmiddlewaretoken": token, "comment": comment, **dict.fromkeys(DIMENSIONS, str(score))}
        return self.session.post(url, data=data, headers={"Referer": url}, timeout=30)


def consumer_items(server: LiveServer, term: Terminal) -> list[dict[str, object]]:
    page = term.client(server.url, timeout=60).pull(None, 500)
    return [dict(c["data"]) for c in page.changes if c["kind"] == FEED_KIND]


def test_one_evaluation_per_contract_changed_by_its_browser_and_pulled(
    live_server: LiveServer, terminal: Terminal
) -> None:
    worker_uid = push_worker(terminal.client(live_server.url))
    contract = uuid.uuid4().hex
    url = slip_url(live_server, terminal, worker_uid, contract)
    mine, other = Phone(), Phone()

    assert mine.rate(url, 4, "准时").status_code == 200
    changed = mine.rate(url, 2, "第二次来迟到了")
    assert changed.status_code == 200 and "评价已修改" in changed.text
    refused = other.rate(url, 5)
    assert refused.status_code == 409 and "已评价过" in refused.text

    # The same code signed into a slip for another contract (a terminal trying to reuse it): refused.
    moved = slip_url(
        live_server, terminal, worker_uid, uuid.uuid4().hex, code=evalslip.slip_code(terminal.key, contract)
    )
    assert Phone().rate(moved, 5).status_code == 409

    [item] = [i for i in consumer_items(live_server, terminal) if i["contract_uid"] == contract][-1:]
    assert item["revision"] == 2 and item["overall"] == 2.0 and item["comment"] == "第二次来迟到了"
    assert item["worker_uid"] == worker_uid
    rows = live_server.query(
        "SELECT overall, revision, comment FROM consumer_evaluations WHERE contract_uid = ?", contract
    )
    assert rows == [(2.0, 2, "第二次来迟到了")]


def test_bounds_and_the_per_code_rate_limit(live_server: LiveServer, terminal: Terminal) -> None:
    worker_uid = push_worker(terminal.client(live_server.url))
    url = slip_url(live_server, terminal, worker_uid, uuid.uuid4().hex)
    phone = Phone()
    assert phone.rate(url, 6).status_code == 400  # off the 1..5 scale
    assert phone.rate(url, 0).status_code == 400
    too_long = phone.rate(url, 3, "长" * 301)
    assert too_long.status_code == 400 and "过长" in too_long.text
    assert live_server.query("SELECT count(*) FROM consumer_evaluations WHERE worker_uid = ?", worker_uid) == [(0,)]
    answers = [Phone().rate(url, 3).status_code for _ in range(8)]  # 3 + 8 = 11 writes on one code (10/h)
    assert answers[0] == 200 and 409 in answers and answers[-1] == 429


def test_first_evaluations_at_once_one_is_kept_the_others_refused(live_server: LiveServer, terminal: Terminal) -> None:
    worker_uid = push_worker(terminal.client(live_server.url))
    contract = uuid.uuid4().hex
    url = slip_url(live_server, terminal, worker_uid, contract)
    phones = [Phone() for _ in range(5)]
    for phone in phones:  # each has its form (and CSRF cookie) before any of them posts
        assert phone.session.get(url, timeout=30).status_code == 200
    start = threading.Barrier(len(phones))

    def post(phone: Phone) -> int:
        token = phone.session.cookies.get("csrftoken") or ""
        data = {"csrfmiddlewaretoken": token, **dict.fromkeys(DIMENSIONS, "4")}
        start.wait(timeout=30)
        return phone.session.post(url, data=data, headers={"Referer": url}, timeout=60).status_code

    with ThreadPoolExecutor(len(phones)) as pool:
        answers = sorted(pool.map(post, phones))
    assert answers == [200] + [409] * (len(phones) - 1)
    assert live_server.query("SELECT count(*) FROM consumer_evaluations WHERE contract_uid = ?", contract) == [(1,)]
