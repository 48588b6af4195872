"""Rows left ``created`` (written before sends were recorded ``queued`` at once) are moved to
``queued``, with their event, so the sweep sends them: nothing treats ``created`` rows any more."""

from django.db import migrations


def queue_created_rows(apps, schema_editor):
    Message = apps.get_model("messaging", "Message")
    DeliveryEvent = apps.get_model("messaging", "DeliveryEvent")
    ids = list(Message.objects.filter(status="created").values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        batch = ids[start:start + 500]
        # updated_at is kept: the rows are past the sweep's stuck window, so it queues them.
        Message.objects.filter(pk__in=batch, status="created").update(status="queued")
        DeliveryEvent.objects.bulk_create([
            DeliveryEvent(message_id=pk, kind="status", status="queued",
                          previous_status="created", detail="queued") for pk in batch])


class Migration(migrations.Migration):
    dependencies = [("messaging", "0007_relay_turns")]

    operations = [migrations.RunPython(queue_created_rows, migrations.RunPython.noop)]
