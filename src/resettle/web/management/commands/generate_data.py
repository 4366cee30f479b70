from django.core.management.base import BaseCommand, CommandError

from resettle.web.demo import DemoRefused
from resettle.web.demo.scale import DEFAULT_BATCH, generate


class Command(BaseCommand):
    help = (
        "Generate a synthetic population at national scale (demo settings only), in batches. "
        "Run it again to continue a run that stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, default=20000, help="How many children")
        parser.add_argument("--services", type=int, default=150, help="How many services")
        parser.add_argument("--seed", type=int, default=2021, help="Random seed (2021)")
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="Processes making batches side by side (PostgreSQL only; 2 on two cores)",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH,
            help=f"Children per batch, one transaction each ({DEFAULT_BATCH}); keep it the same "
            "when continuing a run",
        )

    def handle(self, *args, children, services, seed, batch_size, jobs, **options):
        if batch_size < 1 or children < 0 or services < 1:
            raise CommandError(
                "--children must be 0 or more, and --services and --batch-size 1 or more"
            )
        try:
            result = generate(
                children=children,
                services=services,
                seed=seed,
                batch_size=batch_size,
                jobs=jobs,
                write=lambda text: (self.stdout.write(text, ending=""), self.stdout.flush()),
            )
        except (DemoRefused, RuntimeError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Made {result['children_made']} synthetic children in {result['seconds']}s "
            f"({result['batches_skipped']} batches were already made)."
        )
