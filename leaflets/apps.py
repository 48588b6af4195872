from django.apps import AppConfig


class LeafletsConfig(AppConfig):
    name = "leaflets"
    default_auto_field = "django.db.models.BigAutoField"
