from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The shell on top: pages and jobs that compose many apps (see docs/development.md)."""

    name = "resettle.web"
    label = "web"
    verbose_name = _("Resettle's pages")
