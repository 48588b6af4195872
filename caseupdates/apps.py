from django.apps import AppConfig


class CaseUpdatesConfig(AppConfig):
    name = "caseupdates"
    verbose_name = "Case updates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from caseupdates import retention, signals

        signals.connect()
        retention.register_all()
