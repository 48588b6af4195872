from django.apps import AppConfig


class CrimesConfig(AppConfig):
    name = "crimes"
    default_auto_field = "django.db.models.BigAutoField"
