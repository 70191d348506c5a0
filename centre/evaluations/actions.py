"""Evaluating a service from its slip: one evaluation per contract, changed only by the browser that made it and
only within 7 days; it goes to the agency through the pull feed and into the worker's summary."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, QuerySet

from centre.evaluations import errors as e
from centre.evaluations.errors import EvaluationRefused
from centre.evaluations.models import Evaluation
from centre.evaluations.slips import TrustedSlip
from centre.evaluations.standard import standard
from centre.subqueries import Ref, deeper
from centre.sync import feed
from centre.sync.models import IdentityRegistration
from wirecontract.evalslip import FEED_KIND
from wirecontract.protocol import iso, utc_now

CHANGE_WINDOW = dt.timedelta(days=7)
COMMENT_LIMIT = 300


@dataclass(frozen=True)
class Summary:
    mean: float | None
    count: int


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def clean_comment(text: str) -> str:
    """Plain text: control characters dropped (a newline kept), trimmed, bounded. Markup stays text: every page
    escapes it, the terminal shows it in plain-text widgets."""
    kept = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch)[0] != "C").strip()
    if len(kept) > COMMENT_LIMIT:
        raise EvaluationRefused(why=e.TOO_LONG)
    return kept


def clean_scores(raw: dict[str, Any]) -> dict[str, int]:
    std = standard()
    scores: dict[str, int] = {}
    for code in std.codes:
        try:
            value = int(str(raw.get(code, "")))
        except ValueError as err:
            raise EvaluationRefused(why=e.BAD_SCORES) from err
        if not std.low <= value <= std.high:
            raise EvaluationRefused(why=e.BAD_SCORES)
        scores[code] = value
    return scores


def existing(contract_uid: str) -> Evaluation | None:
    return Evaluation.objects.filter(contract_uid=contract_uid).first()


def may_change(evaluation: Evaluation, token: str | None, now: dt.datetime) -> bool:
    return (
        token is not None
        and evaluation.editor_hash == token_hash(token)
        and now - evaluation.created_at <= CHANGE_WINDOW
    )


def evaluate(slip: TrustedSlip, raw_scores: dict[str, Any], comment: str, token: str,
             now: dt.datetime | None = None) -> Evaluation:  # fmt: skip
    """Save (or change) the contract's evaluation and tell the agency. `token` is the evaluating browser's secret."""
    now = now or utc_now()
    scores, text = clean_scores(raw_scores), clean_comment(comment)
    try:
        return _save(slip, scores, text, token, now)
    except IntegrityError as err:  # another browser's first evaluation of this contract (or code) won the race
        raise EvaluationRefused(why=e.ALREADY) from err


def _save(slip: TrustedSlip, scores: dict[str, int], text: str, token: str, now: dt.datetime) -> Evaluation:
    claims = slip.claims
    with transaction.atomic():
        row = Evaluation.objects.select_for_update().filter(contract_uid=claims.contract_uid).first()
        if row is None:
            if Evaluation.objects.filter(code=claims.code).exists():
                raise EvaluationRefused(why=e.CODE_USED_ELSEWHERE)
            row = Evaluation(uid=uuid.uuid4().hex, contract_uid=claims.contract_uid, code=claims.code,
                             worker_uid=claims.worker_uid, agency_id=slip.agency_id, service_type=claims.service_code,
                             editor_hash=token_hash(token), created_at=now, revision=0)  # fmt: skip
        elif row.editor_hash != token_hash(token):
            raise EvaluationRefused(why=e.ALREADY)
        elif now - row.created_at > CHANGE_WINDOW:
            raise EvaluationRefused(why=e.TOO_LATE)
        row.scores, row.comment, row.updated_at = scores, text, now
        row.overall = round(sum(scores.values()) / len(scores), 2)
        row.revision += 1
        row.save()
        feed.post(FEED_KIND, {
            "uid": row.uid, "contract_uid": row.contract_uid, "worker_uid": row.worker_uid, "scores": scores,
            "overall": row.overall, "comment": text, "revision": row.revision, "at": iso(now),
        }, slip.agency_id, now)  # fmt: skip
    return row


def counted_evaluations(worker: Ref) -> QuerySet[Evaluation]:
    """The evaluations a worker's summary counts: only slips of the worker's own agency. Another agency's slip
    naming the worker before the worker reached the centre (when check_slip had no registration to refuse it by)
    does not count."""
    agencies = IdentityRegistration.objects.filter(worker_uid=deeper(worker)).values("agency_id")
    return Evaluation.objects.filter(worker_uid=worker, agency_id__in=agencies)


def summary_of(mean: float | Decimal | None, count: int | None) -> Summary:
    return Summary(round(float(mean), 1) if mean is not None else None, int(count or 0))


def summary(worker_uid: str) -> Summary:
    if not worker_uid:
        return Summary(None, 0)
    found = counted_evaluations(worker_uid).aggregate(mean=Avg("overall"), count=Count("uid"))
    return summary_of(found["mean"], found["count"])
