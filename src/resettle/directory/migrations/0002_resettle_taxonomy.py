"""Load the Resettle taxonomy: the plan's pathways and the kinds of support (directory.taxonomy).

Fixed ids, so every installation's terms are the same. The reverse removes only terms no service
uses.
"""

from django.db import migrations

from resettle.directory.taxonomy import (
    BRANCHES,
    TAXONOMY_DESCRIPTION,
    TAXONOMY_ID,
    TAXONOMY_NAME,
    TAXONOMY_VERSION,
    TERMS,
    term_id,
)


def load(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    taxonomy, _ = Taxonomy.objects.get_or_create(
        id=TAXONOMY_ID,
        defaults={
            "name": TAXONOMY_NAME,
            "description": TAXONOMY_DESCRIPTION,
            "version": TAXONOMY_VERSION,
        },
    )
    for branch, (name, description) in BRANCHES.items():
        TaxonomyTerm.objects.get_or_create(
            id=term_id(branch),
            defaults={
                "code": branch,
                "name": name,
                "description": description,
                "taxonomy": taxonomy,
                "taxonomy_name": TAXONOMY_NAME,
            },
        )
    for term in TERMS:
        TaxonomyTerm.objects.get_or_create(
            id=term.id,
            defaults={
                "code": term.code,
                "name": term.name,
                "description": term.description,
                "parent_id": term_id(term.branch),
                "taxonomy": taxonomy,
                "taxonomy_name": TAXONOMY_NAME,
            },
        )


def unload(apps, schema_editor):
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    ids = [term.id for term in TERMS]
    TaxonomyTerm.objects.filter(id__in=ids, attributes__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
