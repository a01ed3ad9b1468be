"""Demo data: one district, two fictional schools of about 80 members each, five logins."""

import datetime
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from members import demo
from members.choices import DepartmentKind, Education, Gender, MemberStatus, PartyMembership, ProfessionalTitle
from members.models import Department, Member
from members.validators import id_check_digit
from unionhub.models import District, School
from unionhub.roles import Role

PASSWORD = "demo12345"
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_FEMALE = "静丽敏燕艳娟霞芳娜慧婷雪琳洁颖玲倩莉萍红梅兰月秀英华晶"
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆峰晨志"
DEPARTMENTS = [
    ("校长室", DepartmentKind.ADMINISTRATION),
    ("教务处", DepartmentKind.ADMINISTRATION),
    ("语文组", DepartmentKind.SUBJECT),
    ("数学组", DepartmentKind.SUBJECT),
    ("英语组", DepartmentKind.SUBJECT),
    ("理化生组", DepartmentKind.SUBJECT),
    ("政史地组", DepartmentKind.SUBJECT),
    ("艺体组", DepartmentKind.SUBJECT),
    ("后勤处", DepartmentKind.LOGISTICS),
]
POSTS = {
    DepartmentKind.ADMINISTRATION: ["副校长", "教务主任", "办公室主任", "教师"],
    DepartmentKind.SUBJECT: ["教师", "教师", "教师", "班主任", "教研组长", "备课组长"],
    DepartmentKind.LOGISTICS: ["会计", "保管员", "门卫", "后勤主任"],
}
SCHOOLS = [
    ("清溪区实验初级中学", "实验初中", "QX"),
    ("清溪区阳光小学", "阳光小学", "YG"),
]
# The school profile of each demo school: motto (校训), its meaning, a short introduction.
PROFILES = {
    "QX": {
        "motto": "明德 笃学 求实 创新",
        "motto_meaning": "明德，修身立德；笃学，潜心治学；求实，实事求是；创新，与时俱进。",
        "introduction": "清溪区实验初级中学是一所区属公办初级中学，现有教学班24个，教职工80余人。",
    },
    "YG": {
        "motto": "阳光 快乐 健康 向上",
        "motto_meaning": "让每一个孩子在阳光下快乐、健康地成长。",
        "introduction": "清溪区阳光小学是一所区属公办小学，现有教学班20个，教职工80余人。",
    },
}
ETHNIC_GROUPS = ["汉族"] * 18 + ["回族", "满族"]


