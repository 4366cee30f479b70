"""Reading the menu of support: finding services, and one service with everything about it.

Each reader loads what its page shows in a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from .boroughs import ALL_LONDON
from .models import (
    OPEN_STATUSES,
    Attribute,
    Contact,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
)
from .taxonomy import PATHWAY, SUPPORT, term_id
from .values import DAY_CODES

MAX_WORDS = 10


@dataclass(frozen=True)
class Search:
    words: str = ""
    pathway: str = ""
    area: str = ""
    age: int | None = None
    support: str = ""
    open_now: bool = False
    include_closed: bool = False


def with_everything(services: QuerySet) -> QuerySet:
    """Services with all they hold (a service page, the HSDS export), in a fixed few queries."""
    return services.select_related("organization").prefetch_related(
        "attributes__taxonomy_term__taxonomy",
        "service_areas",
        "schedules",
        "phones",
        Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones")),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                "location__addresses",
                "location__phones",
                "location__schedules",
                "schedules",
                "phones",
                Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones")),
            ),
        ),
    )


def service_detail(service_id) -> Service:
    """One service with everything about it, or 404."""
    try:
        wanted = uuid.UUID(str(service_id))
    except ValueError as exc:
        raise Http404("No such service") from exc
    service = with_everything(Service.objects.filter(id=wanted)).first()
    if service is None:
        raise Http404("No such service")
    return service


def for_listing(services: QuerySet) -> QuerySet:
    """What a row of the search results shows: its organisation, terms and areas."""
    return services.select_related("organization").prefetch_related("attributes", "service_areas")


def open_at(moment: datetime) -> Q:
    """Services open at `moment`: active, with a weekly opening time that covers it."""
    local = timezone.localtime(moment)
    day, now = local.date(), local.time()
    schedules = (
        Schedule.objects.filter(
            byday__contains=DAY_CODES[local.weekday()], opens_at__lte=now, closes_at__gt=now
        )
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .exclude(freq=Schedule.Freq.MONTHLY)
    )
    return Q(status=ServiceStatus.ACTIVE) & (
        Exists(schedules.filter(service=OuterRef("pk")))
        | Exists(schedules.filter(service_at_location__service=OuterRef("pk")))
    )


def search_services(search: Search, now: datetime | None = None) -> QuerySet:
    services = Service.objects.all()
    if not search.include_closed:
        services = services.filter(status__in=OPEN_STATUSES)
    for word in search.words.split()[:MAX_WORDS]:
        services = services.filter(
            Q(name__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(description__icontains=word)
            | Q(eligibility_description__icontains=word)
            | Q(organization__name__icontains=word)
        )
    for branch, code in ((PATHWAY, search.pathway), (SUPPORT, search.support)):
        if code:
            services = services.filter(
                Exists(
                    Attribute.objects.filter(
                        service=OuterRef("pk"), taxonomy_term_id=term_id(branch, code)
                    )
                )
            )
    if search.area:
        areas = ServiceArea.objects.filter(
            service=OuterRef("pk"), borough__in=[search.area, ALL_LONDON]
        )
        services = services.filter(Exists(areas))
    if search.age is not None:
        services = services.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=search.age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=search.age),
        )
    if search.open_now:
        services = services.filter(open_at(now or timezone.now()))
    return services.order_by("name", "id")


# How many services a plan action's form suggests, at most.
SUGGESTED = 60


def suggested_services(
    *, pathway: str = "", area: str = "", age: int | None = None, also=None
) -> QuerySet:
    """Services to suggest for a child's plan action: active ones in the child's borough (or all
    of London) for their age, those on the action's pathway first, then by name. `also` (a
    service id) is offered whatever it is, so an action keeps the service it already has."""
    found = search_services(Search(area=area, age=age)).filter(status=ServiceStatus.ACTIVE)
    on_pathway = (
        Exists(
            Attribute.objects.filter(
                service=OuterRef("pk"), taxonomy_term_id=term_id(PATHWAY, pathway)
            )
        )
        if pathway
        else Value(False)
    )
    ids = list(
        found.annotate(on_pathway=on_pathway)
        .order_by("-on_pathway", "name", "id")
        .values_list("id", flat=True)[:SUGGESTED]
    )
    if also and also not in ids:
        ids.append(also)
    order = Case(*[When(id=pk, then=Value(n)) for n, pk in enumerate(ids)], default=Value(len(ids)))
    return (
        Service.objects.filter(id__in=ids)
        .select_related("organization")
        .annotate(suggested_order=order)
        .order_by("suggested_order")
    )
