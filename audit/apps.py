from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit log"
    # audit.retention.purge_audit_events is the retention purger for DataKind.AUDIT; it is not
    # registered yet (tests/hardening/test_retention.py expects no audit purger): registering it
    # is one line in ready() — retention.registry.register(DataKind.AUDIT, purge_audit_events).
