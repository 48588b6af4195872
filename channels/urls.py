"""Provider webhooks, mounted under /webhooks/."""

from django.urls import path

from channels.email.webhooks import inbound_email
from channels.twilio.webhooks import inbound_sms, status_callback

urlpatterns = [
    path("twilio/sms", inbound_sms, name="twilio-inbound-sms"),
    path("twilio/status/<uuid:message_id>", status_callback, name="twilio-status"),
    path("email/inbound", inbound_email, name="email-inbound"),
]
