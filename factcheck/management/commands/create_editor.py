import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from factcheck.permissions import EDITORS_GROUP


class Command(BaseCommand):
    help = (
        "Create an editor: a user in the Editors group who can rate, publish and assign claims at /editor/ "
        "and work in the admin back office. The password is asked for twice, or read from standard input "
        "with --password-stdin. An existing user is made an editor (their password is kept unless given)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="The editor's e-mail address.")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from the first line of standard input."
        )
        parser.add_argument(
            "--no-admin", action="store_true", help="Panel only: no access to the admin back office (/admin/)."
        )

    def handle(self, *args, username, email, password_stdin, no_admin, **options):
        User = get_user_model()
        try:
            group = Group.objects.get(name=EDITORS_GROUP)
        except Group.DoesNotExist:
            raise CommandError(f"No “{EDITORS_GROUP}” group: run `python manage.py migrate` first.") from None

        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        creating = user is None
        if creating:
            user = User(**{User.USERNAME_FIELD: username}, email=email)
        elif email:
            user.email = email

        password = None
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        elif creating:
            password = self._prompt_password()
        if password is not None:
            if not password:
                raise CommandError("The password is empty.")
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError("Password refused: " + " ".join(error.messages)) from None
            user.set_password(password)

        user.is_active = True
        if not no_admin:
            user.is_staff = True
        with transaction.atomic():
            user.save()
            user.groups.add(group)
        what = "Created editor" if creating else "Made an editor of"
        admin = "panel only" if no_admin else "panel and admin"
        self.stdout.write(self.style.SUCCESS(f"{what} “{username}” ({admin})."))

    def _prompt_password(self) -> str:
        if not sys.stdin.isatty():
            raise CommandError("No terminal to ask for a password: use --password-stdin.")
        first = getpass.getpass("Password: ")
        second = getpass.getpass("Password (again): ")
        if first != second:
            raise CommandError("The passwords do not match.")
        return first
