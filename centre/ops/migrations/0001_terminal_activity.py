from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name="TerminalActivity",
            fields=[
                ("terminal_id", models.CharField(max_length=32, primary_key=True, serialize=False)),
                ("last_seen_at", models.DateTimeField(help_text="the last signed request the centre answered")),
                ("pull_cursor", models.BigIntegerField(
                    help_text="the cursor of its latest pull: the decisions it holds", null=True)),
            ],
            options={"db_table": "terminal_activity", "verbose_name_plural": "terminal activity"},
        ),
    ]
