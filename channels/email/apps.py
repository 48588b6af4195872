from django.apps import AppConfig


class EmailConfig(AppConfig):
    name = "channels.email"
    label = "channels_email"
    verbose_name = "Email over SMTP (email provider)"

    def ready(self) -> None:
        from channels.email.provider import SmtpEmail
        from messaging.providers import providers

        providers.add_email(SmtpEmail())
