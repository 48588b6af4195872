from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from audit.retention import purge_audit_events
        from retention.periods import DataKind
        from retention.registry import register

        register(DataKind.AUDIT, purge_audit_events)
