"""Load the London Resettlement Partnership's organisations: the 32 borough youth justice services,
the secure establishments that hold London's children, and the partnership itself.

Public names only. Administrators edit these afterwards; the reverse removes only rows this
migration created and nobody has since attached users or children to.
"""

import uuid

from django.db import migrations
from django.utils.text import slugify

BOROUGHS = [
    # (slug, borough or boroughs covered)
    ("barking-and-dagenham", "Barking and Dagenham"),
    ("barnet", "Barnet"),
    ("bexley", "Bexley"),
    ("brent", "Brent"),
    ("bromley", "Bromley"),
    ("camden", "Camden"),
    ("croydon", "Croydon"),
    ("ealing", "Ealing"),
    ("enfield", "Enfield"),
    ("greenwich", "Greenwich"),
    ("hackney", "Hackney and the City of London"),
    ("hammersmith-and-fulham", "Hammersmith and Fulham"),
    ("haringey", "Haringey"),
    ("harrow", "Harrow"),
    ("havering", "Havering"),
    ("hillingdon", "Hillingdon"),
    ("hounslow", "Hounslow"),
    ("islington", "Islington"),
    ("kensington-and-chelsea", "Kensington and Chelsea"),
    ("kingston-upon-thames", "Kingston upon Thames"),
    ("lambeth", "Lambeth"),
    ("lewisham", "Lewisham"),
    ("merton", "Merton"),
    ("newham", "Newham"),
    ("redbridge", "Redbridge"),
    ("richmond-upon-thames", "Richmond upon Thames"),
    ("southwark", "Southwark"),
    ("sutton", "Sutton"),
    ("tower-hamlets", "Tower Hamlets"),
    ("waltham-forest", "Waltham Forest"),
    ("wandsworth", "Wandsworth"),
    ("westminster", "Westminster"),
]

SECURE_ESTABLISHMENTS = [
    # (slug, name, type, area)
    ("feltham", "HMYOI Feltham", "yoi", "Hounslow, London"),
    ("werrington", "HMYOI Werrington", "yoi", "Staffordshire"),
    ("wetherby", "HMYOI Wetherby", "yoi", "West Yorkshire"),
    ("cookham-wood", "HMYOI Cookham Wood", "yoi", "Kent"),
    ("oakhill", "Oakhill Secure Training Centre", "stc", "Milton Keynes"),
    ("oasis-restore", "Oasis Restore Secure School", "secure_school", "Medway, Kent"),
    ("aldine-house", "Aldine House Secure Children's Home", "sch", "Sheffield"),
    ("barton-moss", "Barton Moss Secure Care Centre", "sch", "Salford"),
    ("adel-beck", "Adel Beck Secure Children's Home", "sch", "Leeds"),
    ("clayfields-house", "Clayfields House Secure Children's Home", "sch", "Nottinghamshire"),
    ("lincolnshire-secure-unit", "Lincolnshire Secure Unit", "sch", "Lincolnshire"),
    ("vinney-green", "Vinney Green Secure Children's Home", "sch", "Bristol"),
    ("swanwick-lodge", "Swanwick Lodge Secure Children's Home", "sch", "Hampshire"),
    ("kyloe-house", "Kyloe House Secure Children's Home", "sch", "Northumberland"),
    ("hillside", "Hillside Secure Children's Home", "sch", "Neath Port Talbot"),
    ("atkinson-unit", "Atkinson Secure Children's Home", "sch", "Devon"),
]

PARTNERSHIP = ("london-resettlement-partnership", "London Resettlement Partnership", "London")


def load(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    rows = [
        Organisation(
            public_id=uuid.uuid4(),
            slug=slug,
            name=f"{area.split(' and the City')[0]} Youth Justice Service",
            kind="yjs",
            subtype="",
            area=area,
        )
        for slug, area in BOROUGHS
    ]
    rows += [
        Organisation(
            public_id=uuid.uuid4(), slug=slug, name=name, kind="secure", subtype=kind, area=area
        )
        for slug, name, kind, area in SECURE_ESTABLISHMENTS
    ]
    slug, name, area = PARTNERSHIP
    rows.append(
        Organisation(public_id=uuid.uuid4(), slug=slug, name=name, kind="partnership", area=area)
    )
    existing = set(Organisation.objects.values_list("slug", flat=True))
    Organisation.objects.bulk_create([r for r in rows if r.slug not in existing])


def unload(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    slugs = [s for s, _ in BOROUGHS] + [s for s, *_ in SECURE_ESTABLISHMENTS] + [PARTNERSHIP[0]]
    Organisation.objects.filter(
        slug__in=slugs, users__isnull=True, owned_children__isnull=True
    ).delete()


assert len(BOROUGHS) == 32
assert all(slugify(s) == s for s, _ in BOROUGHS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("children", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, unload)]
