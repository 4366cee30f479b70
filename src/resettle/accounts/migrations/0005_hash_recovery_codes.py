"""Store recovery codes as keyed digests (accounts/recovery_codes.py), not as the codes.

Codes written before this migration are plain 8-character codes: each is replaced by its digest,
so everyone's unused codes keep working. There is no way back: the codes cannot be recovered from
their digests (undoing this migration leaves the digests, which then match nothing).
"""

from django.db import migrations

from resettle.accounts.recovery_codes import SHAPE, digest


def hash_plain_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    tokens = StaticToken.objects.using(schema_editor.connection.alias)
    for token in tokens.all().iterator():
        if SHAPE.fullmatch(token.token):
            token.token = digest(token.token)
            token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_password_reset_requests"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_plain_codes, migrations.RunPython.noop)]
