from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = "Retention"

    def ready(self) -> None:
        # Every other kind of data is registered by the app that owns it, so that retention
        # imports none of them; the tracker store belongs to no Django app.
        from retention.conversations import purge_conversations
        from retention.periods import DataKind
        from retention.registry import register

        register(DataKind.CONVERSATIONS, purge_conversations)
