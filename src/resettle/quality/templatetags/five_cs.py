"""`{% five_cs child %}`: the 5Cs panel (the 5Cs page), and `{% five_cs_summary child %}`, its short
summary for the plan page's slot (plans/_five_cs_slot.html).

On the plan page, pass what the page already loaded so the check does not fetch it again:
`{% five_cs child page=page current_status=current_status %}`. The panel then adds a fixed number
of queries (the child's conversations and the count of lead practitioners).
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

from resettle.plans.queries import PlanPage

from ..kept import summary_check
from ..queries import PlanFacts, StatusFacts, five_cs

register = template.Library()


def _known(child, page, current_status) -> dict:
    """What the page already loaded, as the check's loaders would give it."""
    known = {}
    if isinstance(page, PlanPage):
        known["plan"] = {child.id: PlanFacts.from_page(page)}
    if not isinstance(current_status, str):
        known["legal_status"] = {child.id: StatusFacts.of(current_status)}
    return known


def _check(context, child, page, current_status):
    request = context.get("request")
    user = getattr(request, "user", None)
    return five_cs(child, user, known=_known(child, page, current_status))


@register.inclusion_tag("quality/_panel.html", takes_context=True, name="five_cs")
def five_cs_panel(context, child, page=None, current_status="", page_link=True):
    """`current_status`: the child's latest legal status episode, or None when they have none;
    left out (a variable not in the context reads as ""), the check loads it."""
    return {
        "child": child,
        "check": _check(context, child, page, current_status),
        "page_link": page_link,
    }


@register.inclusion_tag("quality/_plan_summary.html", takes_context=True, name="five_cs_summary")
def five_cs_summary(context, child, page=None, current_status=""):
    """The plan page's short summary: how many Cs are met, what is not yet, and the way to the
    5Cs page, which explains each one. Kept for the day (quality/kept.py, `summary_check`)."""
    request = context.get("request")
    return {
        "child": child,
        "check": summary_check(
            child, getattr(request, "user", None), _known(child, page, current_status)
        ),
    }


@register.simple_tag
def five_cs_cell(child, check) -> str:
    """A list's 5Cs cell, readable at a glance without hovering: "3 of 5 met", then the Cs not met
    yet, by name. Made in Python rather than an included template: a caseload has a page of them."""
    met = ngettext("%(counter)s of 5 met", "%(counter)s of 5 met", check.met_count) % {
        "counter": check.met_count
    }
    html = format_html(
        '<a class="govuk-link app-five-cs-summary" href="{}"><strong>{}</strong>'
        '<span class="govuk-visually-hidden"> {}</span></a>',
        reverse("quality:child", args=[child.public_id]),
        met,
        gettext("in the 5Cs check for %(name)s") % {"name": child.preferred_name},
    )
    not_met = check.not_met
    if not_met:
        html += format_html(
            '<br><span class="govuk-body-s app-five-cs-summary__missing">{} {}</span>',
            gettext("Not yet:"),
            ", ".join(c.name for c in not_met),
        )
    return html
