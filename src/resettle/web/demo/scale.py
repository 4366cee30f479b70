"""A synthetic population at national scale: `manage.py generate_data --children N --services S`.

Everything is invented, drawn from the demo's own vocabulary (its words, plans, journeys and notes).
The population is made in batches of children, each batch in one transaction, so a run that stops
part way (a crash, Ctrl+C) is continued by running the same command again: the batches already in
the database are skipped. Each batch draws its random numbers from its own seed, so the data does
not depend on where a run stopped.

Shape: services of very different sizes (the largest a few thousand children, Camden the largest,
so the demo sign-ins see a big service), case workers with caseloads of 5 to 50, a few children
without a lead practitioner, children at every stage (most in the community, some in custody, some
being released soon), touchpoints and the meetings that met them, shares with the secure
establishment for a placement and with partners, plans in varied states, the child's words, case
notes and the audit rows that the work would have written, hash-chained as `audit.services.record`
chains them (so `manage.py verify_audit` passes).
"""

from __future__ import annotations

import json
import math
import multiprocessing
import random
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from queue import Empty

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, connections, models, transaction
from django.utils import timezone
from faker import Faker

from resettle.access.models import Share
from resettle.accounts.models import Organisation, Role, User
from resettle.audit import chain
from resettle.audit.anchors import anchor
from resettle.audit.models import AuditEvent, latest_hash
from resettle.children import current
from resettle.children.models import CareStatus, Child, Ethnicity, Gender, LegalStatusEpisode
from resettle.core.dates import today
from resettle.journey import open_touchpoints
from resettle.journey.defaults import ensure_defaults as ensure_journey_defaults
from resettle.journey.facts import keep_last_contact
from resettle.journey.models import Meeting, Touchpoint, TouchpointRule
from resettle.journey.services import touchpoints_for
from resettle.notes.models import CaseNote
from resettle.plans import open_actions
from resettle.plans.defaults import ensure_defaults as ensure_plan_defaults
from resettle.plans.models import (
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
from resettle.voice.models import VoiceEntry, WordsAre

from . import journey as demo_journey
from . import notes as demo_notes
from . import plans as demo_plans
from . import voice as demo_voice
from .people import (
    COMMUNICATION_NEEDS,
    DEMO_DOMAIN,
    DEMO_SIGN_INS,
    LANGUAGES,
    _require_demo,
    load_organisations,
    load_users,
)


def _insert(model: type[models.Model], objs: list, *, batch_size: int = 1000) -> None:
    """Insert `objs` and give each its id: PostgreSQL's COPY (ids drawn from the table's sequence
    first), or bulk_create elsewhere. No signals, as with bulk_create."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        models.QuerySet(model).bulk_create(objs, batch_size=batch_size)
        return
    meta = model._meta
    fields = list(meta.concrete_fields)
    now = timezone.now()
    stamped = [f.attname for f in fields if getattr(f, "auto_now", False)] + [
        f.attname for f in fields if getattr(f, "auto_now_add", False)
    ]
    json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
        columns = ", ".join(quote(f.column) for f in fields)
        names = [f.attname for f in fields]
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                obj._prepare_related_fields_for_save(operation_name="bulk_create")
                for name in stamped:
                    if getattr(obj, name) is None:
                        setattr(obj, name, now)
                copy.write_row(
                    [
                        json.dumps(getattr(obj, n)) if n in json_fields else getattr(obj, n)
                        for n in names
                    ]
                )
                obj._state.adding = False
                obj._state.db = connection.alias


# Children made by the generator carry a local reference "GEN-<batch>-<n>": the marker of the
# batches already made (one transaction each), which is how a run resumes.
MARKER = "GEN-"
DEFAULT_BATCH = 1000
UNASSIGNED = 0.03  # children waiting for a lead practitioner
CASELOAD = (5, 50)

# Stages, weighted as a service's children are: most in the community, fewer in custody.
# Each is an index into the demo's journey PATTERNS.
PATTERN_WEIGHTS = {
    0: 4,  # custody likely
    1: 2,  # custody likely, then remanded
    2: 2,  # remanded to local authority accommodation
    3: 3,  # entry to custody
    4: 4,  # in custody
    5: 2,  # preparing for release, out within 12 weeks
    6: 10,  # released on licence
    7: 12,  # community, released on notice
    8: 2,  # recalled
    9: 25,  # community order, sustaining
    10: 2,  # preparing for release
    11: 32,  # order ended
}


def _progress(
    done: int, total: int, made: int, started: float, write: Callable[[str], None]
) -> None:
    elapsed = time.monotonic() - started
    rate = made / elapsed if elapsed else 0.0
    width = 30
    filled = int(width * done / total) if total else width
    left = (total - done) / rate if rate else 0.0
    write(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} children "
        f"{rate:,.0f}/s, {elapsed:,.0f}s elapsed, about {left:,.0f}s left"
    )


# ---- Services and people ---------------------------------------------------------------------


def _ensure_services(count: int, fake: Faker) -> list[Organisation]:
    """`count` youth justice services: the 32 London services first, then invented ones."""
    kind = Organisation.Kind.YOUTH_JUSTICE_SERVICE
    existing = list(Organisation.objects.filter(kind=kind).order_by("id"))
    missing = count - len(existing)
    if missing > 0:
        names = set(Organisation.objects.values_list("name", flat=True))
        new = []
        n = len(existing)
        while len(new) < missing:
            n += 1
            name = f"{fake.city()} Youth Justice Service"
            if name in names:
                name = f"{fake.city()} and {fake.city()} Youth Justice Service"
            if name in names:
                continue
            names.add(name)
            new.append(Organisation(name=name, slug=f"service-{n:03d}", kind=kind, area=name[:-23]))
        _insert(Organisation, new)
        existing = list(Organisation.objects.filter(kind=kind).order_by("id"))
    services = existing[:count]
    camden = next((s for s in services if s.slug == "camden"), None)
    if camden is not None:  # the demo's case worker and manager see the largest service
        services.remove(camden)
        services.insert(0, camden)
    return services


def _service_sizes(total: int, services: int, rng: random.Random) -> list[int]:
    """Sizes as a country's services differ: a long tail, the largest a few thousand."""
    weights = sorted((rng.lognormvariate(0, 0.75) for _ in range(services)), reverse=True)
    for _ in range(5):  # no service more than four times the average (the tail can be long)
        mean = sum(weights) / len(weights)
        weights = [min(w, 4 * mean) for w in weights]
    scale = total / sum(weights)
    sizes = [int(w * scale) for w in weights]
    sizes[0] += total - sum(sizes)
    return sizes


def _caseloads(size: int, rng: random.Random) -> list[int]:
    """Caseloads of 5 to 50 adding up to a service's assigned children."""
    loads: list[int] = []
    left = size
    while left > 0:
        load = min(rng.randint(12, 40), left)
        loads.append(load)
        left -= load
    if len(loads) > 1 and loads[-1] < CASELOAD[0]:
        tail = loads.pop()
        for i in range(len(loads)):  # spread the remainder where there is room
            give = min(tail, CASELOAD[1] - loads[i])
            loads[i] += give
            tail -= give
            if not tail:
                break
    return loads


def _ensure_workers(services, sizes, seed: int) -> dict[int, list[tuple[int, int]]]:
    """Case workers (and a manager) for every service: {service id: [(user id, caseload)]}.

    The demo's own case workers lead caseloads in their services. Made once; found again on a
    later run by their addresses.
    """
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    # Every synthetic colleague signs in with the demo password (the load test signs in as
    # them): hashed once, since demo data only ever exists in demo mode.
    password = make_password(settings.DEMO_PASSWORD)
    plan: dict[int, list[tuple[str, int]]] = {}
    new: list[User] = []
    known = set(User.objects.filter(organisation__in=services).values_list("email", flat=True))
    demo_leads = {
        org_id: list(ids)
        for org_id, ids in _group(
            User.objects.filter(
                organisation__in=services, role=Role.CASE_WORKER, email__in=_demo_emails()
            ).values_list("organisation_id", "email")
        ).items()
    }
    for service, size in zip(services, sizes, strict=True):
        assigned = size - int(size * UNASSIGNED)
        loads = _caseloads(assigned, rng)
        emails = list(demo_leads.get(service.id, []))
        for n in range(len(loads) - len(emails)):
            emails.append(f"caseworker{n + 1:03d}@{service.slug}{DEMO_DOMAIN}")
        plan[service.id] = list(zip(emails, loads, strict=False))
        for email in [*emails, f"manager@{service.slug}{DEMO_DOMAIN}"]:
            if email in known:
                continue
            known.add(email)
            manager = email.startswith("manager@")
            new.append(
                User(
                    email=email,
                    full_name=f"{'Manager' if manager else 'Case worker'} {service.name[:-23]}",
                    role=Role.YJS_MANAGER if manager else Role.CASE_WORKER,
                    organisation=service,
                    password=password,
                )
            )
    _insert(User, new, batch_size=2000)
    ids = dict(User.objects.filter(organisation__in=services).values_list("email", "id"))
    return {
        service_id: [(ids[email], load) for email, load in rows]
        for service_id, rows in plan.items()
    }


def _demo_emails() -> list[str]:
    return [s.email for s in DEMO_SIGN_INS]


def _group(pairs) -> dict:
    grouped: dict = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def _slots(services, sizes, workers, seed: int) -> list[tuple[int, int | None]]:
    """(service id, lead practitioner id or None) for every child, in a fixed shuffled order."""
    slots: list[tuple[int, int | None]] = []
    for service, size in zip(services, sizes, strict=True):
        rows = workers[service.id]
        for user_id, load in rows:
            slots += [(service.id, user_id)] * load
        slots += [(service.id, None)] * (size - sum(load for _u, load in rows))
    random.Random(seed).shuffle(slots)  # noqa: S311 - synthetic data
    return slots


# ---- One batch -------------------------------------------------------------------------------


class _Pools:
    """What every batch draws from, read once."""

    def __init__(self, fake: Faker) -> None:
        self.boys = sorted({fake.first_name_male() for _ in range(400)})
        self.girls = sorted({fake.first_name_female() for _ in range(400)})
        self.surnames = sorted({fake.last_name() for _ in range(600)})
        self.secure = list(
            Organisation.objects.filter(kind=Organisation.Kind.SECURE_ESTABLISHMENT).order_by("id")
        )
        self.partners = list(
            Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("id")
        )
        self.orgs = {o.slug: o for o in Organisation.objects.filter(is_active=True)}
        self.rules = list(TouchpointRule.objects.filter(is_active=True).order_by("id"))
        self.pathways = {p.slug: p for p in Pathway.objects.all()}
        self.statuses = {s.slug: s for s in ActionStatus.objects.all()}
        self.patterns = list(PATTERN_WEIGHTS)
        self.pattern_weights = list(PATTERN_WEIGHTS.values())


class _Audit:
    """Audit rows for a batch, chained as `AuditEvent.save` chains each entry."""

    def __init__(self) -> None:
        self.rows: list[AuditEvent] = []

    def add(self, at, actor_id, organisation_id, action, child_id, /, **detail) -> None:
        self.rows.append(
            AuditEvent(
                at=at,
                actor_id=actor_id,
                actor_email="",  # filled in from the actor below
                organisation_id=organisation_id,
                role=Role.CASE_WORKER if actor_id else "system",
                action=action,
                child_id=child_id,
                ip_address="127.0.0.1" if actor_id else None,
                detail=chain.normalise_detail(detail),
            )
        )

    def write(self, emails: dict[int, str]) -> None:
        """Append the rows to their chains in time order, as `AuditEvent.save` appends one.

        Each row goes to its organisation's chain; each chain is locked (in chain order, so two
        batches never wait for each other's locks) and its latest hash read before its rows are
        linked. Ids are drawn in the rows' order, so within each chain id order is time order.
        """
        self.rows.sort(key=lambda r: r.at)
        by_chain: dict[int, list[AuditEvent]] = {}
        for row in self.rows:
            row.chain = chain.chain_for(row.organisation_id)
            by_chain.setdefault(row.chain, []).append(row)
        for number in sorted(by_chain):
            chain.lock(connection.alias, number)
            prev = latest_hash(number, connection.alias) or chain.GENESIS
            for row in by_chain[number]:
                row.actor_email = emails.get(row.actor_id, "")
                row.prev_hash = prev
                row.version = chain.CURRENT_VERSION
                row.hash = row.compute_hash()
                prev = row.hash
        # The trail's manager refuses bulk writes (each entry must be chained): these are.
        _insert(AuditEvent, self.rows)


def _at(day, rng: random.Random) -> datetime:
    return datetime(
        day.year, day.month, day.day, rng.randint(8, 18), rng.randint(0, 59), tzinfo=UTC
    )


@transaction.atomic
def make_batch(
    batch: int, slots: list[tuple[int, int | None]], pools: _Pools, seed: int, emails
) -> int:
    rng = random.Random(seed * 1_000_003 + batch)  # noqa: S311 - synthetic data
    now = today()
    audit = _Audit()

    # Children.
    genders = [Gender.BOY] * 8 + [Gender.GIRL] * 2 + [Gender.NON_BINARY, Gender.NOT_KNOWN]
    care = [CareStatus.NEITHER] * 6 + [CareStatus.LOOKED_AFTER] * 3 + [CareStatus.CARE_LEAVER]
    children = []
    for n, (service_id, lead_id) in enumerate(slots):
        gender = rng.choice(genders)
        first = rng.choice(pools.girls if gender == Gender.GIRL else pools.boys)
        last = rng.choice(pools.surnames)
        middle = rng.choice(pools.boys + pools.girls) if rng.random() < 0.4 else ""
        children.append(
            Child(
                public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                preferred_name=first,
                legal_name=f"{first} {middle} {last}" if middle else f"{first} {last}",
                date_of_birth=now - timedelta(days=rng.randint(12 * 365 + 10, 18 * 365 - 10)),
                gender=gender,
                ethnicity=rng.choice(Ethnicity.values),
                first_language=rng.choice(LANGUAGES),
                care_status=rng.choice(care),
                communication_needs=rng.choice(COMMUNICATION_NEEDS),
                owning_service_id=service_id,
                lead_practitioner_id=lead_id,
                local_reference=f"{MARKER}{batch:05d}-{n:04d}",
                created_by_id=lead_id,
                changed_by_id=lead_id,
            )
        )
    _insert(Child, children, batch_size=1000)

    # Legal status: every stage.
    episodes: list[LegalStatusEpisode] = []
    patterns = rng.choices(pools.patterns, pools.pattern_weights, k=len(children))
    for child, pattern in zip(children, patterns, strict=True):
        establishment = rng.choice(pools.secure) if pools.secure else None
        for status, ago, release_in in demo_journey.PATTERNS[pattern]:
            if release_in == demo_journey.SOON:
                release_in = rng.randint(2, 83)
            in_custody = status in {"remand_yda", "sentenced_custody", "recall"}
            ago = ago + rng.randint(-5, 5) if ago > 10 else ago
            episodes.append(
                LegalStatusEpisode(
                    public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    child=child,
                    status=status,
                    sentence_type="dto" if status == "sentenced_custody" else "",
                    establishment=establishment if in_custody else None,
                    starts_on=now - timedelta(days=ago),
                    expected_release_on=now + timedelta(days=release_in)
                    if release_in is not None
                    else None,
                    created_by_id=child.lead_practitioner_id,
                    changed_by_id=child.lead_practitioner_id,
                )
            )
    _insert(LegalStatusEpisode, episodes, batch_size=1000)
    current.refresh(c.id for c in children)  # inserted in bulk: no signals
    by_child: dict[int, list[LegalStatusEpisode]] = _group((e.child_id, e) for e in episodes)
    ended = []
    for child in children:
        mine = by_child[child.id]
        last = max(mine, key=lambda e: e.starts_on)
        if last.status == "order_ended" and last.starts_on <= now:
            child.order_ended_on = last.starts_on
            ended.append(child)
        started = [e for e in mine if e.starts_on <= now]  # the current one: latest started
        child.current_episode_ = max(started, key=lambda e: e.starts_on) if started else mine[0]
    Child.objects.bulk_update(ended, ["order_ended_on"], batch_size=1000)

    # Touchpoints and the meetings that met most of those already due.
    touchpoints: list[Touchpoint] = []
    for child in children:
        made: list[Touchpoint] = []
        for episode in sorted(by_child[child.id], key=lambda e: e.starts_on):
            if episode.starts_on > now:
                continue
            for earlier in made:
                if earlier.superseded_on is None:
                    earlier.superseded_on = episode.starts_on
            made += touchpoints_for(episode, pools.rules)
        touchpoints += made
    meetings: list[tuple[Meeting, Touchpoint]] = []
    for touchpoint in touchpoints:
        touchpoint.public_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        closed_by = touchpoint.superseded_on or now
        if touchpoint.due_on > closed_by or rng.random() < 0.2:
            continue
        if touchpoint.rule.completed_by:
            meeting = demo_journey._meeting_for(touchpoint, touchpoint.rule.completed_by, rng, now)
            meeting.public_id = uuid.UUID(int=rng.getrandbits(128), version=4)
            meetings.append((meeting, touchpoint))
        else:
            touchpoint.completed_on = min(touchpoint.due_on, now)
    _insert(Meeting, [m for m, _t in meetings], batch_size=1000)
    leads = {c.id: c.lead_practitioner_id for c in children}
    services = {c.id: c.owning_service_id for c in children}
    for meeting, touchpoint in meetings:
        touchpoint.completed_on = meeting.held_on
        touchpoint.completed_by_meeting = meeting
        lead = leads[meeting.child_id]
        audit.add(
            _at(meeting.held_on, rng),
            lead,
            services[meeting.child_id],
            "journey.meeting_recorded",
            meeting.child_id,
            meeting=str(meeting.public_id),
        )
    _insert(Touchpoint, touchpoints, batch_size=1000)
    open_touchpoints.refresh_children(c.id for c in children)  # inserted in bulk: no signals
    people = Meeting.people.through
    _insert(
        people,
        [
            people(meeting_id=m.id, user_id=leads[m.child_id])
            for m, _t in meetings
            if leads[m.child_id]
        ],
        batch_size=1000,
    )

    # Shares: with the establishment for a placement, and some with partners for planning.
    shares: list[Share] = []
    for child in children:
        episode = child.current_episode_
        if episode.establishment_id and episode.status in demo_notes.CUSTODIAL:
            shares.append(
                Share(
                    public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    child=child,
                    organisation_id=episode.establishment_id,
                    purpose="Placed here (synthetic)",
                    starts_on=episode.starts_on,
                    ends_on=max(episode.expected_release_on or now, now) + timedelta(days=90),
                    created_by_id=child.lead_practitioner_id,
                    placement=episode,
                )
            )
        if pools.partners and rng.random() < 0.1:
            shares.append(
                Share(
                    public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    child=child,
                    organisation=rng.choice(pools.partners),
                    purpose="Resettlement planning (synthetic)",
                    starts_on=(shared_on := now - timedelta(days=rng.randint(0, 200))),
                    ends_on=shared_on + timedelta(days=rng.randint(60, 360)),
                    created_by_id=child.lead_practitioner_id,
                )
            )
    _insert(Share, shares, batch_size=1000)
    for share in shares:
        audit.add(
            _at(share.starts_on, rng),
            share.created_by_id,
            services[share.child_id],
            "child.shared",
            share.child_id,
            organisation=share.organisation_id,
        )

    _make_plans(children, pools, rng, now, audit)
    _make_voice(children, rng, now, audit)
    _make_notes(children, rng, now, audit)
    keep_last_contact(Child.objects.filter(id__in=[c.id for c in children]))

    for child in children:
        lead = child.lead_practitioner_id
        started = min(e.starts_on for e in by_child[child.id])
        audit.add(_at(started, rng), lead, child.owning_service_id, "child.created", child.id)
        for _ in range(rng.randint(1, 3)):
            day = now - timedelta(days=rng.randint(0, 90))
            section = rng.choice(["summary", "plan", "voice", "notes", "network", "release"])
            audit.add(
                _at(day, rng),
                lead,
                child.owning_service_id,
                "child.viewed",
                child.id,
                section=section,
            )
    audit.write(emails)
    return len(children)


def _make_plans(children, pools: _Pools, rng: random.Random, now, audit: _Audit) -> None:
    """Plans in the states the demo's plans are in, with its stories and actions."""
    users = {
        c.lead_practitioner_id: User(id=c.lead_practitioner_id)
        for c in children
        if c.lead_practitioner_id
    }
    plans: list[Plan] = []
    stories = []
    for child in children:
        state = demo_plans._weighted_state(rng)
        if state is None:
            continue
        story = rng.choice(demo_plans.STORIES)
        lead = child.lead_practitioner_id
        plan = Plan(
            public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            child=child,
            created_by=users.get(lead),
            changed_by=users.get(lead),
        )
        if state == "full":
            plan.vision = story.vision
            plan.adjustments = rng.choice(demo_plans.ADJUSTMENTS) if rng.random() < 0.7 else ""
            if rng.random() < 0.8:
                plan.family_involved = FamilyInvolved.YES
            else:
                plan.family_involved = FamilyInvolved.NOT_APPROPRIATE
                plan.family_not_involved_reason = rng.choice(demo_plans.FAMILY_REASONS)
        elif state == "half" and rng.random() < 0.6:
            plan.vision = story.vision
        plans.append(plan)
        stories.append((child, state, story))
    _insert(Plan, plans, batch_size=1000)

    goals: list[Goal] = []
    goal_pathways: list[frozenset[str]] = []
    plan_goals: dict[int, list[int]] = {}
    for index, (plan, (_child, state, story)) in enumerate(zip(plans, stories, strict=True)):
        if state == "empty":
            continue
        count = len(story.goals) if state == "full" else rng.randint(0, 2)
        for order, (text, about) in enumerate(story.goals[:count], start=1):
            plan_goals.setdefault(index, []).append(len(goals))
            goals.append(
                Goal(
                    public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    plan=plan,
                    text=text,
                    order=order,
                )
            )
            goal_pathways.append(about)
    _insert(Goal, goals, batch_size=1000)

    staff: dict[int, dict[int, User]] = {}
    for child in children:
        if child.lead_practitioner_id:
            staff.setdefault(child.owning_service_id, {})[child.lead_practitioner_id] = users[
                child.lead_practitioner_id
            ]
    staff = {org: list(people.values()) for org, people in staff.items()}
    needs: list[Need] = []
    actions: list[PlanAction] = []
    meta = []
    for index, (plan, (child, state, story)) in enumerate(zip(plans, stories, strict=True)):
        if state == "empty":
            continue
        for slug in rng.sample(
            sorted(demo_plans.NEEDS), rng.randint(1, 4 if state == "full" else 2)
        ):
            needs.append(
                Need(
                    public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    plan=plan,
                    pathway=pools.pathways[slug],
                    description=rng.choice(demo_plans.NEEDS[slug]),
                )
            )
        extra = rng.randint(2, 5) if state == "full" else rng.randint(1, 3)
        for template in list(story.actions) + rng.sample(demo_plans.GENERIC_ACTIONS, extra):
            action = demo_plans._action(
                plan,
                child,
                template,
                state,
                pools.pathways,
                pools.statuses,
                pools.orgs,
                staff,
                rng,
                now,
            )
            action.public_id = uuid.UUID(int=rng.getrandbits(128), version=4)
            actions.append(action)
            meta.append((index, template, state))
    _insert(Need, needs, batch_size=1000)
    _insert(PlanAction, actions, batch_size=1000)
    open_actions.refresh(a.id for a in actions)  # inserted in bulk: no signals

    through = PlanAction.goals.through
    links = []
    for action, (index, template, state) in zip(actions, meta, strict=True):
        if state != "full":
            continue
        candidates = plan_goals.get(index, [])
        matching = [g for g in candidates if template.pathway in goal_pathways[g]]
        if not matching and candidates:
            matching = [rng.choice(candidates)]
        links += [through(planaction_id=action.id, goal_id=goals[g].id) for g in matching]
    _insert(through, links, batch_size=2000)
    _insert(
        Contingency,
        [
            Contingency(
                public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                action=action,
                plan_b=template.plan_b,
                child_told_on=now - timedelta(days=rng.randint(1, 40)) if state == "full" else None,
            )
            for action, (_i, template, state) in zip(actions, meta, strict=True)
            if template.plan_b
        ],
        batch_size=1000,
    )
    agreements = []
    for plan, (_child, state, _story) in zip(plans, stories, strict=True):
        if state == "full":
            agreements.append(
                Agreement(
                    public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    plan=plan,
                    agreed_on=now - timedelta(days=rng.randint(3, 60)),
                    how=rng.choice(AgreementMethod.values),
                    child_comment=rng.choice(demo_plans.CHILD_COMMENTS),
                    recorded_by_id=plan.created_by_id,
                )
            )
    _insert(Agreement, agreements, batch_size=1000)
    for plan, (child, _state, _story) in zip(plans, stories, strict=True):
        audit.add(
            _at(now - timedelta(days=rng.randint(1, 120)), rng),
            plan.created_by_id,
            child.owning_service_id,
            "plan.changed",
            child.id,
        )
    for action in actions[:: max(1, len(actions) // max(1, len(plans)))]:
        child = action.plan.child
        audit.add(
            _at(now - timedelta(days=rng.randint(1, 120)), rng),
            action.plan.created_by_id,
            child.owning_service_id,
            "plan.action_added",
            child.id,
            action=str(action.public_id),
        )


def _make_voice(children, rng: random.Random, now, audit: _Audit) -> None:
    entries: list[VoiceEntry] = []
    for child in children:
        lead = child.lead_practitioner_id
        if rng.random() < demo_voice.NO_ENTRIES or not lead:
            continue
        count = rng.choice([1, 1, 2, 2, 3])
        for days, rating in zip(
            sorted(rng.sample(range(300), count), reverse=True),
            demo_voice._ratings(rng, count),
            strict=True,
        ):
            words = {
                "who_are_you": demo_voice._answer(rng, demo_voice.WHO_ARE_YOU, blank=0),
                "who_do_you_want_to_be": demo_voice._answer(rng, demo_voice.WHO_DO_YOU_WANT_TO_BE),
                "strengths_in_own_words": demo_voice._answer(
                    rng, demo_voice.STRENGTHS_IN_OWN_WORDS, blank=0.3
                ),
                "how_to_get_there": demo_voice._answer(rng, demo_voice.HOW_TO_GET_THERE, blank=0.2),
            }
            entries.append(
                VoiceEntry(
                    public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    child=child,
                    recorded_on=now - timedelta(days=days),
                    recorded_by_id=lead,
                    created_by_id=lead,
                    changed_by_id=lead,
                    conversation=rng.choice(demo_voice.CONVERSATIONS),
                    words_are=WordsAre.VERBATIM,
                    share_with_partners=rng.random() < 0.7,
                    self_rating=rating,
                    **words,
                )
            )
    _insert(VoiceEntry, entries, batch_size=1000)
    for entry in entries:
        audit.add(
            _at(entry.recorded_on, rng),
            entry.recorded_by_id,
            entry.child.owning_service_id,
            "voice.recorded",
            entry.child_id,
            entry=str(entry.public_id),
            conversation=entry.conversation,
            entered_by_child=False,
        )


def _make_notes(children, rng: random.Random, now, audit: _Audit) -> None:
    notes: list[CaseNote] = []
    for child in children:
        lead = child.lead_practitioner_id
        if not lead:
            continue
        for _ in range(rng.randint(0, 4)):
            day = now - timedelta(days=rng.randint(0, 70))
            notes.append(
                CaseNote(
                    public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    child=child,
                    text=rng.choice(demo_notes.YJS_NOTES),
                    written_by_id=lead,
                    organisation_id=child.owning_service_id,
                    contact_on=day if rng.random() < 0.6 else None,
                    created_by_id=lead,
                    changed_by_id=lead,
                )
            )
    _insert(CaseNote, notes, batch_size=1000)
    for note in notes:
        audit.add(
            _at(note.contact_on or now, rng),
            note.written_by_id,
            note.organisation_id,
            "note.added",
            note.child_id,
            note=str(note.public_id),
        )


# ---- The whole run ---------------------------------------------------------------------------


def batches_done() -> set[int]:
    """The batches earlier runs finished (each is one transaction: all or nothing)."""
    start = len(MARKER)
    references = Child.objects.filter(local_reference__startswith=MARKER).values_list(
        "local_reference", flat=True
    )
    return {int(reference[start : start + 5]) for reference in references.iterator(10000)}


def _work(batches, slots, batch_size, pools, seed, emails, done) -> None:
    """Make `batches`, telling `done` (a queue) how many children each made."""
    for batch in batches:
        done.put(
            make_batch(
                batch, slots[batch * batch_size : (batch + 1) * batch_size], pools, seed, emails
            )
        )
    connection.close()


def generate(
    *,
    children: int,
    services: int,
    seed: int = 2021,
    batch_size: int = DEFAULT_BATCH,
    jobs: int = 1,
    write: Callable[[str], None] = lambda line: None,
) -> dict[str, int]:
    """Make (or finish making) the population. Returns what was made and how long it took.

    With `jobs` above 1 (PostgreSQL only), that many processes make batches side by side: each
    batch holds the audit chains' locks only while it appends its own entries, at its end. The
    trail is anchored at the end (`audit.anchors`), as a scheduled `audit_anchor` would.
    """
    _require_demo()
    started = time.monotonic()
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    with transaction.atomic():
        ensure_journey_defaults()
        ensure_plan_defaults()
        load_organisations()
        load_users(fake, settings.DEMO_PASSWORD)
        chosen = _ensure_services(services, fake)
        sizes = _service_sizes(children, len(chosen), rng)
        workers = _ensure_workers(chosen, sizes, seed)
    slots = _slots(chosen, sizes, workers, seed)
    names = Faker("en_GB")  # its own seed: the same names whatever the setup above drew
    names.seed_instance(seed)
    pools = _Pools(names)
    emails = dict(User.objects.values_list("id", "email"))
    total_batches = math.ceil(len(slots) / batch_size)
    finished = batches_done()
    todo = [batch for batch in range(total_batches) if batch not in finished]
    done_before = len(slots) - sum(len(slots[b * batch_size : (b + 1) * batch_size]) for b in todo)
    jobs = max(1, min(jobs, len(todo))) if connection.vendor == "postgresql" else 1
    made = 0
    if jobs == 1:
        for batch in todo:
            made += make_batch(
                batch, slots[batch * batch_size : (batch + 1) * batch_size], pools, seed, emails
            )
            _progress(done_before + made, len(slots), made, started, write)
    else:
        context = multiprocessing.get_context("fork")
        queue = context.Queue()
        connections.close_all()  # each process opens its own connection
        processes = [
            context.Process(
                target=_work,
                args=(todo[n::jobs], slots, batch_size, pools, seed, emails, queue),
                daemon=True,
            )
            for n in range(jobs)
        ]
        for process in processes:
            process.start()
        received = 0
        while received < len(todo):
            try:
                made += queue.get(timeout=2)
            except Empty:
                if not any(process.is_alive() for process in processes):
                    break  # a process failed: its batch was rolled back
                continue
            received += 1
            _progress(done_before + made, len(slots), made, started, write)
        for process in processes:
            process.join()
        if any(process.exitcode for process in processes):
            raise RuntimeError("A batch failed: run the command again to continue")
    write("\n")
    anchor()
    if made and connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, so the planner sees the new size
            cursor.execute("ANALYZE")
    return {
        "children_made": made,
        "batches_skipped": total_batches - len(todo),
        "seconds": round(time.monotonic() - started),
    }
