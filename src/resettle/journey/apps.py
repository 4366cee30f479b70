from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneyConfig(AppConfig):
    name = "resettle.journey"
    label = "journey"
    verbose_name = _("The child's journey")

    def ready(self) -> None:
        from resettle.core.demo import DEMO_STEPS

        from . import five_cs  # noqa: F401  (the 5Cs indicators meetings and touchpoints show)
        from .demo import load_journeys

        if load_journeys not in DEMO_STEPS:  # ready() may run more than once (tests, reloads)
            DEMO_STEPS.append(load_journeys)
