from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildviewConfig(AppConfig):
    name = "resettle.childview"
    label = "childview"
    verbose_name = _("For the child")
