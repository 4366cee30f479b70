from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotesConfig(AppConfig):
    name = "resettle.notes"
    label = "notes"
    verbose_name = _("Case notes")
