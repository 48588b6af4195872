"""Provider webhooks, mounted under /webhooks/."""

from django.urls import path

from channels.email.webhooks import inbound_email
from channels.notify import webhooks as notify
from channels.twilio.webhooks import inbound_sms, status_callback

urlpatterns = [
    path("twilio/sms", inbound_sms, name="twilio-inbound-sms"),
    path("twilio/status/<uuid:message_id>", status_callback, name="twilio-status"),
    path("email/inbound", inbound_email, name="email-inbound"),
    path("notify/status", notify.delivery_receipt, name="notify-status"),
    path("notify/sms", notify.inbound_sms, name="notify-inbound-sms"),
]
