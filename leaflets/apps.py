from django.apps import AppConfig


class LeafletsConfig(AppConfig):
    name = "leaflets"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from leaflets import catalogs, publishing, retention

        retention.register_all()
        catalogs.use_reviewed_source(publishing.reviewed_source)
