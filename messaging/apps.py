from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = "Message gateway"

    def ready(self) -> None:
        from messaging import retention
        from messaging.contact_keys import register_rotation, rotate_inbound_bodies

        retention.register_all()
        register_rotation("inbound texts and mails", rotate_inbound_bodies)
