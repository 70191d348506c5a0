"""The monthly rollup behind the industry statistics (行业统计, statistics.py): one row per month × district ×
service type × agency × measure, with a count and a sum, kept from the fact tables agency by agency (the same
function for the incremental upkeep and the rebuild). Imported by models.py so Django knows it."""

from __future__ import annotations

from django.db import models


class MonthlyFigure(models.Model):
    """`n` and `total` of one measure in one cell of the cube. service_type `*` is every type together (a worker
    with two types counts once there); stocks are kept as flows (`…_in`, `…_out`) and summed up to a month."""

    month = models.IntegerField()
    district = models.CharField(max_length=32)
    service_type = models.CharField(max_length=16)
    agency_id = models.CharField(max_length=64)
    measure = models.CharField(max_length=24)
    n = models.BigIntegerField()
    total = models.FloatField(default=0.0, help_text="the summed value (evaluation marks, resolution days)")

    class Meta:
        db_table = "analytics_monthly"
        indexes = [  # noqa: RUF012
            models.Index(fields=["measure", "service_type", "month", "district"], name="ix_amo_msmd"),
            # An agency's cells (its recount; grading it reads whole months of '*' from the index alone).
            models.Index(fields=["agency_id", "measure", "service_type", "month"], include=["n", "total"],
                         name="ix_amo_agency_cells"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.month} {self.district} {self.service_type} {self.agency_id}: {self.n}"


class CityMonthlyFigure(models.Model):
    """The city layer of the rollup: MonthlyFigure summed over every agency, one row per month × district ×
    service type × measure. A figure for the whole city or a district reads these rows, however many agencies the
    city has (at 1,000,000 workers, about 4,000: summing their rows on every page load took seconds). Kept by the
    same recount as the agency rows: statistics.recompute adds to each cell what an agency's recount changed."""

    month = models.IntegerField()
    district = models.CharField(max_length=32)
    service_type = models.CharField(max_length=16)
    measure = models.CharField(max_length=24)
    n = models.BigIntegerField()
    total = models.FloatField(default=0.0)

    class Meta:
        db_table = "analytics_monthly_city"
        constraints = [  # noqa: RUF012  (also the index the dashboards read by)
            models.UniqueConstraint(fields=["measure", "service_type", "month", "district"], name="one_city_figure"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.month} {self.district} {self.service_type}: {self.n}"


class AgencyDayFigure(models.Model):
    """An agency's stocks by the day, kept beside the monthly rollup by the same counting (statistics.py): its
    workers (in on the day registered, out on the day released) and its certified workers (in and out on the days
    a worker's merged credential spans start and end), summed up to a day. Grading an agency reads its counts today
    from a few thousand rows instead of its workers (at 1,000,000 workers the largest agency has 100,000)."""

    agency_id = models.CharField(max_length=64)
    measure = models.CharField(max_length=24, help_text="workers_in, workers_out, certified_in, certified_out")
    day = models.DateField()
    n = models.BigIntegerField()

    class Meta:
        db_table = "analytics_agency_days"
        constraints = [  # noqa: RUF012  (also the index an agency's sums read)
            models.UniqueConstraint(fields=["agency_id", "measure", "day"], name="one_agency_day"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.measure} {self.day}: {self.n}"


class OutlookRun(models.Model):
    """One computed 12-week outlook (resources.py: demand and supply forecasts for every service type and
    district, their back-tests, the peak and trough warnings): computed once a week (or on demand), read by the
    dashboards and the API so a page never waits for the models."""

    week = models.DateField(help_text="the Monday the outlook starts from")
    computed_at = models.DateTimeField()
    seconds = models.FloatField()
    params = models.JSONField()
    payload = models.JSONField()

    class Meta:
        db_table = "analytics_outlook_runs"
        indexes = [models.Index(fields=["week", "computed_at"], name="ix_aor_week")]  # noqa: RUF012

    def __str__(self) -> str:
        return f"outlook {self.week}"
