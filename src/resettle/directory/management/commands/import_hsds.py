from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resettle.audit.actors import COMMAND, Actor
from resettle.directory import importing, schemas


class Command(BaseCommand):
    help = (
        "Import services in Open Referral HSDS 3.0 into the menu of support: a JSON file of "
        "services (as /api/hsds/services/{id} gives them, a list of them or a Page), or a tabular "
        "data package (a folder or zip of CSV files). Every record is checked against the "
        "official schemas; a file with any problem imports nothing. Records are matched by id."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The JSON file, or the package's folder or zip")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count, and change nothing"
        )
        parser.add_argument(
            "--schemas",
            dest="schema_folder",
            help=(
                "The folder of HSDS 3.0's compiled schemas (service.json, tabular.json); "
                "by default the setting RESETTLE_HSDS_SCHEMAS"
            ),
        )

    def handle(self, *args, path: str, dry_run: bool, schema_folder: str | None, **options):
        source_path = Path(path)
        if not source_path.exists():
            raise CommandError(f"{source_path} does not exist.")
        try:
            folder = schemas.folder(schema_folder)
        except schemas.SchemasMissing as exc:
            raise CommandError(str(exc)) from exc
        source = importing.read(source_path, folder)
        report = importing.import_directory(Actor.system(via=COMMAND), source, dry_run=dry_run)
        for line in report.ignored:
            self.stdout.write(f"Ignored: {line}")
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"Rejected: {problem}")
            raise CommandError(f"{len(report.problems)} problem(s) found: nothing was imported.")
        for table, count in report.counts.items():
            if any(count.values()):
                self.stdout.write(
                    f"{table}: {count['new']} new, {count['changed']} changed, "
                    f"{count['unchanged']} unchanged"
                )
        if dry_run:
            self.stdout.write("Dry run: the file is valid. Nothing was changed.")
        else:
            self.stdout.write("Imported.")
