from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleaseConfig(AppConfig):
    name = "resettle.release"
    label = "release"
    verbose_name = _("Release readiness")

    def ready(self) -> None:
        # The demo's release plans need custodial episodes with release dates: the journey's demo
        # step makes them, so this app comes after it in INSTALLED_APPS; load_release also makes
        # a few itself when there are none.
        from django.apps import apps

        from resettle.core.demo import DEMO_STEPS

        from .demo import load_release

        if apps.is_installed("resettle.journey"):
            # Whatever the order of INSTALLED_APPS, the journey's step comes before this one (its
            # own ready() sees it is already there and does not add it again).
            from resettle.journey.demo import load_journeys

            if load_journeys not in DEMO_STEPS:
                DEMO_STEPS.append(load_journeys)
        if load_release not in DEMO_STEPS:
            DEMO_STEPS.append(load_release)
