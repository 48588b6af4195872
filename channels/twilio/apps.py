from django.apps import AppConfig


class TwilioConfig(AppConfig):
    name = "channels.twilio"
    label = "channels_twilio"
    verbose_name = "Twilio (SMS provider)"

    def ready(self) -> None:
        from channels.providers import providers
        from channels.twilio.provider import TwilioSms, TwilioStatuses

        providers.add_sms(TwilioSms())
        providers.add_status_source(TwilioStatuses())
