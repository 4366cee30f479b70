"""For pages outside this app that link to it: whether a person has API tokens."""

from django import template

from resettle.access import policy

register = template.Library()


@register.filter
def can_use_api(user) -> bool:
    return policy.can_use_api(user)
