from django.apps import AppConfig


class TwilioConfig(AppConfig):
    name = "channels.twilio"
    label = "channels_twilio"
    verbose_name = "Twilio (SMS provider)"

    def ready(self) -> None:
        from channels.twilio.provider import TwilioSms, TwilioStatuses
        from messaging.providers import providers

        providers.add_sms(TwilioSms())
        providers.add_status_source(TwilioStatuses())
