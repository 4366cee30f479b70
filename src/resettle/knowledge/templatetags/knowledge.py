"""Guidance in other apps' templates.

{% load knowledge %}
{% guidance_for_c c.key %}      a link to the part of the 5Cs article that explains the C
{{ text|markdown }}             Markdown as safe HTML (rendering.py)
"""

from __future__ import annotations

from django import template

from resettle.knowledge import guidance
from resettle.knowledge.rendering import render_markdown

register = template.Library()


@register.inclusion_tag("knowledge/_guidance_for_c.html")
def guidance_for_c(key: str) -> dict:
    return {"link": guidance.for_c(key)}


@register.filter
def markdown(text: str):
    return render_markdown(text or "")
