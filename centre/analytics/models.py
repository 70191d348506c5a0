"""The analytics fact tables (docs/analytics.md): one typed row per source row the centre keeps (a record a
terminal pushed, or a row of the centre's own decisions), with its dimensions resolved (month as yyyymm, district,
service type, agency), so figures by month × district × service type × agency are index range scans instead of
JSON reads over the records. Kept by centre/analytics/facts.py: incrementally after each push, in full by
`rebuild`. Nothing here is personal: no names, ID numbers or texts."""

from __future__ import annotations

from django.db import models


class _Cube(models.Model):
    """The dimensions every fact carries."""

    agency_id = models.CharField(max_length=64)
    district = models.CharField(max_length=32, help_text="centre.analytics.dimensions.district_of")
    month = models.IntegerField(null=True, help_text="yyyymm of the fact's own date; null when it has none")

    class Meta:
        abstract = True


def _cube_indexes(table: str, *extra: models.Index) -> list[models.Index]:
    return [
        models.Index(fields=["month", "district", "agency_id"], name=f"ix_{table}_mda"),
        models.Index(fields=["agency_id", "month"], name=f"ix_{table}_am"),
        *extra,
    ]


class FactWorker(_Cube):
    """A worker as registered by an agency (entity `worker`); month = month of registration."""

    worker_uid = models.CharField(max_length=64, primary_key=True)
    registered_on = models.DateField(null=True)
    released_on = models.DateField(null=True)
    sex = models.CharField(max_length=8, blank=True)
    birth_year = models.IntegerField(null=True)
    service_types = models.CharField(max_length=200, blank=True, help_text="codes, comma-separated, sorted")
    simulated = models.BooleanField(default=False)

    class Meta:
        db_table = "analytics_workers"
        indexes = _cube_indexes("aw")  # an agency's current workers: its day rows (analytics_agency_days)

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class FactWorkerService(_Cube):
    """One row per (worker, service type): workers by service type without splitting a string."""

    worker_uid = models.CharField(max_length=64)
    service_type = models.CharField(max_length=16)

    class Meta:
        db_table = "analytics_worker_services"
        constraints = [models.UniqueConstraint(fields=["worker_uid", "service_type"], name="one_row_per_worker_type")]
        indexes = _cube_indexes("aws", models.Index(fields=["service_type", "district"], name="ix_aws_sd"))

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class FactCredential(_Cube):
    """A credential as the register holds it; month = month of issue (valid_from), null before issue."""

    credential_no = models.CharField(max_length=64, primary_key=True)
    worker_uid = models.CharField(max_length=64, db_index=True)
    state = models.CharField(max_length=16)
    hold = models.CharField(max_length=16, blank=True)
    issued_on = models.DateField(null=True)
    valid_to = models.DateField(null=True)
    ended_on = models.DateField(null=True, help_text="revoked, suspended or expired on (the register's last change)")
    ended_month = models.IntegerField(null=True)
    end_kind = models.CharField(max_length=16, blank=True, help_text="'' | revoked | suspended | expired | returned")

    class Meta:
        db_table = "analytics_credentials"
        indexes = _cube_indexes(
            "ac",
            models.Index(fields=["ended_month", "end_kind"], name="ix_ac_end"),
            # The supervision page's movers with adverse records: a person's revocations, from a small index alone.
            models.Index(fields=["worker_uid"], name="ix_ac_revoked", condition=models.Q(end_kind="revoked")),
        )  # fmt: skip

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class FactContract(_Cube):
    """A service contract (entity `contract`); district = where the service is; month = month it starts."""

    contract_uid = models.CharField(max_length=64, primary_key=True)
    worker_uid = models.CharField(max_length=64)
    service_type = models.CharField(max_length=16)
    signed_on = models.DateField(null=True)
    start_on = models.DateField(null=True)
    end_on = models.DateField(null=True)
    start_week = models.DateField(null=True, help_text="the Monday of the week it starts (weekly demand)")

    class Meta:
        db_table = "analytics_contracts"
        indexes = _cube_indexes(
            "act",
            models.Index(fields=["month", "service_type", "district", "agency_id"], name="ix_act_msda"),
            models.Index(fields=["start_week", "service_type", "district"], name="ix_act_wsd"),
            models.Index(fields=["worker_uid", "start_on"], name="ix_act_worker"),
            models.Index(fields=["agency_id", "start_on"], name="ix_act_as"),  # an agency's last 365 days, index only
        )

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class FactTraining(_Cube):
    """A training result (entity `training`, kind training.result); month = month the result was recorded."""

    uid = models.CharField(max_length=64, primary_key=True)
    worker_uid = models.CharField(max_length=64, db_index=True)
    on = models.DateField(null=True)
    score = models.FloatField(null=True)
    passed = models.BooleanField(default=False)

    class Meta:
        db_table = "analytics_training"
        indexes = _cube_indexes("atr")

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class FactHealthCheck(_Cube):
    uid = models.CharField(max_length=64, primary_key=True)
    worker_uid = models.CharField(max_length=64, db_index=True)
    checked_on = models.DateField(null=True)
    expires_on = models.DateField(null=True)
    passed = models.BooleanField(default=False)

    class Meta:
        db_table = "analytics_health_checks"
        indexes = _cube_indexes("ahc")

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class FactInsurance(_Cube):
    uid = models.CharField(max_length=64, primary_key=True)
    worker_uid = models.CharField(max_length=64, db_index=True)
    starts_on = models.DateField(null=True)
    expires_on = models.DateField(null=True)

    class Meta:
        db_table = "analytics_insurance"
        indexes = _cube_indexes("ain")

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class FactEvaluation(_Cube):
    """An evaluation of a service: a consumer's (centre/evaluations) or one the agency recorded (entity
    `evaluation`). overall is 1..5."""

    uid = models.CharField(max_length=64, primary_key=True)
    source = models.CharField(max_length=16, help_text="consumer | agency")
    worker_uid = models.CharField(max_length=64, db_index=True)
    service_type = models.CharField(max_length=16, blank=True)
    contract_uid = models.CharField(max_length=64, blank=True)
    on = models.DateField(null=True)
    overall = models.FloatField()

    class Meta:
        db_table = "analytics_evaluations"
        indexes = _cube_indexes(
            "aev",
            models.Index(fields=["month", "service_type", "district"], name="ix_aev_msd"),
            models.Index(fields=["agency_id", "on", "overall"], name="ix_aev_agency"),  # an agency's mean, index only
        )

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class FactComplaint(_Cube):
    """A complaint: the centre's (centre/complaints) or one an agency registered (entity `complaint`), with the
    centre's finding (ComplaintFinding) or the outcome its workflow implies."""

    uid = models.CharField(max_length=64, primary_key=True)
    source = models.CharField(max_length=16, help_text="hotline | consumer | command | agency")
    worker_uid = models.CharField(max_length=64, blank=True, db_index=True)
    service_type = models.CharField(max_length=16, blank=True)
    received_on = models.DateField(null=True)
    severity = models.CharField(max_length=16, help_text="minor | general | serious")
    outcome = models.CharField(max_length=16, help_text="open | upheld | dismissed")
    resolved_on = models.DateField(null=True)
    resolution_days = models.FloatField(null=True, help_text="received → resolved (or closed), in days")

    class Meta:
        db_table = "analytics_complaints"
        # A person's upheld complaints (the supervision page's movers), from a small index alone.
        indexes = _cube_indexes("acp", models.Index(fields=["worker_uid"], name="ix_acp_upheld",
                                                    condition=models.Q(outcome="upheld")))  # fmt: skip

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class FactIntegrity(_Cube):
    """An integrity record: the centre's (centre/integrity) or a credit record an agency sent (entity `credit`)."""

    uid = models.CharField(max_length=64, primary_key=True)
    source = models.CharField(max_length=16, help_text="centre | agency")
    subject = models.CharField(max_length=8, help_text="worker | agency")
    worker_uid = models.CharField(max_length=64, blank=True, db_index=True)
    polarity = models.CharField(max_length=8, help_text="positive | negative | notice")
    category = models.CharField(max_length=32, blank=True)
    valid_from = models.DateField(null=True)
    valid_to = models.DateField(null=True)

    class Meta:
        db_table = "analytics_integrity"
        indexes = _cube_indexes("ain2")

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class FactTransfer(_Cube):
    """A person registered by an agency after another agency released them (转出/转入); district and agency are
    the receiving agency's, month the registration's."""

    registration_id = models.BigIntegerField(primary_key=True, help_text="identity_registry.id of the new registration")
    worker_uid = models.CharField(max_length=64, db_index=True, help_text="the worker under the receiving agency")
    previous_worker_uid = models.CharField(max_length=64)
    from_agency_id = models.CharField(max_length=64, db_index=True)
    on = models.DateField(null=True)

    class Meta:
        db_table = "analytics_transfers"
        indexes = _cube_indexes("atf")

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class ComplaintFinding(models.Model):
    """The centre's finding on a complaint (severity, upheld or not), where staff recorded one; without it the
    fact takes the outcome the workflow implies (facts.complaint_outcome)."""

    complaint_uid = models.CharField(max_length=64, primary_key=True)
    severity = models.CharField(max_length=16, help_text="minor | general | serious")
    upheld = models.BooleanField()
    decided_by = models.CharField(max_length=150)
    decided_at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "analytics_complaint_findings"

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class FactMark(models.Model):
    """How far the incremental upkeep has read each source, by (time, key) in the source's own order."""

    source = models.CharField(max_length=32, primary_key=True)
    at = models.DateTimeField(null=True)
    key = models.CharField(max_length=64, default="")

    class Meta:
        db_table = "analytics_marks"

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


