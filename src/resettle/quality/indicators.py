"""The built-in 5Cs indicators: what Resettle can see in today's data (docs/domain.md, the 5Cs).

Each indicator says met, partly or not yet, with a one-line reason in plain words and a link to
where to put it right. They read what `queries.py` loads (`facts.plan`, `facts.voice`,
`facts.legal_status`, `facts.lead_count`) and never query the database themselves.

Indicators that read meetings, touchpoints, the child's network and the facts of the record (the
child took part in the last planning meeting; agencies attend; no long gaps in contact; touchpoint
deadlines met) are in `journey_indicators.py`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from resettle.children.models import IN_SECURE_ESTABLISHMENT, Ethnicity, Gender
from resettle.plans.facts import ACCOMMODATION, ETE, key_plans_b
from resettle.plans.models import ActionKind, FamilyInvolved

from .queries import ActionFacts, PlanFacts
from .registry import EDIT, READ, Facts, Finding, Fix, indicator, met, not_yet, partly

# The child's own words count as recent for this long (about one review cycle in custody).
RECENT_WEEKS = 12
# Release is "soon" within this many days: accommodation should be confirmed by now.
RELEASE_SOON_DAYS = 28
QUOTE_LENGTH = 60


# ---- Helpers ------------------------------------------------------------------------------------


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _quote(text: str, length: int = QUOTE_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) > length:
        text = text[: length - 1].rstrip() + "…"
    return f"“{text}”"


def _name(facts: Facts) -> str:
    return facts.child.preferred_name


def _url(name: str, facts: Facts, *args, query: str = "") -> str:
    if facts.light:  # a list shows no links: reverse() is much of the rating's cost
        return ""
    url = reverse(name, args=[facts.child.public_id, *args])
    return f"{url}?{query}" if query else url


def _weeks_ago(value: date, on: date) -> str:
    days = (on - value).days
    if days < 7:
        return _("this week")
    weeks = days // 7
    return ngettext("%(n)d week ago", "%(n)d weeks ago", weeks) % {"n": weeks}


def _live(plan: PlanFacts | None) -> list[ActionFacts]:
    """Actions that are happening or done (not dropped)."""
    return [a for a in plan.actions if not a.is_dropped] if plan else []


def _structural(plan: PlanFacts | None) -> list[ActionFacts]:
    return [a for a in _live(plan) if a.kind == ActionKind.STRUCTURAL]


# ---- Goals phrased positively: a simple heuristic that explains itself --------------------------

# A goal that starts with one of these says what to avoid, not what to do.
NEGATIVE_STARTS = (
    "not",
    "no",
    "no more",
    "no longer",
    "never",
    "stop",
    "stopping",
    "quit",
    "don't",
    "do not",
    "dont",
    "won't",
    "will not",
    "wont",
    "can't",
    "cannot",
    "avoid",
    "stay out of",
    "stay away from",
    "keep out of",
    "keep away from",
)
NEGATIVE_WORDS = frozenset(
    {"not", "no", "never", "stop", "don't", "dont", "won't", "wont", "can't", "avoid", "quit"}
)
# How a child might begin a goal before the part that matters: "I want to stop...".
LEAD_INS = re.compile(
    r"^(?:(?:i|i'm|im|i am|i'll|ill)\s+)?"
    r"(?:(?:want|wanna|would like|need|hope|going|gonna|will|am going|'m going|to|try|trying)\s+)*"
    r"(?:to\s+)?"
)
# A goal is "dominated" by negatives when at least this share of its words are negatives.
NEGATIVE_SHARE = 0.25


def _words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z']+", text)


def is_negative_goal(text: str) -> bool:
    """True when a goal says what to stop or avoid rather than what to do.

    It starts (after "I want to", "I will"...) with a negative such as "not", "stop", "don't",
    "never" or "no more", or at least a quarter of its words are negatives.
    """
    words = _words(text)
    if not words:
        return False
    rest = LEAD_INS.sub("", " ".join(words)).strip()
    if any(rest == start or rest.startswith(start + " ") for start in NEGATIVE_STARTS):
        return True
    negatives = sum(1 for w in words if w in NEGATIVE_WORDS)
    return negatives / len(words) >= NEGATIVE_SHARE


# ---- Constructive -------------------------------------------------------------------------------


@indicator("constructive", "vision", gettext_lazy("Vision recorded"))
def vision_recorded(facts: Facts) -> Finding:
    plan, name = facts.plan, _name(facts)
    fix = Fix(_url("plans:vision", facts))
    if plan and plan.vision:
        return met(_("The plan says who %(name)s wants to be, in their words.") % {"name": name})
    said = next((v for v in facts.voice if v.says_who_they_want_to_be), None)
    if said is not None:
        return partly(
            _("%(name)s said who they want to be on %(date)s, but the plan does not say it yet.")
            % {"name": name, "date": _day(said.recorded_on)},
            fix,
        )
    return not_yet(_("The plan does not say who %(name)s wants to be yet.") % {"name": name}, fix)


@indicator("constructive", "strengths", gettext_lazy("Strengths recorded"))
def strengths_recorded(facts: Facts) -> Finding:
    name = facts.child.preferred_name
    fix = Fix(_url("voice:add", facts))
    own = next((v for v in facts.voice if v.strengths_in_own_words), None)
    if own is not None:
        return met(
            _("%(name)s's strengths in their own words were recorded on %(date)s.")
            % {"name": name, "date": _day(own.recorded_on)}
        )
    chosen = next((v for v in facts.voice if v.strengths_chosen), None)
    if chosen is not None:
        return partly(
            _(
                "Strengths were picked from a list on %(date)s, but not put in %(name)s's own "
                "words. Ask “What are your strengths?”"
            )
            % {"name": name, "date": _day(chosen.recorded_on)},
            fix,
        )
    return not_yet(
        _("No strengths recorded yet. Ask %(name)s “What are your strengths?”") % {"name": name},
        fix,
    )


@indicator("constructive", "positive-goals", gettext_lazy("Goals say what the child will do"))
def goals_positive(facts: Facts) -> Finding:
    plan, name = facts.plan, _name(facts)
    goals = plan.goals if plan else []
    if not goals:
        return not_yet(
            _("No goals yet. Add %(name)s's goals in their own words.") % {"name": name},
            Fix(_url("plans:goal-add", facts)),
        )
    negative = [g for g in goals if is_negative_goal(g.text)]
    if not negative:
        return met(
            ngettext(
                "The goal says what %(name)s will do.",
                "All %(n)d goals say what %(name)s will do.",
                len(goals),
            )
            % {"n": len(goals), "name": name}
        )
    first = negative[0]
    reason = _("%(goal)s says what to stop or avoid. Ask %(name)s what they will do instead.") % {
        "goal": _quote(first.text),
        "name": name,
    }
    if len(negative) > 1:
        reason += " " + ngettext(
            "%(n)d more goal reads the same way.",
            "%(n)d more goals read the same way.",
            len(negative) - 1,
        ) % {"n": len(negative) - 1}
    # A heuristic can be wrong, so it never says more than "partly".
    return partly(reason, Fix(_url("plans:goal-edit", facts, first.public_id)))


@indicator(
    "constructive",
    "actions-serve-goals",
    gettext_lazy("Structural actions serve the child's goals"),
)
def actions_serve_goals(facts: Facts) -> Finding:
    actions = _structural(facts.plan)
    if not actions:
        return not_yet(
            _("No structural actions yet."),
            Fix(_url("plans:action-add", facts, query="kind=structural")),
        )
    linked = [a for a in actions if a.serves_goal]
    counts = {"linked": len(linked), "n": len(actions)}
    if len(linked) == len(actions):
        return met(
            ngettext(
                "The structural action says which goal it serves.",
                "All %(n)d structural actions say which goal they serve.",
                len(actions),
            )
            % counts
        )
    first = next(a for a in actions if not a.serves_goal)
    fix = Fix(_url("plans:action-edit", facts, first.public_id))
    if not linked:
        return not_yet(
            ngettext(
                "The structural action does not say which of the child's goals it serves.",
                "None of the %(n)d structural actions says which of the child's goals it serves.",
                len(actions),
            )
            % counts,
            fix,
        )
    return partly(
        ngettext(
            "%(linked)d of %(n)d structural action says which goal it serves.",
            "%(linked)d of %(n)d structural actions say which goal they serve.",
            len(actions),
        )
        % counts
        + " "
        + _("%(action)s does not.") % {"action": _quote(first.description)},
        fix,
    )


# ---- Co-created ---------------------------------------------------------------------------------


@indicator("co_created", "own-words-recent", gettext_lazy("The child's own words are recent"))
def own_words_recent(facts: Facts) -> Finding:
    name, on = _name(facts), facts.today
    fix = Fix(_url("voice:add", facts))
    since = on - timedelta(weeks=RECENT_WEEKS)
    if not facts.voice:
        return not_yet(
            _("Nothing %(name)s said is recorded yet. Ask the four key questions.")
            % {"name": name},
            fix,
        )
    verbatim = next((v for v in facts.voice if v.verbatim), None)
    latest = facts.voice[0]
    if verbatim is not None and verbatim.recorded_on >= since:
        return met(
            _("%(name)s's own words were recorded on %(date)s (%(ago)s).")
            % {
                "name": name,
                "date": _day(verbatim.recorded_on),
                "ago": _weeks_ago(verbatim.recorded_on, on),
            }
        )
    if latest.recorded_on >= since:
        return partly(
            _(
                "The latest conversation, on %(date)s, was summarised by the practitioner, not "
                "written in %(name)s's own words."
            )
            % {"name": name, "date": _day(latest.recorded_on)},
            fix,
        )
    if verbatim is not None:
        return partly(
            _(
                "%(name)s's own words were last recorded on %(date)s (%(ago)s). Ask the four "
                "key questions again."
            )
            % {
                "name": name,
                "date": _day(verbatim.recorded_on),
                "ago": _weeks_ago(verbatim.recorded_on, on),
            },
            fix,
        )
    return not_yet(
        _(
            "Only summaries by the practitioner, the latest on %(date)s. Record what %(name)s "
            "says in their own words."
        )
        % {"name": name, "date": _day(latest.recorded_on)},
        fix,
    )


@indicator("co_created", "child-agreed", gettext_lazy("The child agreed the plan"))
def child_agreed(facts: Facts) -> Finding:
    plan, name = facts.plan, _name(facts)
    fix = Fix(_url("plans:agreement-add", facts))
    agreement = plan.latest_agreement if plan else None
    if agreement is None:
        return not_yet(_("%(name)s has not agreed the plan yet.") % {"name": name}, fix)
    values = {"name": name, "date": _day(agreement.agreed_on)}
    if plan.changed_since_agreed:
        return partly(
            _(
                "The plan has changed since %(name)s agreed it on %(date)s. Go through the changes "
                "with %(name)s and record their agreement again."
            )
            % values,
            fix,
        )
    if agreement.child_comment.strip():
        return met(
            _("%(name)s agreed the plan on %(date)s and said %(comment)s")
            % {**values, "comment": _quote(agreement.child_comment)}
        )
    return partly(
        _("%(name)s agreed the plan on %(date)s, but what they said about it is not recorded.")
        % values,
        fix,
    )


@indicator("co_created", "family", gettext_lazy("Family involved, or why not"))
def family_involved(facts: Facts) -> Finding:
    plan, name = facts.plan, _name(facts)
    fix = Fix(_url("plans:vision", facts))
    involved = plan.family_involved if plan else ""
    has_reason = bool(plan and plan.family_not_involved_reason)
    if involved == FamilyInvolved.YES:
        return met(_("%(name)s's family is involved in the plan.") % {"name": name})
    if involved == FamilyInvolved.NOT_APPROPRIATE and has_reason:
        return met(_("Involving the family is not appropriate, and the plan says why."))
    if involved == FamilyInvolved.NO and has_reason:
        return partly(
            _("The family is not involved; the plan says why. Keep it under review."), fix
        )
    if involved in (FamilyInvolved.NO, FamilyInvolved.NOT_APPROPRIATE):
        return partly(_("The plan says the family is not involved, but not why."), fix)
    return not_yet(
        _("The plan does not say whether %(name)s's family is involved.") % {"name": name}, fix
    )


# ---- Customised ---------------------------------------------------------------------------------


@indicator("customised", "needs-profile", gettext_lazy("Needs profile recorded"))
def needs_profile(facts: Facts) -> Finding:
    child = facts.child
    missing = []
    if not child.communication_needs.strip():
        missing.append(_("communication needs (write “none” if there are none)"))
    if not child.first_language.strip():
        missing.append(_("first language"))
    if child.gender in ("", Gender.NOT_KNOWN):
        missing.append(_("gender"))
    if child.ethnicity in ("", Ethnicity.NOT_STATED):
        missing.append(_("ethnicity"))
    if not child.care_status:
        missing.append(_("care status"))
    if not missing:
        return met(
            _(
                "Communication needs, first language, care status, gender and ethnicity are "
                "recorded."
            )
        )
    fix = Fix(_url("children:edit", facts), needs=EDIT)
    reason = _("Not recorded: %(missing)s.") % {"missing": "; ".join(missing)}
    return (not_yet if len(missing) >= 4 else partly)(reason, fix)


@indicator("customised", "adjustments", gettext_lazy("Adjustments in the plan"))
def adjustments(facts: Facts) -> Finding:
    plan, name = facts.plan, _name(facts)
    if plan and plan.adjustments:
        return met(_("The plan says how to adjust for %(name)s's needs.") % {"name": name})
    reason = _("The plan has no adjustments for %(name)s's needs and diversity.") % {"name": name}
    if facts.child.communication_needs.strip():
        reason += " " + _("Their communication needs are recorded on their details.")
    return not_yet(reason, Fix(_url("plans:vision", facts)))


@indicator("customised", "specific-services", gettext_lazy("Actions name a specific service"))
def specific_services(facts: Facts) -> Finding | None:
    actions = _structural(facts.plan)
    if not actions:
        return None  # "Structural actions serve the child's goals" already asks for some
    named = [a for a in actions if a.specific_service.strip()]
    counts = {"named": len(named), "n": len(actions)}
    if len(named) == len(actions):
        return met(
            ngettext(
                "The structural action names a specific service.",
                "All %(n)d structural actions name a specific service.",
                len(actions),
            )
            % counts
        )
    first = next(a for a in actions if not a.specific_service.strip())
    fix = Fix(_url("plans:action-edit", facts, first.public_id))
    if not named:
        return not_yet(
            ngettext(
                "The structural action does not name a specific service.",
                "None of the %(n)d structural actions names a specific service.",
                len(actions),
            )
            % counts,
            fix,
        )
    return partly(
        ngettext(
            "%(named)d of %(n)d structural action names a specific service.",
            "%(named)d of %(n)d structural actions name a specific service.",
            len(actions),
        )
        % counts
        + " "
        + _("%(action)s does not.") % {"action": _quote(first.description)},
        fix,
    )


# ---- Consistent ---------------------------------------------------------------------------------


@indicator("consistent", "questions-revisited", gettext_lazy("The four key questions revisited"))
def questions_revisited(facts: Facts) -> Finding:
    """Counted in conversations (each recorded entry of the child's words), not in days."""
    name = _name(facts)
    fix = Fix(_url("voice:add", facts))
    conversations = sorted(v.recorded_on for v in facts.voice)
    if not conversations:
        return not_yet(
            _("The four key questions have not been asked yet."),
            fix,
        )
    if len(conversations) == 1:
        return partly(
            _("Asked once, on %(date)s. Ask %(name)s again at the next meeting.")
            % {"date": _day(conversations[0]), "name": name},
            fix,
        )
    return met(
        _("Asked in %(n)d conversations, first on %(first)s and last on %(last)s.")
        % {
            "n": len(conversations),
            "first": _day(conversations[0]),
            "last": _day(conversations[-1]),
        }
    )


@indicator("consistent", "same-lead", gettext_lazy("Same lead practitioner over time"))
def same_lead(facts: Facts) -> Finding:
    child, name = facts.child, _name(facts)
    if child.lead_practitioner_id is None:
        return not_yet(
            _("%(name)s has no lead practitioner.") % {"name": name},
            Fix(_url("children:edit", facts), needs=EDIT),
        )
    lead = child.lead_practitioner.full_name
    leads = max(facts.lead_count, 1)
    if leads == 1:
        return met(_("%(lead)s has led %(name)s's case throughout.") % {"lead": lead, "name": name})
    reason = _("%(n)d different lead practitioners so far; %(lead)s leads now.") % {
        "n": leads,
        "lead": lead,
    }
    history = Fix(_url("children:history", facts), needs=READ)
    return (partly if leads == 2 else not_yet)(reason, history)


# ---- Coordinated --------------------------------------------------------------------------------


@indicator(
    "coordinated", "owners-and-dates", gettext_lazy("Every open action has an owner and a date")
)
def owners_and_dates(facts: Facts) -> Finding:
    plan = facts.plan
    if not plan or not plan.actions:
        return not_yet(_("The plan has no actions yet."), Fix(_url("plans:action-add", facts)))
    open_actions = [a for a in plan.actions if not a.is_closed]
    if not open_actions:
        return met(_("Every action in the plan is closed."))
    complete = [a for a in open_actions if a.has_owner and a.due_on]
    counts = {"done": len(complete), "n": len(open_actions)}
    if len(complete) == len(open_actions):
        return met(
            ngettext(
                "The open action has someone responsible and a due date.",
                "All %(n)d open actions have someone responsible and a due date.",
                len(open_actions),
            )
            % counts
        )
    first = next(a for a in open_actions if not (a.has_owner and a.due_on))
    if not first.has_owner and not first.due_on:
        gap = _("%(action)s has nobody responsible and no due date.")
    elif not first.has_owner:
        gap = _("%(action)s has nobody responsible.")
    else:
        gap = _("%(action)s has no due date.")
    reason = (
        ngettext(
            "%(done)d of %(n)d open action has someone responsible and a due date.",
            "%(done)d of %(n)d open actions have someone responsible and a due date.",
            len(open_actions),
        )
        % counts
        + " "
        + gap % {"action": _quote(first.description)}
    )
    fix = Fix(_url("plans:action-edit", facts, first.public_id))
    return (partly if complete else not_yet)(reason, fix)


def _release_date(facts: Facts) -> date | None:
    status = facts.legal_status
    if status is None or status.status not in IN_SECURE_ESTABLISHMENT:
        return None
    release = status.expected_release_on
    return release if release and release >= facts.today else None


@indicator(
    "coordinated",
    "release-ready",
    gettext_lazy("Accommodation and education, training or employment before release"),
)
def release_ready(facts: Facts) -> Finding | None:
    """Read from the release checklist, the one home of "accommodation is confirmed" and "ETE is
    arranged" (journey.facts): a plan's actions being there is not the same as it being arranged."""
    release = _release_date(facts)
    if release is None:
        return None  # only while the child is in custody with an expected release date
    record = facts.record
    days = (release - facts.today).days
    when = _("Release is expected on %(date)s (%(in)s).") % {
        "date": _day(release),
        "in": ngettext("in %(n)d day", "in %(n)d days", days) % {"n": days},
    }
    accommodation = record.accommodation.on if record.accommodation else None
    ete = record.ete_confirmed_on
    if accommodation and ete:
        return met(
            _(
                "Accommodation was confirmed on %(accommodation)s and education, training or "
                "employment on %(ete)s."
            )
            % {"accommodation": _day(accommodation), "ete": _day(ete)}
            + " "
            + when
        )
    missing = []
    if not accommodation:
        missing.append(_("Accommodation is not confirmed yet."))
    if not ete:
        missing.append(_("Education, training or employment is not arranged yet."))
    reason = " ".join(str(m) for m in missing) + " " + when
    fix = Fix(_url("release:checklist-edit", facts))
    soon = days <= RELEASE_SOON_DAYS
    if len(missing) == 2 or (soon and not accommodation):
        return not_yet(reason, fix)
    return partly(reason, fix)


def _pathway_names() -> dict[str, str]:
    return {
        ACCOMMODATION: _("accommodation"),
        ETE: _("education, training or employment"),
    }


@indicator(
    "coordinated", "plans-b", gettext_lazy("Plans B for key arrangements, told to the child")
)
def plans_b_told(facts: Facts) -> Finding | None:
    """Each key arrangement (accommodation, ETE) in the plan has a plan B the child was told
    (plans.facts.key_plans_b, which release readiness reads too). The prompt points at the
    structural arrangement still being made."""
    name, names = _name(facts), _pathway_names()
    summary = key_plans_b(facts.plan.actions if facts.plan else [])
    if not summary.present:
        return None  # "before release" asks for accommodation and ETE when it matters
    if summary.all_told:
        arrangements = capfirst(_(" and ").join(names[p] for p in summary.present))
        return met(
            ngettext(
                "%(arrangements)s has a plan B that %(name)s has been told.",
                "%(arrangements)s each have a plan B that %(name)s has been told.",
                len(summary.present),
            )
            % {"arrangements": arrangements, "name": name}
        )
    first = summary.next_to_do
    fix = Fix(_url("plans:contingency", facts, first.public_id))
    if summary.untold:
        reason = _("The plan B for %(action)s has not been told to %(name)s.") % {
            "action": _quote(first.description),
            "name": name,
        }
    else:
        reason = _("%(arrangement)s has no plan B yet. Add one to %(action)s.") % {
            "arrangement": capfirst(names[first.pathway_slug]),
            "action": _quote(first.description),
        }
    if not summary.told and not summary.untold:
        return not_yet(reason, fix)
    return partly(reason, fix)
