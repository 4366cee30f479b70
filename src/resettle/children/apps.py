from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "resettle.children"
    label = "children"