# --- credit evaluation (诚信评价) ------------------------------------------------------------------------------


class CreditRuleSet(models.Model):
    """A version of the credit rules (credit_rules.py reads it); the newest active version grades."""

    version = models.IntegerField(primary_key=True)
    rules = models.JSONField()
    active = models.BooleanField(default=True)
    loaded_by = models.CharField(max_length=150)
    loaded_at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        db_table = "analytics_credit_rules"

    def __str__(self) -> str:
        return f"rules v{self.version}"


class CreditGrade(models.Model):
    """The current grade of a worker or an agency, with the contributions that made it."""

    subject = models.CharField(max_length=8, help_text="worker | agency")
    subject_id = models.CharField(max_length=64, help_text="worker uid or agency credit code")
    agency_id = models.CharField(max_length=64, db_index=True, help_text="the agency (the worker's, or itself)")
    district = models.CharField(max_length=32)
    score = models.FloatField()
    grade = models.CharField(max_length=8)
    contributions = models.JSONField()
    listed = models.CharField(max_length=8, blank=True, help_text="'' | red | black")
    rule_version = models.IntegerField()
    computed_at = models.DateTimeField()
    as_of = models.DateField(help_text="the day the rules were applied for (decay, validity)")

    class Meta:
        db_table = "analytics_credit_grades"
        constraints = [models.UniqueConstraint(fields=["subject", "subject_id"], name="one_grade_per_subject")]
        indexes = [models.Index(fields=["subject", "grade", "district"], name="ix_acg_grade")]

    def __str__(self) -> str:
        return f"{self.subject} {self.subject_id}: {self.grade}"


