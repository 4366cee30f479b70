"""`{% csrf_token %}`, for every template, with the form's one-off key (core/once.py).

Loaded as a template builtin after Django's own, so it replaces Django's tag everywhere: a new
form is covered without anyone remembering to add anything."""

from __future__ import annotations

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html

from resettle.core.once import FIELD, new_key

register = template.Library()


class CsrfAndOnceNode(template.Node):
    def __init__(self) -> None:
        self.csrf = CsrfTokenNode()

    def render(self, context) -> str:
        csrf = self.csrf.render(context)
        if not csrf:
            return csrf
        return csrf + format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())


@register.tag
def csrf_token(parser, token):
    return CsrfAndOnceNode()
