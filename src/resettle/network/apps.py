from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "resettle.network"
    label = "network"
    verbose_name = _("The child's network")

    def ready(self) -> None:
        from resettle.plans import undermining

        from .checks import leans_on_undermining_network

        # The plan's undermining warning reads the network (docs/development.md lists the hooks).
        undermining.register(leans_on_undermining_network)  # registering twice is ignored
