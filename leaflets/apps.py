from django.apps import AppConfig


class LeafletsConfig(AppConfig):
    name = "leaflets"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from i18n import catalogs
        from leaflets import publishing, retention
        from leaflets.secrets import rotate_reviewer_names
        from messaging.contact_keys import register_rotation

        retention.register_all()
        catalogs.use_reviewed_source(publishing.reviewed_source)
        register_rotation("reviewers' names of reviewed catalogs", rotate_reviewer_names)
