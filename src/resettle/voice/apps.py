from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "resettle.voice"
    label = "voice"
    verbose_name = _("The child's voice")

    def ready(self) -> None:
        # The demo builds voice entries after the children; add the step once, however often
        # ready() runs.
        from resettle.core.demo import DEMO_STEPS

        from . import signals  # noqa: F401 - connects the receivers
        from .demo import load_voice

        if load_voice not in DEMO_STEPS:
            DEMO_STEPS.append(load_voice)
