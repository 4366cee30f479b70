from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "resettle.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge hub")

    def ready(self) -> None:
        # Keeps the PostgreSQL search index of articles and questions up to date on every save.
        from . import receivers  # noqa: F401
