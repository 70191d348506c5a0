from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []  # type: ignore[misc]

    operations = [
        migrations.CreateModel(
            name="Evaluation",
            fields=[
                ("uid", models.CharField(max_length=32, primary_key=True, serialize=False)),
                ("contract_uid", models.CharField(help_text="one evaluation per contract", max_length=64, unique=True)),
                (
                    "code",
                    models.CharField(help_text="the slip's code: names this contract only", max_length=16, unique=True),
                ),
                ("worker_uid", models.CharField(db_index=True, max_length=64)),
                ("agency_id", models.CharField(help_text="the agency whose terminal signed the slip", max_length=64)),
                ("service_type", models.CharField(max_length=16)),
                ("scores", models.JSONField(help_text="dimension code → 1..5 (centre/evaluations/standard.json)")),
                ("overall", models.FloatField()),
                (
                    "comment",
                    models.TextField(
                        blank=True, help_text="plain text, at most COMMENT_LIMIT characters; never marked up"
                    ),
                ),
                (
                    "editor_hash",
                    models.CharField(help_text="SHA-256 of the token the evaluating browser keeps", max_length=64),
                ),
                ("revision", models.IntegerField(default=1)),
                ("created_at", models.DateTimeField()),
                ("updated_at", models.DateTimeField()),
            ],
            options={"db_table": "consumer_evaluations"},
        ),
    ]
