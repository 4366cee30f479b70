"""Synthetic demo plans, in varied states, so the 5Cs check has something to show.

About half the demo children get a full plan (vision, goals, needs, many actions linked to their
goals with owners, dates and plans B told to the child, and an agreement); about a third a plan
half done (actions without goals, plans B not told, no agreement); some an empty plan; and some no
plan at all. Everything is invented. Organisations are the demo partners from core/demo.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from faker import Faker
from simple_history.utils import bulk_create_with_history

from resettle.accounts.models import Organisation, Role, User
from resettle.children.models import Child
from resettle.core.dates import today
from resettle.plans import open_actions
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import (
    ActionKind,
    ActionStatus,
    Agreement,
    AgreementMethod,
    Contingency,
    FamilyInvolved,
    Goal,
    Need,
    Pathway,
    Plan,
    PlanAction,
)

S, P = ActionKind.STRUCTURAL, ActionKind.PERSONAL
LEAD = "lead"  # the child's lead practitioner (or a colleague in their service)
SECURE = "org:feltham"


@dataclass(frozen=True)
class DemoAction:
    pathway: str
    kind: str
    description: str
    owner: str  # LEAD, "org:<slug>" or "name:<who>"
    service: str = ""
    plan_b: str = ""


@dataclass(frozen=True)
class Story:
    vision: str
    goals: tuple[tuple[str, frozenset[str]], ...]  # (the child's words, pathways it is about)
    actions: tuple[DemoAction, ...]


def _goal(text: str, *pathways: str) -> tuple[str, frozenset[str]]:
    return text, frozenset(pathways)


COLLEGE = "org:skills-for-tomorrow-college"
MENTORING = "org:second-chance-mentoring"
HOUSING = "org:camden-housing-options"
CAMHS = "org:north-london-camhs"
SOCIAL_CARE = "org:camden-childrens-social-care"

STORIES = [
    Story(
        "I want to be a mechanic and one day have my own garage. I'm good with my hands and I "
        "like fixing things.",
        (
            _goal("Get on the motor vehicle course at college", "ete"),
            _goal("Have my own place, somewhere quiet", "accommodation"),
            _goal("Make my mum proud of me", "families"),
            _goal("Save up for my own set of tools", "finance"),
        ),
        (
            DemoAction(
                "ete",
                S,
                "Enrol on motor vehicle level 1 at Skills for Tomorrow College",
                COLLEGE,
                "Skills for Tomorrow College: motor vehicle level 1",
                "If the course is full, start the college's workshop skills short course in "
                "January and move across when a place comes up.",
            ),
            DemoAction(
                "ete",
                P,
                "Fortnightly sessions with a mentor who runs a garage",
                MENTORING,
                "Second Chance Mentoring: trades mentors",
            ),
        ),
    ),
    Story(
        "I want to work on building sites and earn proper money the right way.",
        (
            _goal("Get my CSCS card and work on building sites", "ete", "finance"),
            _goal("Spend my time with people who want good things for me", "substance-misuse"),
            _goal("Live somewhere safe with my nan", "accommodation", "families"),
        ),
        (
            DemoAction(
                "ete",
                S,
                "Book and pay for the CSCS health, safety and environment test",
                LEAD,
                "CITB health, safety and environment test",
            ),
            DemoAction(
                "ete",
                S,
                "Apply for the construction pre-apprenticeship at Skills for Tomorrow College",
                COLLEGE,
                "Skills for Tomorrow College: construction pre-apprenticeship",
                "If the pre-apprenticeship starts late, two days a week on the college's "
                "construction taster until it does.",
            ),
            DemoAction(
                "ete",
                P,
                "Shadow Uncle Dwayne on site for a day to see what the work is like",
                "name:Uncle Dwayne",
            ),
        ),
    ),
    Story(
        "I want to make music and be known for something good. Maybe a producer.",
        (
            _goal("Finish my Level 2 in music production", "ete"),
            _goal("Perform at the youth centre open mic night", "health", "families"),
            _goal("Sleep better and feel calmer", "health"),
        ),
        (
            DemoAction(
                "ete",
                S,
                "Place on the music production course at Skills for Tomorrow College",
                COLLEGE,
                "Skills for Tomorrow College: music production level 2",
                "If the course start is delayed, studio time at the youth centre three days a "
                "week until it starts.",
            ),
            DemoAction(
                "ete",
                P,
                "Weekly studio sessions with a producer at the youth centre",
                "name:Dre (youth centre producer)",
            ),
        ),
    ),
    Story(
        "I want to coach football for little kids, like my coach did for me.",
        (
            _goal("Get my FA Playmaker award", "ete"),
            _goal("Play for a Sunday league team again", "health"),
            _goal("Be a good big brother", "families"),
        ),
        (
            DemoAction(
                "ete",
                S,
                "Book the FA Playmaker course and pay the fee from the resettlement fund",
                LEAD,
                "The FA: Playmaker award",
            ),
            DemoAction(
                "health",
                P,
                "Train with the Sunday league team every week",
                "name:Coach Marcus",
            ),
        ),
    ),
    Story(
        "I want to be a chef. I cook for my little sisters and they say it's the best.",
        (
            _goal("Get my food hygiene certificate", "ete"),
            _goal("Get a job in a proper kitchen", "ete", "finance"),
            _goal("Live with my family again", "accommodation", "families"),
        ),
        (
            DemoAction(
                "ete",
                S,
                "Level 2 food hygiene certificate at Skills for Tomorrow College",
                COLLEGE,
                "Skills for Tomorrow College: food hygiene level 2",
            ),
            DemoAction(
                "ete",
                P,
                "Cook Sunday dinner with Aunt Grace each week",
                "name:Aunt Grace",
            ),
        ),
    ),
    Story(
        "I want to be a barber and have loads of regulars. People trust their barber.",
        (
            _goal("Do the barbering course", "ete"),
            _goal("Keep a clear head so I can focus", "substance-misuse", "health"),
            _goal("Have my own chair in a shop one day", "ete", "finance"),
        ),
        (
            DemoAction(
                "ete",
                S,
                "Barbering level 2 at Skills for Tomorrow College",
                COLLEGE,
                "Skills for Tomorrow College: barbering level 2",
                "If the course is full, Saturday work experience at a local barber's while on "
                "the waiting list.",
            ),
            DemoAction(
                "ete",
                P,
                "Saturday mornings helping out at his cousin's barber shop",
                "name:Cousin Jermaine",
            ),
        ),
    ),
    Story(
        "I want to help kids like me so they don't end up where I did. A youth worker.",
        (
            _goal("Get my GCSE English and maths", "ete"),
            _goal("Volunteer at the youth club", "ete", "families"),
            _goal("Do a youth work qualification", "ete"),
        ),
        (
            DemoAction(
                "ete",
                S,
                "GCSE English and maths resits at Skills for Tomorrow College",
                COLLEGE,
                "Skills for Tomorrow College: GCSE resits",
            ),
            DemoAction(
                "ete",
                P,
                "Volunteer at the youth club on Wednesday evenings",
                "name:Shanice (youth club lead)",
            ),
        ),
    ),
]

GENERIC_ACTIONS = [
    DemoAction(
        "accommodation",
        S,
        "Apply for supported housing with Camden Housing Options",
        HOUSING,
        "Camden Housing Options: supported lodgings for 16 and 17 year olds",
        "If the supported lodgings are not ready on release day, stay with Aunt Grace for up "
        "to two weeks while we find another place.",
    ),
    DemoAction(
        "accommodation",
        S,
        "Confirm the release address with mum at least 10 working days before release",
        LEAD,
        "",
        "If home is not possible, a supported housing place through Camden Housing Options.",
    ),
    DemoAction(
        "accommodation",
        P,
        "Visit the new place together before release day so it feels like home",
        LEAD,
    ),
    DemoAction(
        "ete",
        S,
        "Start from day one: a taster day at Skills for Tomorrow College in the week of release",
        COLLEGE,
        "Skills for Tomorrow College: taster days",
        "If the taster day moves, two days at the Second Chance Mentoring workshop that "
        "week instead.",
    ),
    DemoAction(
        "ete",
        S,
        "Send the education records from the establishment's education department to the college",
        SECURE,
    ),
    DemoAction(
        "health",
        S,
        "Referral to North London CAMHS for sleep and anxiety",
        CAMHS,
        "North London CAMHS: youth justice liaison clinic",
    ),
    DemoAction("health", S, "Register with a GP near the new address", LEAD),
    DemoAction(
        "health",
        S,
        "Speech and language assessment before the course starts",
        CAMHS,
        "North London CAMHS: speech and language therapy",
    ),
    DemoAction("health", P, "Boxing club on Tuesday and Thursday evenings", "name:Coach Marcus"),
    DemoAction(
        "substance-misuse",
        S,
        "Sessions with the young people's drug and alcohol worker",
        LEAD,
        "Camden young people's substance misuse service",
    ),
    DemoAction(
        "substance-misuse",
        P,
        "Plan what to do on Friday nights instead of meeting the old group",
        LEAD,
    ),
    DemoAction(
        "families",
        S,
        "Family group conference before release",
        SOCIAL_CARE,
        "Camden Children's Social Care: family group conference service",
    ),
    DemoAction("families", S, "Arrange family visits while in custody", SECURE),
    DemoAction("families", P, "Weekly phone call with Nan", "name:Nan"),
    DemoAction("families", P, "Regular visits from big brother Tyrone", "name:Tyrone (brother)"),
    DemoAction("finance", S, "Open a bank account and get photo ID", LEAD, "Basic bank account"),
    DemoAction(
        "finance",
        S,
        "Apply for the college bursary",
        COLLEGE,
        "Skills for Tomorrow College: 16 to 19 bursary",
    ),
    DemoAction("finance", P, "Work out a weekly budget together", "name:Aunt Grace"),
    DemoAction(
        "case-management",
        S,
        "Release-day plan: who meets the child at the gate, transport home and the first "
        "appointment",
        LEAD,
        "",
        "If the case worker cannot get there, the duty worker meets the child and the first "
        "appointment moves to the next morning.",
    ),
    DemoAction(
        "case-management",
        S,
        "Handover meeting with the establishment's resettlement practitioner",
        SECURE,
    ),
    DemoAction(
        "case-management",
        P,
        "Meet a mentor from Second Chance Mentoring before release, so there is a "
        "familiar face outside",
        MENTORING,
        "Second Chance Mentoring: through-the-gate mentoring",
    ),
    DemoAction(
        "case-management", P, "Keep the same case worker from custody through release", LEAD
    ),
]

# The child's version of an action (PlanAction.child_words), for full plans: "I will ...",
# "Aunt Grace will ...". Half-done plans have none, so the plan page's prompt has work to show.
CHILD_WORDS = {
    "Enrol on motor vehicle level 1 at Skills for Tomorrow College": (
        "I will start the motor vehicle course at college."
    ),
    "Fortnightly sessions with a mentor who runs a garage": (
        "I will meet a mentor who runs a garage every two weeks."
    ),
    "Book and pay for the CSCS health, safety and environment test": (
        "My worker will book and pay for my CSCS test."
    ),
    "Apply for the construction pre-apprenticeship at Skills for Tomorrow College": (
        "I will apply for the building course at college."
    ),
    "Shadow Uncle Dwayne on site for a day to see what the work is like": (
        "I will spend a day on site with Uncle Dwayne."
    ),
    "Place on the music production course at Skills for Tomorrow College": (
        "I will get a place on the music course at college."
    ),
    "Weekly studio sessions with a producer at the youth centre": (
        "I will make music with Dre at the youth centre every week."
    ),
    "Book the FA Playmaker course and pay the fee from the resettlement fund": (
        "My worker will book my football coaching course and pay for it."
    ),
    "Train with the Sunday league team every week": "I will train with the Sunday team each week.",
    "Level 2 food hygiene certificate at Skills for Tomorrow College": (
        "I will get my food hygiene certificate at college."
    ),
    "Cook Sunday dinner with Aunt Grace each week": "I will cook Sunday dinner with Aunt Grace.",
    "Barbering level 2 at Skills for Tomorrow College": "I will do the barber course at college.",
    "Saturday mornings helping out at his cousin's barber shop": (
        "I will help at my cousin's barber shop on Saturdays."
    ),
    "GCSE English and maths resits at Skills for Tomorrow College": (
        "I will take my English and maths GCSEs again at college."
    ),
    "Volunteer at the youth club on Wednesday evenings": (
        "I will help at the youth club on Wednesday evenings."
    ),
    "Apply for supported housing with Camden Housing Options": (
        "My worker will ask the housing team for a room where I get help."
    ),
    "Confirm the release address with mum at least 10 working days before release": (
        "My worker will check with Mum that I can live at home when I leave."
    ),
    "Visit the new place together before release day so it feels like home": (
        "We will visit my new home before I leave, so it feels like mine."
    ),
    "Start from day one: a taster day at Skills for Tomorrow College in the week of release": (
        "I will go to a taster day at college in the week I leave."
    ),
    "Send the education records from the establishment's education department to the college": (
        "The school here will send my reports to the college."
    ),
    "Referral to North London CAMHS for sleep and anxiety": (
        "My worker will ask a health team to help me sleep and feel calm."
    ),
    "Register with a GP near the new address": "I will sign up with a doctor near my new home.",
    "Speech and language assessment before the course starts": (
        "I will meet someone who helps with talking and words, before my course starts."
    ),
    "Boxing club on Tuesday and Thursday evenings": (
        "I will go to boxing on Tuesdays and Thursdays."
    ),
    "Sessions with the young people's drug and alcohol worker": (
        "I will meet a worker who helps with drugs and alcohol."
    ),
    "Plan what to do on Friday nights instead of meeting the old group": (
        "I will plan what to do on Friday nights."
    ),
    "Family group conference before release": "My family and I will meet to plan before I leave.",
    "Arrange family visits while in custody": "Staff here will set up visits from my family.",
    "Weekly phone call with Nan": "I will call Nan every week.",
    "Regular visits from big brother Tyrone": "Tyrone will visit me.",
    "Open a bank account and get photo ID": "I will open a bank account and get photo ID.",
    "Apply for the college bursary": "I will ask the college for money to help me study.",
    "Work out a weekly budget together": "Aunt Grace and I will plan my money for each week.",
    "Keep the same case worker from custody through release": (
        "I will keep the same worker while I am here and after I leave."
    ),
    "Handover meeting with the establishment's resettlement practitioner": (
        "My worker will meet the staff here who help me get ready to leave."
    ),
}

NEEDS = {
    "accommodation": ["No confirmed address for release", "Cannot return to the family home"],
    "ete": ["Not in education since Year 9", "Lost the college place when remanded"],
    "health": ["Poor sleep and low mood", "Speech and language needs not assessed"],
    "substance-misuse": ["Uses cannabis most days"],
    "families": ["Relationship with mum under strain", "Misses younger siblings"],
    "finance": ["No bank account or photo ID", "Owes money to an older peer"],
    "case-management": ["Has moved between establishments twice"],
}

ADJUSTMENTS = [
    "Short meetings with breaks. Check understanding by asking him to say it back.",
    "Use pictures and a one-page plan. Reading is hard, so talk it through.",
    "Meet in the afternoon; mornings are difficult because of medication.",
    "Interpreter for family meetings. She prefers a female worker.",
    "Has an EHCP: share the plan with the college SENCO before the course starts.",
]

CHILD_COMMENTS = [
    "I'm up for it, as long as I can still see my little sister.",
    "It's alright. The college bit is what I actually want.",
    "I want to do it. Don't just leave me on my own when I get out.",
    "Yeah, it's my plan, not just yours.",
    "I'm nervous about the housing but the rest is good.",
    "",
]

BLOCKED_REASONS = [
    "Waiting for the housing panel, which has been moved twice.",
    "College needs the education records first; chased twice.",
]
FAMILY_REASONS = [
    "Mum has asked not to be involved while she is unwell; Nan is involved instead.",
    "A court order restricts contact with his father; his aunt is involved.",
]


def _weighted_state(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.45:
        return "full"
    if roll < 0.75:
        return "half"
    if roll < 0.88:
        return "empty"
    return None


def load_plans(fake: Faker, rng: random.Random) -> None:
    """Give most demo children a plan. Bulk writes: a fixed number of queries for any number."""
    ensure_defaults()
    pathways = {p.slug: p for p in Pathway.objects.all()}
    statuses = {s.slug: s for s in ActionStatus.objects.all()}
    orgs = {o.slug: o for o in Organisation.objects.filter(is_active=True)}
    staff: dict[int, list[User]] = {}
    for user in User.objects.filter(
        role__in=[Role.CASE_WORKER, Role.YJS_MANAGER], is_active=True
    ).order_by("id"):
        staff.setdefault(user.organisation_id, []).append(user)
    children = list(Child.objects.filter(plan__isnull=True).order_by("id"))
    now = today()

    plans: list[Plan] = []
    stories: list[tuple[Child, str, Story]] = []
    for child in children:
        state = _weighted_state(rng)
        if state is None:
            continue
        story = rng.choice(STORIES)
        lead = child.lead_practitioner_id and next(
            (
                u
                for u in staff.get(child.owning_service_id, [])
                if u.id == child.lead_practitioner_id
            ),
            None,
        )
        plan = Plan(child=child, created_by=lead or None, changed_by=lead or None)
        if state == "full":
            plan.vision = story.vision
            plan.adjustments = rng.choice(ADJUSTMENTS) if rng.random() < 0.7 else ""
            if rng.random() < 0.8:
                plan.family_involved = FamilyInvolved.YES
            else:
                plan.family_involved = FamilyInvolved.NOT_APPROPRIATE
                plan.family_not_involved_reason = rng.choice(FAMILY_REASONS)
        elif state == "half" and rng.random() < 0.6:
            plan.vision = story.vision
        plans.append(plan)
        stories.append((child, state, story))
    bulk_create_with_history(plans, Plan, batch_size=500)

    # Goals, in the child's words.
    goals: list[Goal] = []
    goal_pathways: list[frozenset[str]] = []
    plan_goals: dict[int, list[int]] = {}  # index of plan -> indexes into goals
    for index, (plan, (_child, state, story)) in enumerate(zip(plans, stories, strict=True)):
        if state == "empty":
            continue
        count = len(story.goals) if state == "full" else rng.randint(0, 2)
        for order, (text, about) in enumerate(story.goals[:count], start=1):
            plan_goals.setdefault(index, []).append(len(goals))
            goals.append(Goal(plan=plan, text=text, order=order))
            goal_pathways.append(about)
    bulk_create_with_history(goals, Goal, batch_size=500)

    needs: list[Need] = []
    actions: list[PlanAction] = []
    action_meta: list[tuple[int, DemoAction, str]] = []  # (plan index, template, state)
    for index, (plan, (child, state, story)) in enumerate(zip(plans, stories, strict=True)):
        if state == "empty":
            continue
        for slug in rng.sample(sorted(NEEDS), rng.randint(1, 4 if state == "full" else 2)):
            needs.append(
                Need(plan=plan, pathway=pathways[slug], description=rng.choice(NEEDS[slug]))
            )
        extra = rng.randint(4, 7) if state == "full" else rng.randint(2, 4)
        chosen = list(story.actions) + rng.sample(GENERIC_ACTIONS, extra)
        for template in chosen:
            actions.append(
                _action(plan, child, template, state, pathways, statuses, orgs, staff, rng, now)
            )
            action_meta.append((index, template, state))
    bulk_create_with_history(needs, Need, batch_size=500)
    bulk_create_with_history(actions, PlanAction, batch_size=500)
    open_actions.refresh(a.pk for a in actions)  # inserted in bulk: no signals

    # Which goals each action helps with: full plans link nearly every action; half-done plans
    # link none (the 5Cs check should notice).
    links = []
    through = PlanAction.goals.through
    for action, (index, template, state) in zip(actions, action_meta, strict=True):
        if state != "full":
            continue
        candidates = plan_goals.get(index, [])
        matching = [g for g in candidates if template.pathway in goal_pathways[g]]
        if not matching and candidates and rng.random() < 0.8:
            matching = [rng.choice(candidates)]
        for g in matching:
            links.append(through(planaction_id=action.id, goal_id=goals[g].id))
    through.objects.bulk_create(links, batch_size=1000)

    # Plans B: told to the child in full plans, not yet told in half-done ones.
    contingencies = [
        Contingency(
            action=action,
            plan_b=template.plan_b,
            child_told_on=now - timedelta(days=rng.randint(1, 40)) if state == "full" else None,
        )
        for action, (_i, template, state) in zip(actions, action_meta, strict=True)
        if template.plan_b
    ]
    bulk_create_with_history(contingencies, Contingency, batch_size=500)

    agreements = []
    for plan, (_child, state, _story) in zip(plans, stories, strict=True):
        if state != "full":
            continue
        agreed = now - timedelta(days=rng.randint(3, 60))
        for earlier in range(rng.choice([0, 0, 1])):
            agreements.append(
                Agreement(
                    plan=plan,
                    agreed_on=agreed - timedelta(days=90 * (earlier + 1)),
                    how=AgreementMethod.CUSTODY_VISIT,
                    child_comment=rng.choice(CHILD_COMMENTS),
                    recorded_by=plan.created_by,
                )
            )
        agreements.append(
            Agreement(
                plan=plan,
                agreed_on=agreed,
                how=rng.choice(AgreementMethod.values),
                child_comment=rng.choice(CHILD_COMMENTS),
                recorded_by=plan.created_by,
            )
        )
    bulk_create_with_history(agreements, Agreement, batch_size=500)


def _action(plan, child, template, state, pathways, statuses, orgs, staff, rng, now) -> PlanAction:
    owner: dict = {}
    if template.owner == LEAD:
        people = staff.get(child.owning_service_id, [])
        lead = next((u for u in people if u.id == child.lead_practitioner_id), None)
        person = lead or (rng.choice(people) if people else None)
        owner = (
            {"owner_person": person}
            if person
            else {"owner_organisation_id": child.owning_service_id}
        )
    elif template.owner.startswith("org:"):
        org = orgs.get(template.owner[4:])
        owner = (
            {"owner_organisation": org}
            if org
            else {"owner_organisation_id": child.owning_service_id}
        )
    else:
        owner = {"owner_name": template.owner[5:]}

    roll = rng.random()
    reason = ""
    if state == "full":
        if roll < 0.3:
            status, due = statuses["done"], now - timedelta(days=rng.randint(3, 60))
        elif roll < 0.65:
            status, due = statuses["in-progress"], now + timedelta(days=rng.randint(1, 45))
        elif roll < 0.95:
            status, due = statuses["not-started"], now + timedelta(days=rng.randint(10, 90))
        else:
            status, due = statuses["blocked"], now + timedelta(days=rng.randint(1, 30))
            reason = rng.choice(BLOCKED_REASONS)
    else:
        if roll < 0.5:
            status, due = statuses["not-started"], None  # no date yet
        elif roll < 0.85:
            status, due = statuses["in-progress"], now + timedelta(days=rng.randint(-20, 40))
        else:
            status, due = statuses["blocked"], now - timedelta(days=rng.randint(1, 20))
            reason = rng.choice(BLOCKED_REASONS)
    return PlanAction(
        plan=plan,
        pathway=pathways[template.pathway],
        kind=template.kind,
        description=template.description,
        specific_service=template.service if state == "full" or rng.random() < 0.4 else "",
        child_words=CHILD_WORDS.get(template.description, "") if state == "full" else "",
        due_on=due,
        status=status,
        status_reason=reason,
        created_by=plan.created_by,
        changed_by=plan.created_by,
        **owner,
    )
