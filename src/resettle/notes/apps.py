from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotesConfig(AppConfig):
    name = "resettle.notes"
    label = "notes"
    verbose_name = _("Case notes")

    def ready(self) -> None:
        from resettle.core.demo import DEMO_STEPS

        from .demo import load_notes

        if load_notes not in DEMO_STEPS:  # ready() may run more than once (tests, reloads)
            DEMO_STEPS.append(load_notes)
