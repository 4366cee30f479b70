from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "resettle.network"
    label = "network"
    verbose_name = _("The child's network")

    def ready(self) -> None:
        from resettle.core.demo import DEMO_STEPS
        from resettle.plans import undermining

        from .checks import leans_on_undermining_network
        from .demo import load_network

        # ready() may run more than once (tests, reloads); both registries ignore repeats.
        undermining.register(leans_on_undermining_network)
        if load_network not in DEMO_STEPS:
            DEMO_STEPS.append(load_network)
