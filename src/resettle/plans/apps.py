from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "resettle.plans"
    label = "plans"
    verbose_name = _("Resettlement plans")

    def ready(self) -> None:
        from resettle.core.demo import DEMO_STEPS

        from .demo import load_plans

        if load_plans not in DEMO_STEPS:  # ready() may run more than once (tests, reloads)
            DEMO_STEPS.append(load_plans)
