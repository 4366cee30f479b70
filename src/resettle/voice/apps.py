from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "resettle.voice"
    label = "voice"
    verbose_name = _("The child's voice")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the receivers (docs/development.md)
