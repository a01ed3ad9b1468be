"""A new school and its chair from the shell: ``manage.py createschool``."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from unionhub.models import District, School
from unionhub.services import SchoolSetupError, create_school_with_chair


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Add a school and its union chair's login; the district is made when it does not exist. "
            "The chair's one-time password is printed once and must be changed at the first login."
        )

    def add_arguments(self, parser):
        parser.add_argument("district", help=_("the district's name, e.g. 清溪区教育工会"))
        parser.add_argument("name", help=_("the school's full name, e.g. 清溪区实验初级中学"))
        parser.add_argument("short_name", help=_("the school's short name, e.g. 实验初中"))
        parser.add_argument("chair_username", help=_("the chair's login name, e.g. qxsy_chair"))
        parser.add_argument("--chair-name", default="", help=_("the chair's name as shown, e.g. 刘梅兰"))

    def handle(self, *args, district, name, short_name, chair_username, chair_name="", **options):
        district, name, short_name = district.strip(), name.strip(), short_name.strip()
        chair_username, chair_name = chair_username.strip(), chair_name.strip()
        self.check_lengths(district, name, short_name, chair_username, chair_name)
        try:
            get_user_model().username_validator(chair_username)
        except ValidationError:
            raise CommandError(
                _("The login name may hold only letters, digits and @ . + - _ : %(username)s")
                % {"username": chair_username}
            ) from None
        try:
            created = create_school_with_chair(district, name, short_name, chair_username, chair_name)
        except SchoolSetupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Made the school %(school)s (%(district)s) and its chair's login %(username)s.")
                % {"school": created.school.name, "district": created.school.district.name, "username": chair_username}
            )
        )
        self.stdout.write(
            _("One-time password: %(password)s (shown only now; it must be changed at the first login)")
            % {"password": created.password}
        )

    def check_lengths(self, district, name, short_name, username, chair_name):
        User = get_user_model()
        limits = [
            (_("the district's name"), district, District._meta.get_field("name").max_length),
            (_("the school's full name"), name, School._meta.get_field("name").max_length),
            (_("the school's short name"), short_name, School._meta.get_field("short_name").max_length),
            (_("the chair's login name"), username, User._meta.get_field("username").max_length),
            (_("the chair's name"), chair_name, User._meta.get_field("last_name").max_length),
        ]
        for label, value, limit in limits:
            if len(value) > limit:
                raise CommandError(_("%(what)s is longer than %(limit)s characters.") % {"what": label, "limit": limit})
        # The short name may be left empty: the summary's title then uses the full name.
        for label, value, _limit in (limits[0], limits[1], limits[3]):
            if not value:
                raise CommandError(_("%(what)s may not be empty.") % {"what": label})
