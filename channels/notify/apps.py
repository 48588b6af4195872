from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "channels.notify"
    label = "channels_notify"
    verbose_name = "GOV.UK Notify (SMS and email provider)"

    def ready(self) -> None:
        from channels.notify.provider import NotifyEmail, NotifySms, NotifyStatuses
        from messaging.providers import providers

        providers.add_sms(NotifySms())
        providers.add_email(NotifyEmail())
        providers.add_status_source(NotifyStatuses())
