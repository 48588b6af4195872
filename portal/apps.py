from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from portal.signals import on_logged_in, on_login_failed

        user_logged_in.connect(on_logged_in, dispatch_uid="portal.audit_login")
        user_login_failed.connect(on_login_failed, dispatch_uid="portal.audit_login_failed")
