from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []  # type: ignore[misc]

    operations = [
        migrations.CreateModel(
            name="Phone",
            fields=[
                (
                    "id",
                    models.CharField(
                        help_text="random; the phone asks for its status by it",
                        max_length=32,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("credential_no", models.CharField(db_index=True, max_length=64)),
                (
                    "version",
                    models.IntegerField(help_text="the card version certified; a reprint needs a new activation"),
                ),
                ("agency_id", models.CharField(max_length=64)),
                (
                    "terminal_key_id",
                    models.CharField(help_text="the terminal that signed the activation link", max_length=16),
                ),
                (
                    "code_ref",
                    models.CharField(
                        help_text="SHA-256 of key id and code: each code once", max_length=64, unique=True
                    ),
                ),
                ("link_issued", models.BigIntegerField(help_text="when the terminal made the link (unix seconds)")),
                ("public_key", models.CharField(help_text="the phone's raw Ed25519 key, base64url", max_length=64)),
                ("card_digest", models.CharField(help_text="SHA-256 of the card's QR URL (hex)", max_length=64)),
                ("certified_at", models.BigIntegerField(help_text="unix seconds, signed into the certificate")),
                (
                    "voided_at",
                    models.DateTimeField(help_text="a later activation replaced this phone", null=True),
                ),
            ],
            options={"db_table": "ecard_phones"},
        ),
    ]
