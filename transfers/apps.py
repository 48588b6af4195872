from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "transfers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from messaging.contact_keys import register_rotation
        from referrals.models import Referral
        from transfers.secrets import rotate_webhook_secrets
        from transfers.signals import referral_saved

        post_save.connect(referral_saved, sender=Referral, dispatch_uid="transfers.referral")
        register_rotation("webhook secrets", rotate_webhook_secrets)
