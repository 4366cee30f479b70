from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "resettle.network"
    label = "network"
    verbose_name = _("The child's network")

    def ready(self) -> None:
        from resettle.children import undermining as about_the_child
        from resettle.plans import undermining as about_actions

        from .checks import leans_on_undermining_network, mentions_undermining_network

        # The undermining warnings read the network (docs/development.md lists the hooks).
        about_actions.register(leans_on_undermining_network)  # registering twice is ignored
        about_the_child.register(mentions_undermining_network)
