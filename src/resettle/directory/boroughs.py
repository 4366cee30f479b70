"""The areas a service covers: the 32 London boroughs, and all of London.

Slugs are the ones the youth justice services have (`accounts` loads one service per borough, with
the same slug), so a YJS manager's borough is their organisation's slug. Each borough carries its
ONS GSS code, which HSDS exports give as the service area's `uri` so other directories can match
the area without reading its name.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ALL_LONDON = "london"
GSS = "http://statistics.data.gov.uk/id/statistical-geography/"

# (slug, name, GSS code)
BOROUGHS: list[tuple[str, str, str]] = [
    ("barking-and-dagenham", "Barking and Dagenham", "E09000002"),
    ("barnet", "Barnet", "E09000003"),
    ("bexley", "Bexley", "E09000004"),
    ("brent", "Brent", "E09000005"),
    ("bromley", "Bromley", "E09000006"),
    ("camden", "Camden", "E09000007"),
    ("croydon", "Croydon", "E09000008"),
    ("ealing", "Ealing", "E09000009"),
    ("enfield", "Enfield", "E09000010"),
    ("greenwich", "Greenwich", "E09000011"),
    ("hackney", "Hackney", "E09000012"),
    ("hammersmith-and-fulham", "Hammersmith and Fulham", "E09000013"),
    ("haringey", "Haringey", "E09000014"),
    ("harrow", "Harrow", "E09000015"),
    ("havering", "Havering", "E09000016"),
    ("hillingdon", "Hillingdon", "E09000017"),
    ("hounslow", "Hounslow", "E09000018"),
    ("islington", "Islington", "E09000019"),
    ("kensington-and-chelsea", "Kensington and Chelsea", "E09000020"),
    ("kingston-upon-thames", "Kingston upon Thames", "E09000021"),
    ("lambeth", "Lambeth", "E09000022"),
    ("lewisham", "Lewisham", "E09000023"),
    ("merton", "Merton", "E09000024"),
    ("newham", "Newham", "E09000025"),
    ("redbridge", "Redbridge", "E09000026"),
    ("richmond-upon-thames", "Richmond upon Thames", "E09000027"),
    ("southwark", "Southwark", "E09000028"),
    ("sutton", "Sutton", "E09000029"),
    ("tower-hamlets", "Tower Hamlets", "E09000030"),
    ("waltham-forest", "Waltham Forest", "E09000031"),
    ("wandsworth", "Wandsworth", "E09000032"),
    ("westminster", "Westminster", "E09000033"),
]
LONDON_GSS = "E12000007"

BOROUGH_NAMES: dict[str, str] = {slug: name for slug, name, _code in BOROUGHS}
AREA_NAMES: dict[str, str] = {**BOROUGH_NAMES, ALL_LONDON: "London"}
AREA_URIS: dict[str, str] = {
    **{slug: GSS + code for slug, _name, code in BOROUGHS},
    ALL_LONDON: GSS + LONDON_GSS,
}


def area_choices() -> list[tuple[str, str]]:
    """Every borough, then all of London, for a form."""
    return [*((slug, name) for slug, name, _code in BOROUGHS), (ALL_LONDON, _("All of London"))]


def area_from(name: str = "", uri: str = "") -> str:
    """The area slug an HSDS service area names (by GSS code, else by name), or "" if none."""
    by_uri = {value: slug for slug, value in AREA_URIS.items()}
    if uri and uri.strip() in by_uri:
        return by_uri[uri.strip()]
    wanted = " ".join((name or "").lower().split())
    for slug, area in AREA_NAMES.items():
        label = area.lower()
        if wanted == label or wanted.startswith(f"{label} and the city"):
            return slug
    return ALL_LONDON if wanted in {"all of london", "greater london", "london-wide"} else ""


assert len(BOROUGHS) == 32
