from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "resettle.children"
    label = "children"

    def ready(self) -> None:
        from . import current

        current.connect()  # each child's current legal status, kept (current.py)