class Command(BaseCommand):
    @property
    def help(self):
        return _("Load the demo district, schools, members and logins (password demo12345).")

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help=_("Delete every record first."))
        parser.add_argument("--if-empty", action="store_true", help=_("Do nothing when the database has data."))
        parser.add_argument("--seed", type=int, default=2018)

    def handle(self, *args, reset=False, if_empty=False, seed=2018, **options):
        User = get_user_model()
        has_data = User.objects.exists() or District.objects.exists()
        if if_empty and has_data:
            self.stdout.write(_("The database already has data; the demo data was not loaded."))
            return
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "Demo data can only be loaded in debug mode (DEBUG=True), "
                    "so that it never reaches a production database."
                )
            )
        if has_data:
            if not reset:
                raise CommandError(
                    _("The database already has data; to empty it and load the demo data again, add --reset.")
                )
            call_command("flush", interactive=False, verbosity=0)
        with scopes_disabled(), transaction.atomic():
            self.load(random.Random(seed))
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo data loaded. Logins: chair, staff, teacher, chair2, district; password %(password)s.")
                % {"password": PASSWORD}
            )
        )

    def load(self, rng):
        district = District.objects.create(name="清溪区教育工会")
        User = get_user_model()
        # The district's login is also its administrator: it adds schools and their chairs.
        User.objects.create_user(
            "district",
            password=PASSWORD,
            last_name="区工会",
            first_name="干事",
            role=Role.DISTRICT,
            district=district,
            manages_schools=True,
        )
        logins = [
            [("chair", Role.CHAIR), ("staff", Role.STAFF), ("teacher", Role.TEACHER)],
            [("chair2", Role.CHAIR)],
        ]
        schools = []
        for (name, short, prefix), school_logins in zip(SCHOOLS, logins, strict=True):
            school = School.objects.create(district=district, name=name, short_name=short, **PROFILES[prefix])
            members = self.load_school(rng, school, prefix)
            for (username, role), member in zip(school_logins, members, strict=False):
                member.user = User.objects.create_user(
                    username, password=PASSWORD, last_name=member.name, school=school, role=role
                )
                member.post = {Role.CHAIR: "工会主席", Role.STAFF: "工会委员"}.get(role, member.post)
                member.save()
            schools.append((school, members))
        # The apps built on members add their records (a year of the union's work…) once
        # every school and login exists, so the members themselves stay as they were.
        today = timezone.localdate()
        for school, members in schools:
            demo.seed_school(school, members, rng, today)

    def load_school(self, rng, school, prefix):
        departments = [
            Department.objects.create(school=school, name=name, kind=kind, position=i)
            for i, (name, kind) in enumerate(DEPARTMENTS)
        ]
        used_names, used_id_numbers = set(), set()
        members = []
        for n in range(80):
            gender = Gender.FEMALE if rng.random() < 0.62 else Gender.MALE
            name = self.unique_name(rng, gender, used_names)
            retired = n >= 70
            transferred = 66 <= n < 70
            age = rng.randint(60, 75) if retired else rng.randint(23, 58)
            birth = datetime.date(2026 - age, rng.randint(1, 12), rng.randint(1, 28))
            department = rng.choice(departments[2:8]) if rng.random() < 0.8 else rng.choice(departments)
            joined = datetime.date(max(birth.year + 22, 1985), 8, 28)
            status = (
                MemberStatus.RETIRED if retired else MemberStatus.TRANSFERRED if transferred else MemberStatus.ACTIVE
            )
            members.append(
                Member.objects.create(
                    school=school,
                    name=name,
                    gender=gender,
                    birth_date=birth,
                    ethnic_group=rng.choice(ETHNIC_GROUPS),
                    phone="1{}{:09d}".format(rng.choice("3589"), rng.randint(0, 999_999_999)),
                    id_card_number=self.unique_id_number(rng, birth, gender, used_id_numbers),
                    employee_number="{}{:04d}".format(prefix, n + 1),
                    department=department,
                    post=rng.choice(POSTS[department.kind]),
                    title=rng.choice(
                        [
                            ProfessionalTitle.SENIOR,
                            ProfessionalTitle.FIRST,
                            ProfessionalTitle.FIRST,
                            ProfessionalTitle.SECOND,
                            ProfessionalTitle.NONE,
                        ]
                        if age < 30
                        else [
                            ProfessionalTitle.SENIOR,
                            ProfessionalTitle.SENIOR,
                            ProfessionalTitle.FIRST,
                            ProfessionalTitle.FIRST,
                            ProfessionalTitle.PROFESSOR,
                        ]
                    ),
                    education=rng.choice([Education.BACHELOR] * 6 + [Education.MASTER, Education.COLLEGE]),
                    joined_school_on=joined,
                    joined_union_on=joined + datetime.timedelta(days=rng.randint(10, 60)),
                    # Those who came straight from university were hired by the school.
                    hired_on=joined if joined.year >= 2024 else None,
                    status=status,
                    status_changed_on=datetime.date(birth.year + 60, birth.month, 1)
                    if retired
                    else (datetime.date(2025, 8, 31) if transferred else None),
                    party_membership=rng.choice(
                        [PartyMembership.CPC] * 3
                        + [PartyMembership.MASSES] * 5
                        + [PartyMembership.LEAGUE, PartyMembership.DEMOCRATIC]
                    ),
                )
            )
        return members

    def unique_name(self, rng, gender, used):
        given = GIVEN_FEMALE if gender == Gender.FEMALE else GIVEN_MALE
        while True:
            name = rng.choice(SURNAMES) + "".join(rng.choice(given) for _ in range(rng.choice([1, 2])))
            if name not in used:
                used.add(name)
                return name

    def unique_id_number(self, rng, birth, gender, used):
        """An ID card number no other member of the school has (unique within a school)."""
        while True:
            number = self.id_number(rng, birth, gender)
            if number not in used:
                used.add(number)
                return number

    def id_number(self, rng, birth, gender):
        sequence = rng.randint(0, 99) * 10 + (
            rng.choice([1, 3, 5, 7, 9]) if gender == Gender.MALE else rng.choice([0, 2, 4, 6, 8])
        )
        first17 = "320412{:%Y%m%d}{:03d}".format(birth, sequence)
        return first17 + id_check_digit(first17)
