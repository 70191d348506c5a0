"""Police-check use cases (公安核查) for the liaison: who needs a check, exporting a batch, importing a result file
(read, checked row by row, previewed, then applied whole), and entering one result by hand with a reason. Each
checks the role, runs in one transaction and writes its audit entry. A posted result goes to the person's agency
through pull (`background_check`) and, when adverse, blocks credentials at the centre and at the terminal."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, QuerySet, Subquery

from centre.audit import record
from centre.audit.chain import actor_name
from centre.console.errors import ConsoleError
from centre.console.roles import Role, check_role
from centre.policecheck.idnumbers import checked_id_number
from centre.policecheck.models import CheckBatch, CheckRequest, CheckResultEntry, ResultImport
from centre.policecheck.sheet import RESULT_TEXT, ResultRow, SheetRow, batch_workbook, read_result_file
from centre.sync import feed
from centre.sync.models import BackgroundCheck, IdentityRegistration, Record
from wirecontract.errors import ExplainedError, Text
from wirecontract.protocol import utc_now

LIAISON = (Role.POLICE,)
VIEW = (Role.POLICE, Role.STAFF, Role.ADMIN, Role.REGULATOR)
DEFAULT_BATCH_SIZE = 500


class CheckRefused(ConsoleError):
    code = "police_check_refused"
    zh_template = "公安核查：{why}"
    en_template = "Police check: {why}"


def recheck_days() -> int:
    return int(getattr(settings, "CENTRE_RECHECK_DAYS", 365))


def needing_check(actor: Any, now: dt.datetime | None = None) -> QuerySet[IdentityRegistration]:
    """Persons registered with an agency now who were never checked (new) or whose latest check is older than
    the re-check interval, and who are not waiting in a batch already."""
    check_role(actor, *VIEW)
    return _needing(now or utc_now())


def _needing(now: dt.datetime) -> QuerySet[IdentityRegistration]:
    cutoff = now - dt.timedelta(days=recheck_days())
    latest = BackgroundCheck.objects.filter(id_number=OuterRef("id_number")).values("id_number").annotate(
        at=Max("checked_at")).values("at")  # fmt: skip
    waiting = CheckRequest.objects.filter(id_number=OuterRef("id_number"), result="")
    rows = IdentityRegistration.objects.filter(released_at__isnull=True).annotate(
        last_checked=Subquery(latest), waiting=Exists(waiting))  # fmt: skip
    return rows.filter(waiting=False).filter(last_checked__isnull=True) | rows.filter(
        waiting=False, last_checked__lt=cutoff)  # fmt: skip


def export_batch(actor: Any, size: int = DEFAULT_BATCH_SIZE, now: dt.datetime | None = None) -> CheckBatch:
    """Put up to `size` persons who need a check into a new batch (new registrations first)."""
    check_role(actor, *LIAISON)
    if not 1 <= size <= 10_000:
        raise CheckRefused(why=Text("每批 1 至 10000 人", "a batch holds 1 to 10,000 persons"))
    now = now or utc_now()
    with transaction.atomic():
        never_first = F("last_checked").asc(nulls_first=True)  # the same order on SQLite and PostgreSQL
        people = list(_needing(now).order_by(never_first, "registered_at", "id")[:size])
        if not people:
            raise CheckRefused(why=Text("目前没有需要核查的人员", "nobody needs a check now"))
        batch = CheckBatch.objects.create(uid=uuid.uuid4().hex, number=_batch_number(now), created_at=now,
                                          created_by=actor_name(actor), size=len(people))  # fmt: skip
        names = _names({p.worker_uid for p in people})
        CheckRequest.objects.bulk_create(
            CheckRequest(batch=batch, row_no=i, id_number=p.id_number, name=names.get(p.worker_uid, ""),
                         agency_id=p.agency_id, reason="recheck" if getattr(p, "last_checked", None) else "new")
            for i, p in enumerate(people, start=1))  # fmt: skip
        record(actor, "policecheck.batch.created", f"batch:{batch.number}", {"size": batch.size})
        return batch


def batch_file(actor: Any, batch_uid: str) -> tuple[str, bytes]:
    """The batch as the xlsx the population/criminal-record system takes (full ID numbers leave the centre here:
    audited)."""
    check_role(actor, *LIAISON)
    batch = CheckBatch.objects.filter(pk=batch_uid).first()
    if batch is None:
        raise CheckRefused(why=Text("找不到该批次", "no such batch"))
    rows = [SheetRow(batch.number, r.id_number, r.name) for r in batch.requests.order_by("row_no")]
    record(actor, "policecheck.batch.exported", f"batch:{batch.number}", {"rows": len(rows)})
    return f"核查批次-{batch.number}.xlsx", batch_workbook(rows)


@dataclass(frozen=True)
class ImportOutcome:
    """A file read: refused (`file_error` or rows with errors; nothing stored) or previewed (`run`)."""

    rows: list[ResultRow]
    file_error: ExplainedError | None = None
    run: ResultImport | None = None

    @property
    def refused(self) -> bool:
        return self.run is None


def read_results(actor: Any, filename: str, data: bytes, now: dt.datetime | None = None) -> ImportOutcome:
    """Read and check a result file against its batch. A refused file changes nothing; a good one is kept as a
    preview for the liaison to confirm (`apply_results`)."""
    check_role(actor, *LIAISON)
    try:
        rows = read_result_file(data)
    except ExplainedError as error:
        record(actor, "policecheck.import.refused", f"file:{filename[:80]}", {"why": error.code})
        return ImportOutcome([], file_error=error)
    batch = _check_rows(rows)
    if batch is None or any(row.errors for row in rows):
        record(actor, "policecheck.import.refused", f"file:{filename[:80]}",
               {"rows_with_errors": sum(1 for r in rows if r.errors)})  # fmt: skip
        return ImportOutcome(rows)
    now = now or utc_now()
    with transaction.atomic():
        run = ResultImport.objects.create(
            uid=uuid.uuid4().hex, batch=batch, filename=filename[:200], sha256=hashlib.sha256(data).hexdigest(),
            rows=[{"line": r.line, "row_no": int(r.row_no), "id_number": r.id_number, "name": r.name,
                   "result": r.result, "note": r.note[:500]} for r in rows],
            uploaded_by=actor_name(actor), uploaded_at=now)  # fmt: skip
        record(actor, "policecheck.import.previewed", f"batch:{batch.number}", {"rows": len(rows), "import": run.uid})
    return ImportOutcome(rows, run=run)


def _check_rows(rows: list[ResultRow]) -> CheckBatch | None:
    """Each row against the batch it names: one batch per file, its own rows, valid numbers, each person once,
    each still waiting for a result. Adds the errors to the rows; returns the batch when the file names one."""
    numbers = {row.batch for row in rows if row.batch}
    batch = CheckBatch.objects.filter(number=next(iter(numbers))).first() if len(numbers) == 1 else None
    if len(numbers) > 1:
        for row in rows:
            row.errors.append(Text("一个文件只能是一个批次的结果", "one file answers one batch"))
    elif batch is None:
        for row in rows:
            row.errors.append(Text(f"批次号“{row.batch}”不存在" if row.batch else "未填批次号",
                                   f"there is no batch '{row.batch}'" if row.batch else "no batch number"))  # fmt: skip
        return None
    requests = {r.row_no: r for r in batch.requests.all()} if batch else {}
    seen_numbers: dict[str, int] = {}
    seen_rows: dict[str, int] = {}
    for row in rows:
        try:
            row.id_number = checked_id_number(row.id_number)
        except ExplainedError as error:
            row.errors.append(Text(error.message("zh"), error.message("en")))
            continue
        if row.id_number in seen_numbers:
            row.errors.append(Text(f"与第 {seen_numbers[row.id_number]} 行是同一人", f"the same person as row "
                                   f"{seen_numbers[row.id_number]}"))  # fmt: skip
            continue
        seen_numbers[row.id_number] = row.line
        if row.row_no in seen_rows:
            row.errors.append(Text(f"序号与第 {seen_rows[row.row_no]} 行重复", f"the same row number as row "
                                   f"{seen_rows[row.row_no]}"))  # fmt: skip
            continue
        seen_rows[row.row_no] = row.line
        request = requests.get(int(row.row_no)) if row.row_no.isascii() and row.row_no.isdigit() else None
        if request is None or request.id_number != row.id_number:
            row.errors.append(Text("此人不在该批次的这一序号上", "this person is not at this row of the batch"))
        elif request.result:
            row.errors.append(Text("该人员在本批次已有结果", "this person already has a result in this batch"))
    return batch


def apply_results(actor: Any, import_uid: str, now: dt.datetime | None = None) -> int:
    """Apply a previewed file: every row's result is posted to the person's agency, in one transaction."""
    check_role(actor, *LIAISON)
    now = now or utc_now()
    with transaction.atomic():
        run = ResultImport.objects.select_for_update().filter(pk=import_uid).first()
        if run is None:
            raise CheckRefused(why=Text("找不到该导入", "no such import"))
        if run.status != "previewed":
            raise CheckRefused(why=Text("该文件已导入", "this file was already applied"))
        requests = {r.row_no: r for r in CheckRequest.objects.select_for_update().filter(batch=run.batch)}
        for row in run.rows:
            request = requests[int(row["row_no"])]
            if request.result:  # answered by hand since the preview: the file must not overwrite it silently
                raise CheckRefused(why=Text(f"第 {row['line']} 行的人员已有结果，请重新导入", f"row {row['line']} was "
                                            "answered since the preview: import the file again"))  # fmt: skip
            _post(actor, row["id_number"], row["result"], "import", now, batch=run.batch, run=run,
                  reason=str(row.get("note") or ""), request=request)  # fmt: skip
        run.status, run.applied_at = "applied", now
        run.save()
        record(actor, "policecheck.import.applied", f"batch:{run.batch.number}", {"rows": len(run.rows)})
        return len(run.rows)


def enter_result(actor: Any, id_number: str, result: str, reason: str, now: dt.datetime | None = None) -> None:
    """One result by hand (a telephone answer, a correction), with the reason it is entered so."""
    check_role(actor, *LIAISON)
    number = checked_id_number(id_number)
    if result not in RESULT_TEXT:
        raise CheckRefused(why=Text("请选择核查结果", "choose a result"))
    reason = (reason or "").strip()
    if not reason:
        raise CheckRefused(why=Text("手工录入须写明原因", "a result entered by hand needs its reason"))
    if not IdentityRegistration.objects.filter(id_number=number).exists():
        raise CheckRefused(why=Text("中心没有登记此人", "the centre has no registration of this person"))
    now = now or utc_now()
    with transaction.atomic():
        request = CheckRequest.objects.select_for_update().filter(id_number=number, result="").order_by("id").first()
        _post(actor, number, result, "manual", now, batch=request.batch if request else None, reason=reason[:500],
              request=request)  # fmt: skip


def _post(actor: Any, number: str, result: str, source: str, now: dt.datetime, *, batch: CheckBatch | None = None,
          run: ResultImport | None = None, reason: str = "", request: CheckRequest | None = None) -> None:  # fmt: skip
    decision = feed.post_check_result(number, result)
    CheckResultEntry.objects.create(id_number=number, result=result, source=source, batch=batch, import_run=run,
                                    reason=reason, entered_by=actor_name(actor), entered_at=now,
                                    decision_seq=decision.seq)  # fmt: skip
    if request is not None:
        request.result, request.answered_at = result, now
        request.save(update_fields=["result", "answered_at"])
    if source == "manual":
        record(actor, "policecheck.result.entered", f"person:{number[-4:]}", {"result": result, "reason": reason[:200]})


def batches(actor: Any) -> QuerySet[CheckBatch]:
    check_role(actor, *VIEW)
    return CheckBatch.objects.order_by("-created_at")


def _batch_number(now: dt.datetime) -> str:
    prefix = f"HC{now:%y%m%d}-"
    today = CheckBatch.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{today + 1:02d}"


def _names(worker_uids: set[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    uids = sorted(worker_uids)
    for i in range(0, len(uids), 500):
        for uid, data in Record.objects.filter(entity="worker", entity_uid__in=uids[i : i + 500]).values_list(
                "entity_uid", "data"):  # fmt: skip
            identity = data.get("identity") if isinstance(data, dict) else None
            names[uid] = str(identity.get("name") or "") if isinstance(identity, dict) else ""
    return names
