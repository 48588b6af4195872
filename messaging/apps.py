from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = "Message gateway"

    def ready(self) -> None:
        from messaging import retention

        retention.register_all()
