from django.core.management.base import BaseCommand

from studygroup.accounts.translations import compile_stale


class Command(BaseCommand):
    help = (
        "Compile the translation catalogues (locale/*/LC_MESSAGES/*.po) into .mo files, only "
        "those that are missing or older than their .po. Pure Python: no GNU gettext needed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile every catalogue.")

    def handle(self, *args, force: bool = False, **options):
        compiled = compile_stale(force=force)
        for po in compiled:
            self.stdout.write(f"compiled {po.with_suffix('.mo')}")
        if not compiled:
            self.stdout.write("translations are up to date")
