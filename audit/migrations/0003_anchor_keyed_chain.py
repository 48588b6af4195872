"""Events written before the chain was keyed (plain SHA-256) stay verifiable: an anchor event,
keyed, marks where the keyed hashes begin (``audit.services.anchor_keyed_chain``)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # The real service (not the historical model): the anchor must be hashed exactly as
    # record_event hashes, and the schema is the current one.
    from audit.services import anchor_keyed_chain

    anchor_keyed_chain()


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
