from django.apps import AppConfig


class CaseUpdatesConfig(AppConfig):
    name = "caseupdates"
    verbose_name = "Case updates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from caseupdates import retention, signals
        from caseupdates.secrets import rotate_case_event_texts
        from messaging.contact_keys import register_rotation

        signals.connect()
        retention.register_all()
        register_rotation("case events' notes and officers' messages", rotate_case_event_texts)
