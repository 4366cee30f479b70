from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from resettle.web.demo import DEMO_SIGN_INS, DemoRefused, load_demo


class Command(BaseCommand):
    help = "Load synthetic demo data: organisations, one sign-in per role, and invented children."

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, default=300, help="How many children (300)")
        parser.add_argument(
            "--seed", type=int, default=2021, help="Random seed, for repeatable data"
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete all children first and load afresh"
        )

    def handle(self, *args, children: int, seed: int, reset: bool, **options):
        if children < 0:
            raise CommandError("--children must be 0 or more")
        try:
            result = load_demo(children=children, seed=seed, reset=reset)
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        if result["children_created"]:
            self.stdout.write(f"Created {result['children_created']} synthetic children.")
        else:
            self.stdout.write(
                f"Demo children already loaded ({result['children_total']}); use --reset to reload."
            )
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (password: {settings.DEMO_PASSWORD}):")
        for sign_in in DEMO_SIGN_INS:
            self.stdout.write(f"  {sign_in.email:<38} {sign_in.role.label}")
