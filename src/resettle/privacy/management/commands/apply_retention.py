from django.core.management.base import BaseCommand

from resettle.privacy import retention


class Command(BaseCommand):
    help = (
        "Anonymise or delete children's records past their service's retention period. "
        "Use --dry-run first to list what would go."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would go and change nothing"
        )

    def handle(self, *args, dry_run: bool, **options):
        items = retention.due()
        if not items:
            self.stdout.write("No records are past their retention period.")
            return
        for item in items:
            self.stdout.write(
                f"{'would ' if dry_run else ''}{item.action} child {item.child.public_id} "
                f"({item.service.name}; order ended {item.order_ended_on:%-d %B %Y})"
            )
        if dry_run:
            self.stdout.write(f"Dry run: {len(items)} record(s) would be changed. Nothing was.")
            return
        counts = retention.apply(items)
        self.stdout.write(
            f"Anonymised {counts['anonymise']} and deleted {counts['delete']} record(s)."
        )
