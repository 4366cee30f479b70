from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "resettle.referrals"
    label = "referrals"
    verbose_name = _("Referrals to services")

    def ready(self) -> None:
        from resettle.plans import extras

        from .queries import referral_states

        # The plan page shows each action's referral (docs/development.md lists the hooks).
        extras.register(referral_states)