class CreditGradeChange(models.Model):
    """Grade history: every grade a subject was given that differed from the one before (the first included)."""

    subject = models.CharField(max_length=8)
    subject_id = models.CharField(max_length=64)
    agency_id = models.CharField(max_length=64)
    previous = models.CharField(max_length=8, blank=True)
    grade = models.CharField(max_length=8)
    score = models.FloatField()
    contributions = models.JSONField()
    rule_version = models.IntegerField()
    at = models.DateTimeField()
    feed_seq = models.BigIntegerField(null=True, help_text="the decision that told the agency (None: first grade)")

    class Meta:
        db_table = "analytics_credit_history"
        indexes = [models.Index(fields=["subject", "subject_id", "at"], name="ix_ach_subject")]

    def __str__(self) -> str:
        return f"{self.subject} {self.subject_id}: {self.previous or '—'} → {self.grade}"


class CreditListEntry(models.Model):
    """Red and black lists (红黑名单): proposed by staff with a reason, in force only once an administrator
    approved it; taken off again the same way. Every step is audited (centre.audit)."""

    subject = models.CharField(max_length=8, help_text="worker | agency")
    subject_id = models.CharField(max_length=64)
    agency_id = models.CharField(max_length=64, db_index=True)
    kind = models.CharField(max_length=8, help_text="red | black")
    status = models.CharField(max_length=16, db_index=True,
                              help_text="proposed | listed | refused | delisting | delisted")  # fmt: skip
    reason = models.TextField()
    proposed_by = models.CharField(max_length=150)
    proposed_at = models.DateTimeField()
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True)
    decision_note = models.TextField(blank=True)
    delist_reason = models.TextField(blank=True)
    delist_proposed_by = models.CharField(max_length=150, blank=True)
    delisted_by = models.CharField(max_length=150, blank=True)
    delisted_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "analytics_credit_lists"
        indexes = [models.Index(fields=["subject", "subject_id", "status"], name="ix_acl_subject")]

    def __str__(self) -> str:
        return f"{self.kind} list: {self.subject} {self.subject_id} ({self.status})"


class AuthorityToken(models.Model):
    """A read-only token for the competent authority's systems (the /api/ routes). Only its SHA-256 is kept;
    the token itself is printed once."""

    key_id = models.CharField(max_length=16, primary_key=True, help_text="the token's public prefix")
    token_sha256 = models.CharField(max_length=64, unique=True)
    role = models.CharField(max_length=16, help_text="regulator")
    label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True)
    last_used_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "analytics_authority_tokens"

    def __str__(self) -> str:
        return f"{self.role} token {self.key_id}"


# The monthly rollup of the industry statistics lives in its own module (statistics.py keeps it).
from centre.analytics.rollup_models import CityMonthlyFigure, MonthlyFigure, OutlookRun  # noqa: E402, F401
