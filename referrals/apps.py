from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Needs, consent and referrals"

    def ready(self) -> None:
        from messaging.contact_keys import register_rotation
        from referrals.retention import purge_needs, purge_referrals
        from referrals.secrets import rotate_victim_names
        from retention.periods import DataKind
        from retention.registry import register

        register(DataKind.NEEDS, purge_needs)
        register(DataKind.REFERRALS, purge_referrals)
        register_rotation("victims' names", rotate_victim_names)
