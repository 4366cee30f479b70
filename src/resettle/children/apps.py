from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "resettle.children"
    label = "children"

    def ready(self) -> None:
        from . import current, kept_rows

        current.connect()  # each child's current legal status, kept (current.py)
        kept_rows.connect()  # kept rows move with a child who moves service (kept_rows.py)
