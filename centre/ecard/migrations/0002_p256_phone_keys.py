from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ecard", "0001_ecard_phones")]

    operations = [
        migrations.AlterField(
            model_name="phone",
            name="public_key",
            field=models.CharField(
                help_text="the phone's raw key, base64url: Ed25519 or a P-256 point", max_length=100
            ),
        ),
    ]
