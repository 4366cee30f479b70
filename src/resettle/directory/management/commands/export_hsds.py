import json
from pathlib import Path

from django.core.management.base import BaseCommand

from resettle.audit.actors import COMMAND, Actor
from resettle.audit.services import record
from resettle.directory import tabular
from resettle.directory.hsds import service_document
from resettle.directory.models import Service
from resettle.directory.queries import with_everything


class Command(BaseCommand):
    help = (
        "Export the menu of support in Open Referral HSDS 3.0: as services.json (fully nested "
        "services, as the API returns them) or as a tabular data package (CSV files and "
        "datapackage.json), into DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("dir", help="The folder to write into (made if missing)")
        parser.add_argument("--format", choices=["json", "tabular"], default="json")

    def handle(self, *args, dir: str, format: str, **options):  # noqa: A002 - the option's name
        folder = Path(dir)
        if format == "tabular":
            written = tabular.write_folder(folder)
            self.stdout.write(f"Wrote {len(written)} files of the tabular package to {folder}.")
        else:
            folder.mkdir(parents=True, exist_ok=True)
            services = with_everything(Service.objects.order_by("id"))
            documents = [service_document(service) for service in services]
            target = folder / "services.json"
            target.write_text(json.dumps(documents, indent=2, ensure_ascii=False) + "\n")
            self.stdout.write(f"Wrote {len(documents)} services to {target}.")
        record(Actor.system(via=COMMAND), "directory.exported", form=format)
