"""`{% five_cs child %}`: the 5Cs panel (the 5Cs page), and `{% five_cs_summary child %}`, its short
summary for the plan page's slot (plans/_five_cs_slot.html).

On the plan page, pass what the page already loaded so the check does not fetch it again:
`{% five_cs child page=page current_status=current_status %}`. The panel then adds a fixed number
of queries (the child's conversations and the count of lead practitioners).
"""

from __future__ import annotations

from django import template

from resettle.plans.queries import PlanPage

from ..queries import PlanFacts, StatusFacts, five_cs

register = template.Library()


def _check(context, child, page, current_status):
    request = context.get("request")
    user = getattr(request, "user", None)
    known = {}
    if isinstance(page, PlanPage):
        known["plan"] = {child.id: PlanFacts.from_page(page)}
    if not isinstance(current_status, str):
        known["legal_status"] = {child.id: StatusFacts.of(current_status)}
    return five_cs(child, user, known=known)


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
    5Cs page, which explains each one."""
    return {"child": child, "check": _check(context, child, page, current_status)}
