"""Demo data: a union's year of work for a demo school, shaped like the seeds' summaries.

``seed_school_year`` is registered with ``members.demo`` and called by ``manage.py demo``
for each school once its members and logins exist. It covers the current school year
(September to August) up to ``today`` and the two before it, so that this school year and
this calendar year have records, and so do last school year and last calendar year to
compare them with (the earliest year without photos or attached lists, to load faster).
It writes nothing dated after ``today``.

Per school year: the numbered ethics month (师德建设月) with its launch, talk, essays,
discussions and pledge; the 个十百千万 drive and the teaching month (教学月); activities
in every category, with members, departments, women staff, retirees or everyone taking
part; sports events with photos; the 拒绝有偿补课 pledge (a few unsigned); ethics
assessment by term (one veto) and for last month; awards at every level; promotions;
青蓝工程 mentor pairs with meetings; 168 pairs with monthly logs; visits for each 六必访
reason; holiday greetings; hardship files with help given; mutual-aid grants. Clubs
(书法, 乒乓球, 篮球, 气排球), the places kept for the staff (the 职工之家 among them) and the
union's standing rules and disclosure channels are made once.
"""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import docx
from django.core.files.base import ContentFile
from django.utils import translation
from PIL import Image, ImageDraw, ImageFont
from simple_history.utils import bulk_create_with_history

from members.choices import DepartmentKind, Gender, MemberStatus, ProfessionalTitle
from unionhub.roles import Role
from unionhub.uploads import process_image, random_name
from unionhub.xlsx import Sheet, write_workbook

from .choices import (
    AssessmentPeriodKind,
    Audience,
    AwardKind,
    AwardLevel,
    AwardRecipientKind,
    AwardStatus,
    EthicsGrade,
    FacilityKind,
    Festival,
    FundingSource,
    HardshipStatus,
    PartnerKind,
    RuleKind,
    VisitedPerson,
    VisitReason,
    Weekday,
)
from .festivals import festival_date, festival_dates
from .models import (
    Activity,
    ActivityAttachment,
    ActivityPhoto,
    Award,
    Campaign,
    CareLog,
    CarePair,
    Category,
    Club,
    ClubSchedule,
    EthicsAssessment,
    EthicsPeriod,
    Facility,
    GreetingBatch,
    GreetingRecipient,
    HardshipAid,
    HardshipCase,
    MentorMeeting,
    MentorPair,
    MutualAidGrant,
    Partnership,
    PledgeDrive,
    PledgeSignature,
    Promotion,
    StandingRule,
    Visit,
    school_year_label,
    school_year_months,
)
from .validators import chinese_number

# The ethics month has been held every September since 2008: 2018's was the eleventh.
ETHICS_MONTH_FIRST_YEAR = 2008
ETHICS_THEMES = [
    "立德树人，做新时代“四有”好教师",
    "弘扬教育家精神，争做新时代“大先生”",
    "践行师德规范，办人民满意的教育",
    "学习十项准则，守住师德底线",
]
CLUBS = {
    "calligraphy": ("书法社", "每周三下午4:30，书画室", "练习毛笔字、钢笔字，每学期举办一次作品展。"),
    "table_tennis": (
        "乒乓球俱乐部",
        "每周二、周四下午4:30，教工乒乓球室",
        "教工乒乓球爱好者的俱乐部，每年举办校内比赛。",
    ),
    "basketball": ("教工篮球队", "每周五下午4:00，多功能球馆", "代表学校参加区教育系统篮球比赛。"),
    "volleyball": ("气排球队", "每周一下午4:30，多功能球馆", "每年秋季参加区教育系统气排球比赛。"),
}
# When and where each club meets: weekdays, from, until, place.
CLUB_WEEKS = {
    "calligraphy": ([Weekday.WEDNESDAY], datetime.time(16, 30), datetime.time(17, 30), "书画室"),
    "table_tennis": ([Weekday.TUESDAY, Weekday.THURSDAY], datetime.time(16, 30), datetime.time(17, 45), "教工乒乓球室"),
    "basketball": ([Weekday.FRIDAY], datetime.time(16, 0), datetime.time(17, 30), "多功能球馆"),
    "volleyball": ([Weekday.MONDAY], datetime.time(16, 30), datetime.time(17, 45), "多功能球馆"),
}
# Partnerships: partner, kind, name, start (school year, month, day), the activities
# done together (titles), the agreement's file name and what it says.
PARTNERSHIPS = [
    (
        "清溪街道阳光社区",
        PartnerKind.COMMUNITY,
        "校社结对共建",
        (9, 15),
        ("“个十百千万”行动公益服务进社区",),
        "校社结对共建协议.docx",
        "双方在家庭教育指导、志愿服务、社区教育等方面结对共建，学校每学期组织教师志愿者进社区服务不少于一次。",
    ),
    (
        "清溪区东湖中心学校",
        PartnerKind.SCHOOL,
        "城乡学校结对共建",
        (9, 20),
        ("校际教学交流活动",),
        "城乡学校结对共建协议.docx",
        "双方互派教师上课、评课，共享教研资源，每学期开展一次校际教学交流活动。",
    ),
]
# Places kept for the staff: name, kind, where, equipment, opened (which of the three
# school years, month, day; None for one the school has long had), notes.
FACILITIES = [
    (
        "教工健身房",
        FacilityKind.FITNESS,
        "综合楼一楼",
        "跑步机、动感单车、联合健身器械、哑铃",
        None,
        "工作日中午和放学后开放。",
    ),
    ("多功能球馆", FacilityKind.SPORTS, "综合楼二楼", "篮球场、排球场、羽毛球场", None, ""),
    (
        "教工乒乓球室",
        FacilityKind.SPORTS,
        "教学楼一楼东",
        "乒乓球桌四张、发球机",
        None,
        "乒乓球俱乐部每周二、周四在此活动。",
    ),
    ("教工阅览休闲区", FacilityKind.READING, "图书室", "咖啡机、沙发、茶几、摇椅、教育期刊", (0, 3, 1), ""),
    (
        "教工活动室",
        FacilityKind.STAFF_HOME,
        "行政楼三楼西",
        "工会文化墙、饮水机、两张休闲桌、一张五门柜、象棋、围棋、扑克牌",
        (1, 10, 15),
        "就近教师办公区开辟的职工之家，课间和午休可来休息。",
    ),
]
# The union's standing rules and the school's disclosure channels: title, kind, what it
# does, adopted and revised (school year, month, day; None when long kept or never revised).
STANDING_RULES = [
    (
        "六必访制度",
        RuleKind.CARE,
        "教职工结婚、生育、生病住院、直系亲属病故、退休、生活困难时，工会必登门看望慰问。",
        None,
        None,
    ),
    (
        "劳动争议调解制度",
        RuleKind.RIGHTS,
        "监督学校与教师签订劳动聘任合同；教职工与学校发生劳动争议时，由工会劳动争议调解小组协商调解。",
        None,
        (1, 3, 10),
    ),
    (
        "校务公开实施细则",
        RuleKind.DEMOCRACY,
        "规定招生、财务、基建、采购、职评、评先、考核等事项公开的内容、程序和时限。",
        (0, 9, 20),
        (2, 9, 25),
    ),
    ("校长意见箱", RuleKind.DISCLOSURE, "设在行政楼一楼大厅，每周由工会开箱，意见转校长室办理并答复。", None, None),
    ("校务公开栏", RuleKind.DISCLOSURE, "设在校门口，公示内容按月更新。", None, None),
    ("网上公示", RuleKind.DISCLOSURE, "活动事项和方案在学校网站和教师群公示。", (2, 9, 1), None),
]
SUBJECTS = {
    "语文组": "语文",
    "数学组": "数学",
    "英语组": "英语",
    "理化生组": "物理",
    "政史地组": "道德与法治",
    "艺体组": "体育",
}
PHOTO_COLOURS = [
    ((120, 170, 220), (90, 140, 70)),  # sky over a sports ground
    ((150, 190, 230), (170, 120, 80)),  # sky over a running track
    ((225, 215, 190), (190, 150, 100)),  # a gym hall with a wooden floor
    ((210, 220, 230), (70, 120, 170)),  # a hall with a blue court
]
SHIRTS = [(220, 40, 40), (30, 90, 200), (250, 200, 30), (250, 250, 250), (40, 160, 80), (240, 120, 30)]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
CHILD_GIVEN = [
    "子涵",
    "梓轩",
    "一诺",
    "浩宇",
    "欣怡",
    "雨桐",
    "思远",
    "嘉怡",
    "俊杰",
    "佳琪",
    "宇航",
    "晨曦",
    "博文",
    "可馨",
    "子豪",
    "若曦",
    "梦瑶",
    "天佑",
    "阳",
    "磊",
    "婷",
    "洋",
    "琪",
    "睿",
]
CARE_REASONS = [
    "父母在外务工，留守儿童，由祖辈照看，学习习惯较差。",
    "单亲家庭，性格内向，与同学交往少。",
    "家庭经济困难，父亲长期患病。",
    "数学基础薄弱，作业常不能按时完成。",
    "父母离异，情绪波动大，上课注意力不集中。",
    "沉迷手机游戏，成绩下滑明显。",
    "随迁子女，刚转入本校，学习跟不上。",
    "学习困难，语文阅读和写作能力较弱。",
]
CARE_NOTES = [
    "谈心{talks}次，电话联系家长两次，辅导{tutoring}次，作业完成情况有好转。",
    "家访一次，与家长商定在家学习计划；课后辅导{tutoring}次。",
    "谈心{talks}次，鼓励其参加班级活动；辅导数学{tutoring}次。",
    "与家长面谈一次，了解其近期情绪变化；辅导{tutoring}次。",
    "本月期中考试成绩有进步，谈心{talks}次，辅导{tutoring}次。",
]
MENTOR_TOPICS = [
    "听课评课：新授课的环节设计",
    "教学设计指导：单元整体教学",
    "班级管理经验交流",
    "公开课磨课",
    "作业设计与批改",
    "期中复习课指导",
    "家校沟通的方法",
    "教学反思交流",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Activities that come with a list of who took part: their file's name and sheet.
LISTS = {
    "在职教职工健康体检": ("在职教职工体检名单.xlsx", "体检名单"),
    "教职工拔河比赛": ("拔河比赛分组名单.xlsx", "分组名单"),
}
PLEDGE_TEXT = (
    "我自愿承诺：严格遵守《新时代中小学教师职业行为十项准则》，不组织、不参与有偿补课，"
    "不到校外培训机构兼职兼薪，不向学生推销教辅资料，自觉接受学生、家长和社会的监督。"
)


@dataclass
class Planned:
    """An activity of the plan: who takes part is a tuple of groups (see ``participants``)."""

    starts: datetime.date
    title: str
    category: str
    groups: tuple
    description: str
    ends: datetime.date = None
    campaign: str = None
    location: str = ""
    organiser: str = "校工会"
    outside: int = 0
    club: str = None
    photos: tuple = ()


def seed_school_year(school, members, rng, today):
    """Give ``school`` the previous and the current school year of the union's work, up to ``today``."""
    DemoYear(school, members, rng, today).seed()


class DemoYear:
    def __init__(self, school, members, rng, today):
        self.school = school
        self.rng = rng
        self.today = today
        self.primary = "小学" in school.name
        current = today.year if today.month >= 9 else today.year - 1
        self.school_years = (current - 2, current - 1, current)
        self.start = datetime.date(current - 2, 9, 1)
        self.members = list(members)
        self.active = [m for m in members if m.status == MemberStatus.ACTIVE]
        self.retirees = [m for m in members if m.status == MemberStatus.RETIRED]
        self.women = [m for m in self.active if m.gender == Gender.FEMALE]
        self.teachers = [m for m in self.active if m.department and m.department.kind == DepartmentKind.SUBJECT]
        self.by_role = {m.user.role: m for m in members if m.user_id and m.user.role}
        self.chair = self.by_role.get(Role.CHAIR, self.active[0])
        self.staff = self.by_role.get(Role.STAFF, self.active[1])
        self.teacher = self.by_role.get(Role.TEACHER)
        logins = [m for m in (self.chair, self.staff) if m]
        others = [m for m in self.active if m not in logins]
        self.committee = logins + rng.sample(others, 5)
        self.young = sorted(self.teachers, key=lambda m: m.birth_date or today, reverse=True)[:12]
        self.categories = {c.name: c for c in Category.objects.filter(school=school)}
        self.clubs = {}
        self.club_members = {}
        self.care_teachers = {}
        self.mentoring = {}
        self.hardship_members = []

    # Dates ---------------------------------------------------------------------------

    def on(self, school_year, month, day, workday=True, before=False):
        """The date in ``school_year`` (September to August); with ``workday``, moved off a
        weekend to the Monday after (or with ``before`` the Friday before)."""
        date = datetime.date(school_year + (month < 9), month, day)
        while workday and date.weekday() >= 5:
            date += datetime.timedelta(days=-1 if before else 1)
        return date

    def happened(self, date):
        return self.start <= date <= self.today

    def random_day(self, start, end):
        start, end = max(start, self.start), min(end, self.today)
        if end < start:
            return None
        return start + datetime.timedelta(days=self.rng.randrange((end - start).days + 1))

    def months_logged(self, school_year):
        """The months of ``school_year`` that are over."""
        this_month = self.today.replace(day=1)
        return [month for month in school_year_months(school_year) if month < this_month]

    # Whole school ------------------------------------------------------------------

    def seed(self):
        self.seed_clubs()
        self.seed_club_weeks()
        for school_year in self.school_years:
            self.seed_mentoring(school_year)
            self.seed_care(school_year)
        self.seed_hardship()
        self.seed_activities()
        self.seed_partnerships()
        self.seed_provisions()
        for school_year in self.school_years:
            self.seed_pledge(school_year)
            self.seed_ethics_terms(school_year)
            self.seed_awards(school_year)
            self.seed_promotions(school_year)
            self.seed_visits(school_year)
        self.seed_greetings()
        self.seed_mutual_aid()

    def seed_clubs(self):
        sporty = [m for m in self.active if m.birth_date and self.today.year - m.birth_date.year < 50]
        picks = {
            "calligraphy": self.rng.sample(self.active, 9) + self.rng.sample(self.retirees, min(3, len(self.retirees))),
            "table_tennis": self.rng.sample(self.active, 12),
            "basketball": ([m for m in sporty if m.gender == Gender.MALE] + sporty)[:8],
            "volleyball": self.rng.sample(sporty, min(12, len(sporty))),
        }
        for key, (name, schedule, description) in CLUBS.items():
            people = list(dict.fromkeys(picks[key]))
            club = Club.objects.create(
                school=self.school, name=name, schedule=schedule, leader=people[0], description=description
            )
            club.members.set(people)
            self.clubs[key] = club
            self.club_members[key] = people

    def seed_club_weeks(self):
        for key, (days, starts_at, ends_at, place) in CLUB_WEEKS.items():
            ClubSchedule.objects.create(
                club=self.clubs[key],
                weekdays="".join(str(day) for day in days),
                starts_at=starts_at,
                ends_at=ends_at,
                place=place,
            )

    def seed_partnerships(self):
        """Partnerships begun in the earliest school year, with their agreements and activities."""
        first_year = self.school_years[0]
        for partner, kind, programme, (month, day), titles, filename, terms in PARTNERSHIPS:
            signed = self.on(first_year, month, day)
            partnership = Partnership(
                school=self.school,
                partner=partner,
                kind=kind,
                programme=programme,
                started_on=signed,
                agreement_signed_on=signed,
                agreement_name=filename,
                agreement_content_type=DOCX,
                description=terms,
            )
            partnership.agreement.save(
                random_name("docx"), ContentFile(agreement_document(self.school, partner, programme, terms)), save=False
            )
            partnership.save()
            partnership.activities.set(Activity.objects.filter(school=self.school, title__in=titles))

    def seed_provisions(self):
        """The places kept for the staff and the union's standing rules, some long-standing,
        some opened, adopted or revised in one of the three school years."""

        def day(when):
            # Early in September this school year's dates may still be ahead: today at the latest.
            return None if when is None else min(self.on(self.school_years[when[0]], *when[1:]), self.today)

        for name, kind, place, equipment, opened, notes in FACILITIES:
            Facility.objects.create(
                school=self.school,
                name=name,
                kind=kind,
                place=place,
                equipment=equipment,
                opened_on=day(opened),
                description=notes,
            )
        for title, kind, what, adopted, revised in STANDING_RULES:
            StandingRule.objects.create(
                school=self.school,
                title=title,
                kind=kind,
                what_it_does=what,
                adopted_on=day(adopted),
                revised_on=day(revised),
            )

    # The activity log ---------------------------------------------------------------

    def participants(self, *groups):
        """Members of every group named (everyone, women, retirees, committee, teachers,
        young, club:<key>, care:<year>, mentoring:<year>, or an int: that many at random)."""
        chosen = []
        for group in groups:
            if group == "everyone":
                absent = set(self.rng.sample(self.active, self.rng.randint(0, 4)))
                chosen += [m for m in self.active if m not in absent]
            elif group == "women":
                chosen += self.women
            elif group == "retirees":
                chosen += self.retirees
            elif group == "committee":
                chosen += self.committee
            elif group == "teachers":
                chosen += self.teachers
            elif group == "young":
                chosen += self.young
            elif isinstance(group, int):
                chosen += self.rng.sample(self.active, min(group, len(self.active)))
            else:
                kind, key = group.split(":")
                source = {"club": self.club_members, "care": self.care_teachers, "mentoring": self.mentoring}[kind]
                chosen += source[key if kind == "club" else int(key)]
        return list(dict.fromkeys(chosen))

    def activity_plan(self, sy):
        """Every activity of school year ``sy`` that has happened, as ``Planned`` rows."""
        n = sy - ETHICS_MONTH_FIRST_YEAR + 1
        on = self.on
        care, mentoring = "care:{}".format(sy), "mentoring:{}".format(sy)
        hall, meeting_room, office = "学校报告厅", "会议室", "工会办公室"
        talk = "邀请区教师发展中心专家解读《新时代中小学教师职业行为十项准则》，结合身边案例谈师德底线。"
        tug = "以年级组为单位组队，{}支队伍参赛，{}获得冠军。".format(
            self.rng.randint(5, 7), self.rng.choice(["语文组", "数学组", "艺体组", "后勤处"])
        )
        P = Planned
        plan = [
            # The ethics month (师德建设月), every September.
            P(
                on(sy, 9, 1),
                "第{}个“师德建设月”活动启动仪式".format(chinese_number(n)),
                "师德师风建设",
                ("everyone",),
                "举行第{}个“师德建设月”启动仪式，校长作动员讲话，部署本月各项师德活动。".format(chinese_number(n)),
                campaign="ethics",
                location=hall,
                organiser="校工会、校长室",
            ),
            P(
                on(sy, 9, 8),
                "“争当三好教师”师德征文",
                "师德师风建设",
                (18,),
                "教师结合自己的教育实践撰写师德征文，评出一等奖3篇、二等奖5篇。",
                ends=on(sy, 9, 26, workday=False),
                campaign="ethics",
            ),
            P(
                on(sy, 9, 10),
                "教师节庆祝表彰大会暨师德承诺签名仪式",
                "师德师风建设",
                ("everyone",),
                "表彰本学年先进教师；全体教师签订拒绝有偿补课承诺书，承诺书在校园内公示。",
                campaign="ethics",
                location=hall,
                organiser="校工会、校长室",
            ),
            P(
                on(sy, 9, 12),
                "“教师讲堂”师德专题讲座",
                "师德师风建设",
                ("everyone",),
                talk,
                campaign="ethics",
                location=hall,
                outside=1,
            ),
            P(
                on(sy, 9, 16),
                "启动新一轮“168”爱生行动",
                "168爱生行动",
                (care,),
                "结对教师与学困生、留守儿童一对一结对，每月谈心家访不少于6次、辅导不少于8次。",
                campaign="ethics",
                organiser="校工会、德育处",
            ),
            P(
                on(sy, 9, 24),
                "师德大讨论分组座谈会",
                "师德师风建设",
                ("teachers",),
                "分教研组学习讨论《十项准则》，对照查找自身问题，做好整改。",
                campaign="ethics",
                location="各教研组办公室",
            ),
            # The teaching month (教学月), in November.
            P(
                on(sy, 11, 3),
                "教学月启动暨骨干教师示范课",
                "师能建设/专业成长",
                (25,),
                "骨干教师上示范课，发挥示范、引领和辐射作用。",
                campaign="teaching",
                location="录播教室",
                organiser="教务处、校工会",
            ),
            P(
                on(sy, 11, 12),
                "青年教师基本功比赛",
                "师能建设/专业成长",
                ("young",),
                "比赛粉笔字、钢笔字和课件制作，评出一等奖2名、二等奖4名。",
                campaign="teaching",
                location="阶梯教室",
                organiser="教务处、校工会",
            ),
            P(
                on(sy, 11, 19),
                "“青蓝工程”青年教师赛课",
                "师能建设/专业成长",
                (mentoring,),
                "青年教师同课异构，师傅和区教研员现场评课。",
                campaign="teaching",
                location="录播教室",
                organiser="教务处",
                outside=3,
            ),
            P(
                on(sy, 11, 26),
                "校际教学交流活动",
                "师能建设/专业成长",
                (20,),
                "与结对学校互派教师上课、评课，交流课堂教学和信息化教学手段的运用。",
                campaign="teaching",
                location="本校及结对学校",
                organiser="教务处",
                outside=15,
            ),
            # The 个十百千万 drive, in the spring term.
            P(
                on(sy, 3, 4),
                "师德建设“个十百千万”行动动员会",
                "师德师风建设",
                ("everyone",),
                "解读区教育局实施意见，要求全员参与，学校领导带头。",
                campaign="gsbqw",
                location=hall,
                organiser="校长室、校工会",
            ),
            P(
                on(sy, 4, 12),
                "“个十百千万”行动公益服务进社区",
                "师德师风建设",
                (15,),
                "教师志愿者为社区居民开展家庭教育咨询和作业辅导。",
                campaign="gsbqw",
                location="街道社区活动中心",
                outside=30,
            ),
            P(
                on(sy, 5, 20),
                "“个十百千万”行动家访交流会",
                "师德师风建设",
                ("teachers",),
                "班主任交流家访中的做法和体会，重点关注弱势群体学生家庭。",
                campaign="gsbqw",
                location=meeting_room,
                organiser="德育处、校工会",
            ),
            P(
                on(sy, 6, 17),
                "师德自查整改交流会",
                "师德师风建设",
                ("everyone",),
                "教师对照“十个方面的转变”查找问题，交流整改措施。",
                campaign="gsbqw",
                location=hall,
            ),
            # 理论学习
            P(
                on(sy, 10, 15),
                "《教师法》《教育法》《工会法》专题学习",
                "理论学习",
                ("everyone",),
                "学习法律法规，提高依法执教的意识。",
                location=hall,
            ),
            P(
                on(sy, 3, 18),
                "政治理论专题学习会",
                "理论学习",
                ("everyone",),
                "工会学习与党支部学习相结合。",
                location=hall,
                organiser="党支部、校工会",
            ),
            # 师能建设
            P(
                on(sy, 10, 22),
                "“青蓝工程”师徒结对签约仪式",
                "师能建设/专业成长",
                (mentoring, "committee"),
                "师徒签订结对协议，明确一学年的成长目标。",
                location=meeting_room,
                organiser="教务处、校工会",
            ),
            P(
                on(sy, 12, 3),
                "教育信息化应用能力培训",
                "师能建设/专业成长",
                ("everyone",),
                "培训智慧课堂平台和交互式大屏的使用，提高教师信息化应用能力。",
                location="计算机房",
                organiser="教务处",
                outside=1,
            ),
            P(
                on(sy, 7, 7),
                "暑期教师全员培训",
                "师能建设/专业成长",
                ("everyone",),
                "为期三天的暑期校本培训：师德专题、课堂教学改革和心理健康教育。",
                ends=on(sy, 7, 9, workday=False),
                location=hall,
                organiser="教务处、校工会",
                outside=2,
            ),
            # 民主管理, 校务公开
            P(
                on(sy, 12, 17),
                "教代会提案征集座谈会",
                "民主管理",
                ("committee", 8),
                "听取教职工对学校发展和绩效工资方案的意见，征集下次教代会提案。",
                location=meeting_room,
            ),
            P(
                on(sy, 1, 14),
                "教师民主生活会",
                "民主管理",
                ("everyone",),
                "教师对学校发展建言献策，学校就教师关心的问题逐条答复。",
                location=hall,
            ),
            P(
                on(sy, 6, 25),
                "民主评议校级领导干部",
                "民主管理",
                ("everyone",),
                "全体教职工民主评议校级领导。",
                location=hall,
                organiser="校工会、党支部",
            ),
            P(
                on(sy, 10, 30),
                "校务公开栏更新暨意见箱开箱",
                "校务公开",
                ("committee",),
                "更新校务公开栏，公开本学期财务收支和评优评先结果；开启校长意见箱，收到建议{}条。".format(
                    self.rng.randint(3, 9)
                ),
                location="行政楼一楼",
            ),
            P(
                on(sy, 4, 28),
                "校务公开工作自查",
                "校务公开",
                ("committee",),
                "对照校务公开实施细则自查，整改两项。",
                location=meeting_room,
            ),
            # 关爱与维权, 健康体检
            P(
                on(sy, 1, 18),
                "“送温暖”走访慰问困难职工",
                "关爱与维权",
                ("committee",),
                "工会委员分组走访困难职工和生病教职工家庭，送去慰问金和年货。",
            ),
            P(
                on(sy, 11, 20),
                "无偿献血活动",
                "关爱与维权",
                (8,),
                "8位教职工参加无偿献血。",
                location="区中心血站献血车",
            ),
            P(on(sy, 12, 10), "慈善一日捐", "关爱与维权", ("everyone",), "全体教职工参加慈善一日捐活动。"),
            P(
                on(sy, 11, 6),
                "在职教职工健康体检",
                "健康体检",
                ("everyone",),
                "一年一次的在职教职工体检，女教职工加做妇科检查。",
                ends=on(sy, 11, 7, workday=False),
                location="区人民医院体检中心",
            ),
            P(
                on(sy, 5, 16),
                "退休教师健康体检",
                "健康体检",
                ("retirees",),
                "组织退休教师体检。",
                location="区人民医院体检中心",
            ),
            # 文体活动: the sports events have photos.
            P(
                on(sy, 3, 27),
                "教职工拔河比赛",
                "文体活动",
                ("everyone",),
                tug,
                location="学校操场",
                photos=("拔河比赛决赛现场", "齐心协力", "获奖队伍合影"),
            ),
            P(
                on(sy, 10, 28),
                "教职工气排球比赛",
                "文体活动",
                ("club:volleyball", 10),
                "各年级组混合编队参赛，共赛8场。",
                location="多功能球馆",
                club="volleyball",
                photos=("气排球比赛现场", "扣球瞬间"),
            ),
            P(
                on(sy, 11, 27),
                "教职工乒乓球赛",
                "文体活动",
                ("club:table_tennis", 8),
                "男子单打、女子单打和混合双打三个项目。",
                location="教工乒乓球室",
                club="table_tennis",
                photos=("乒乓球赛女子单打", "混合双打决赛"),
            ),
            P(
                on(sy, 12, 24),
                "教工冬季趣味运动会",
                "文体活动",
                ("everyone",),
                "设踢毽子、跳长绳、托球跑、投篮四个项目，以年级组为单位计团体总分。",
                location="学校操场",
                photos=("跳长绳比赛", "托球跑接力", "颁奖仪式"),
            ),
            P(
                on(sy, 12, 30),
                "庆元旦教职工联欢会",
                "文体活动",
                ("everyone",),
                "教师利用业余时间排练节目，抽奖与节目穿插进行。",
                location=hall,
            ),
            P(
                on(sy, 5, 22),
                "区教育系统教职工篮球比赛",
                "文体活动",
                ("club:basketball",),
                "学校派出教工篮球队参赛，获二等奖。",
                location="区体育馆",
                organiser="区教育工会",
                club="basketball",
                photos=("篮球比赛小组赛", "教工篮球队合影"),
            ),
            P(
                on(sy, 1, 8),
                "书法社迎新春写春联",
                "文体活动",
                ("club:calligraphy",),
                "书法社教师和退休教师为教职工书写春联、福字。",
                location="书画室",
                organiser="书法社",
            ),
            # 女工工作
            P(
                on(sy, 3, 7, before=True),
                "“三八”妇女节女教师座谈交流会",
                "女工工作",
                ("women",),
                "女教师座谈交流，学习先进事迹，鼓励女教师为学校发展贡献力量。",
                location=meeting_room,
                organiser="校工会女工委",
            ),
            P(
                on(sy, 3, 8, workday=False),
                "女教职工插花活动",
                "女工工作",
                ("women",),
                "请花艺老师指导插花，庆祝“三八”妇女节。",
                location="教工活动室",
                organiser="校工会女工委",
                outside=1,
            ),
            P(
                on(sy, 10, 17),
                "女教职工健康知识讲座",
                "女工工作",
                ("women",),
                "邀请区妇幼保健院医生讲解女性常见病的预防。",
                location=meeting_room,
                organiser="校工会女工委",
                outside=1,
            ),
            # 离退休工作
            P(
                festival_date(Festival.DOUBLE_NINTH, sy),
                "重阳节退休教师祝寿座谈会",
                "离退休工作",
                ("retirees", "committee"),
                "为退休教师祝寿，通报学校发展情况，听取退休教师的意见。",
                location=meeting_room,
            ),
            P(
                on(sy, 1, 22),
                "退休教师迎新春茶话会",
                "离退休工作",
                ("retirees", "committee"),
                "校领导向退休教师拜年。",
                location="教工活动室",
            ),
            P(
                on(sy, 7, 3),
                "欢送退休教师座谈会",
                "离退休工作",
                ("committee", 6),
                "召开小型座谈会，欢送本学年退休的教师。",
                location=meeting_room,
            ),
            # 工会自身建设
            P(
                on(sy, 9, 5),
                "工会委员会例会：学期工作部署",
                "工会自身建设",
                ("committee",),
                "讨论本学期工会工作计划，分工落实。",
                location=office,
            ),
            P(
                on(sy, 1, 20),
                "工会年度工作总结会",
                "工会自身建设",
                ("committee",),
                "回顾一年的工会工作，查找不足。",
                location=office,
            ),
            P(
                on(sy, 2, 24),
                "工会小组长会议",
                "工会自身建设",
                ("committee", 6),
                "布置本学期工会小组活动。",
                location=office,
            ),
            # 168爱生行动
            P(
                on(sy, 1, 10),
                "“爱生案例”征集交流会",
                "168爱生行动",
                (care,),
                "结对教师交流爱生案例，评出优秀案例{}篇。".format(self.rng.randint(3, 6)),
                location=meeting_room,
                organiser="德育处、校工会",
            ),
        ]
        return [p for p in plan if self.happened(p.starts) and (p.ends is None or p.ends <= self.today)]

    def campaigns_for(self, sy):
        n = sy - ETHICS_MONTH_FIRST_YEAR + 1
        ethics_launch = self.on(sy, 9, 1)
        return {
            "ethics": (
                "师德建设月",
                n,
                ETHICS_THEMES[n % len(ETHICS_THEMES)],
                "师德师风建设",
                ethics_launch,
                datetime.date(sy, 9, 30),
                "以每年九月师德建设月为契机，制定实施方案，开展师德教育活动。",
            ),
            "teaching": (
                "教学月",
                None,
                "聚焦课堂，提质增效",
                "师能建设/专业成长",
                self.on(sy, 11, 3),
                datetime.date(sy, 11, 28),
                "开展示范课、赛课和基本功比赛，促进青年教师专业成长。",
            ),
            "gsbqw": (
                "个十百千万行动",
                None,
                "师德建设“个十百千万”行动",
                "师德师风建设",
                self.on(sy, 3, 4),
                datetime.date(sy + 1, 6, 30),
                "全员参与开展家访、公益服务，查找自身问题、做好整改，不断加强自身的师德修养。",
            ),
        }

    def seed_activities(self):
        campaigns = {}
        new_campaigns = []
        for sy in self.school_years:
            for key, (title, number, theme, category, launched, ends, description) in self.campaigns_for(sy).items():
                if not self.happened(launched):
                    continue
                campaign = Campaign(
                    school=self.school,
                    title=title,
                    number=number,
                    theme=theme,
                    category=self.categories[category],
                    launched_on=launched,
                    ends_on=ends if ends <= self.today else None,
                    description=description,
                )
                campaigns[(sy, key)] = campaign
                new_campaigns.append(campaign)
        bulk_create_with_history(new_campaigns, Campaign)

        activities, people, photos = [], [], []
        for sy in self.school_years:
            for planned in self.activity_plan(sy):
                activities.append(
                    Activity(
                        school=self.school,
                        title=planned.title,
                        category=self.categories[planned.category],
                        campaign=campaigns.get((sy, planned.campaign)),
                        club=self.clubs[planned.club] if planned.club else None,
                        starts_on=planned.starts,
                        ends_on=planned.ends,
                        location=planned.location,
                        organiser=planned.organiser,
                        description=planned.description,
                        outside_participants=planned.outside,
                    )
                )
                people.append(self.participants(*planned.groups))
                # The earliest year is lighter: no photos, no lists of who took part.
                photos.append(planned.photos if sy != self.school_years[0] else None)
        activities = bulk_create_with_history(activities, Activity)
        through = Activity.participants.through
        through.objects.bulk_create(
            through(activity_id=activity.pk, member_id=member.pk)
            for activity, members in zip(activities, people, strict=True)
            for member in members
        )
        for activity, captions, members in zip(activities, photos, people, strict=True):
            if captions is None:
                continue
            for n, caption in enumerate(captions):
                stored, thumbnail = process_image(self.event_photo(activity, caption, n))
                ActivityPhoto.objects.create(activity=activity, image=stored, thumbnail=thumbnail, caption=caption)
            if activity.title in LISTS:
                self.attach_list(activity, members)

    def attach_list(self, activity, members):
        """A spreadsheet of who took part, as staff attach to a health check or a match."""
        filename, sheet = LISTS[activity.title]
        ordered = sorted(members, key=lambda m: (m.department_id or 0, m.name_pinyin))
        with translation.override("zh-hans"):
            rows = [
                (n, m.name, str(m.get_gender_display()), m.department.name if m.department else "")
                for n, m in enumerate(ordered, start=1)
            ]
        content = write_workbook([Sheet(sheet, ["序号", "姓名", "性别", "部门"], rows)])
        attachment = ActivityAttachment(activity=activity, original_name=filename, content_type=XLSX, size=len(content))
        attachment.file.save(random_name("xlsx"), ContentFile(content), save=False)
        attachment.save()

    def event_photo(self, activity, caption, n):
        """A picture of a sports event: a banner with its title over a crowd, and a caption."""
        rng = self.rng
        width, height = 1200, 800
        outdoors = "操场" in activity.location
        sky, ground = PHOTO_COLOURS[(0 if outdoors else 2) + (activity.pk + n) % 2]
        image = Image.new("RGB", (width, height), sky)
        draw = ImageDraw.Draw(image)
        horizon = rng.randint(300, 380)
        draw.rectangle([0, horizon, width, height], fill=ground)
        draw.rectangle([120, 60, width - 120, 150], fill=(200, 20, 30))
        title_font, caption_font = _font(44), _font(34)
        banner = "{}{}".format(self.school.name, activity.title)
        if title_font:
            _centred(draw, banner, (width // 2, 105), title_font, (255, 230, 120))
        for row in range(3):
            y = horizon + 60 + row * 110
            for x in range(60 + row * 25, width - 40, rng.randint(70, 95)):
                x += rng.randint(-12, 12)
                draw.rectangle([x - 22, y, x + 22, y + 80], fill=rng.choice(SHIRTS))
                draw.ellipse([x - 17, y - 36, x + 17, y - 2], fill=(235, 200, 170))
                draw.ellipse([x - 17, y - 38, x + 17, y - 18], fill=(30, 25, 25))
        draw.rectangle([0, height - 70, width, height], fill=(0, 0, 0))
        if caption_font:
            text = "{} · {:%Y-%m-%d}".format(caption, activity.starts_on)
            _centred(draw, text, (width // 2, height - 35), caption_font, (255, 255, 255))
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=85)
        return ContentFile(buffer.getvalue(), name="photo.jpg")

    # Pledges and ethics assessment -------------------------------------------------

    def seed_pledge(self, sy):
        opened = self.on(sy, 9, 10)
        if not self.happened(opened):
            return
        drive = PledgeDrive.objects.create(
            school=self.school, title="拒绝有偿补课公开承诺", year=sy, text=PLEDGE_TEXT, opened_on=opened
        )
        logins = {self.chair, self.staff, self.teacher}
        unsigned = set(self.rng.sample([m for m in self.active if m not in logins], self.rng.randint(2, 4)))
        signatures = []
        for member in self.active:
            signed = opened + datetime.timedelta(days=self.rng.choice([0, 0, 0, 1, 2, 5]))
            keep = member not in unsigned and signed <= self.today
            signatures.append(PledgeSignature(drive=drive, member=member, signed_on=signed if keep else None))
        bulk_create_with_history(signatures, PledgeSignature)

    def seed_ethics_terms(self, sy):
        terms = [
            ("{}第一学期".format(school_year_label(sy)), datetime.date(sy, 9, 1), datetime.date(sy + 1, 1, 31)),
            ("{}第二学期".format(school_year_label(sy)), datetime.date(sy + 1, 2, 1), datetime.date(sy + 1, 7, 10)),
        ]
        for n, (title, starts, ends) in enumerate(terms):
            if ends <= self.today:
                # One veto, in the last term that is surely over: the previous year's second.
                veto = sy == self.school_years[-2] and n == 1
                self.ethics_period(title, AssessmentPeriodKind.TERM, starts, ends, veto=veto)
        if sy == self.school_years[-1]:
            ends = self.today.replace(day=1) - datetime.timedelta(days=1)
            self.ethics_period(
                "{}年{}月".format(ends.year, ends.month), AssessmentPeriodKind.MONTH, ends.replace(day=1), ends
            )

    def ethics_period(self, title, kind, starts, ends, veto=False):
        period = EthicsPeriod.objects.create(school=self.school, title=title, kind=kind, starts_on=starts, ends_on=ends)
        logins = {self.chair, self.staff, self.teacher}
        vetoed = self.rng.choice([m for m in self.active if m not in logins]) if veto else None
        rows = []
        for member in self.active:
            if member is vetoed:
                rows.append(
                    EthicsAssessment(
                        period=period,
                        member=member,
                        grade=EthicsGrade.FAIL,
                        vetoed=True,
                        veto_reason="经家长举报并查实，在校外培训机构有偿补课，违反拒绝有偿补课承诺。",
                    )
                )
                continue
            score = (
                Decimal(self.rng.choice([78, 84, 86, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97]))
                + Decimal(self.rng.randint(0, 9)) / 10
            )
            grade = EthicsGrade.EXCELLENT if score >= 90 else EthicsGrade.GOOD if score >= 80 else EthicsGrade.PASS
            monthly = kind == AssessmentPeriodKind.MONTH
            rows.append(EthicsAssessment(period=period, member=member, score=None if monthly else score, grade=grade))
        bulk_create_with_history(rows, EthicsAssessment)

    # Awards, promotions, mentoring ----------------------------------------------------

    def seed_awards(self, sy):
        rng = self.rng
        subject = rng.choice(["语文", "数学", "英语"])
        lesson = {
            "语文": "《背影》" if not self.primary else "《落花生》",
            "数学": "《一元一次方程的应用》" if not self.primary else "《分数的初步认识》",
            "英语": "《Unit 3 Welcome to our school》" if not self.primary else "《Unit 5 Our new home》",
        }[subject]
        project = rng.choice(
            ["{}群文阅读教学实践研究", "基于核心素养的{}作业设计研究", "信息技术支持下的{}课堂教学研究"]
        ).format("初中" + subject if not self.primary else "小学" + subject)
        paper = rng.choice(["让每一个学生都被看见", "双减背景下的分层作业设计", "家访中的沟通艺术"])
        applied_lesson = "“一师一优课”{}".format(lesson)
        young = self.young

        def one(k):
            return rng.sample(self.teachers, k)

        plans = [
            (datetime.date(sy, 9, 10), AwardKind.HONOUR, AwardLevel.DISTRICT, "区师德标兵", "", "区教育局", one(1)),
            (
                datetime.date(sy, 9, 10),
                AwardKind.HONOUR,
                AwardLevel.SCHOOL,
                "十佳阳光教师",
                "",
                self.school.name,
                one(10),
            ),
            (
                self.on(sy, 10, 25),
                AwardKind.COMPETITION,
                AwardLevel.NATION,
                "全国中小学信息技术创新与实践活动",
                "优秀指导教师",
                "中国教育学会",
                one(1),
            ),
            (
                self.on(sy, 11, 28),
                AwardKind.COMPETITION,
                AwardLevel.DISTRICT,
                "区青年教师基本功比赛",
                "一等奖",
                "区教育局",
                [rng.choice(young)],
            ),
            (
                self.on(sy, 12, 15),
                AwardKind.COMPETITION,
                AwardLevel.DISTRICT,
                "区{}优质课评比".format(subject),
                "二等奖",
                "区教师发展中心",
                one(1),
            ),
            (self.on(sy, 12, 20), AwardKind.HONOUR, AwardLevel.DISTRICT, "学习型组织", "", "区教育工会", None),
            (
                self.on(sy, 1, 9),
                AwardKind.RESEARCH,
                AwardLevel.CITY,
                "市级课题《{}》".format(project),
                "",
                "市教育科学规划领导小组",
                one(3),
            ),
            (
                self.on(sy, 1, 12),
                AwardKind.HONOUR,
                AwardLevel.CITY,
                "市教育系统校务公开先进集体",
                "",
                "市教育局",
                "school",
            ),
            (
                self.on(sy, 3, 30),
                AwardKind.COMPETITION,
                AwardLevel.CITY,
                "市中小学青年教师教学基本功大赛",
                "三等奖",
                "市教育局",
                [rng.choice(young)],
            ),
            (
                self.on(sy, 4, 20),
                AwardKind.OPEN_LESSON,
                AwardLevel.DISTRICT,
                "区级公开课{}".format(lesson),
                "",
                "区教师发展中心",
                one(1),
            ),
            (
                self.on(sy, 5, 23),
                AwardKind.COMPETITION,
                AwardLevel.DISTRICT,
                "区教育系统教职工篮球比赛",
                "二等奖",
                "区教育工会",
                "club",
            ),
            (
                self.on(sy, 6, 10),
                AwardKind.PAPER_AWARDED,
                AwardLevel.PROVINCE,
                "论文《{}》".format(paper),
                "二等奖",
                "省陶行知研究会",
                one(1),
            ),
            # Published, applied for, nominated and township-level: the teachers picked in
            # order, so the draws above stay as they were.
            (
                self.on(sy, 3, 15),
                AwardKind.PAPER_PUBLISHED,
                AwardLevel.PROVINCE,
                "论文《{}》".format(paper),
                "",
                "",
                self.teachers[:1],
            ),
            (
                self.on(sy, 4, 28),
                AwardKind.OPEN_LESSON,
                AwardLevel.TOWNSHIP,
                "街道教学开放日展示课{}".format(lesson),
                "",
                "街道教育办",
                self.teachers[1:2],
            ),
            (
                self.on(sy, 5, 12),
                AwardKind.OPEN_LESSON,
                AwardLevel.DISTRICT,
                applied_lesson,
                "",
                "区教师发展中心",
                self.teachers[2:3],
            ),
        ]
        extra = {
            AwardKind.RESEARCH: {"status": AwardStatus.APPROVED},
            AwardKind.PAPER_PUBLISHED: {"status": AwardStatus.PUBLISHED, "journal": "江苏教育"},
        }
        awards, people = [], []
        for date, kind, level, title, rank, issuer, who in plans:
            if not self.happened(date):
                continue
            award = Award(
                school=self.school,
                title=title,
                kind=kind,
                level=level,
                rank=rank,
                awarded_on=date,
                issuer=issuer,
                **extra.get(kind, {}),
            )
            if title == applied_lesson:
                award.programme, award.status = "一师一优课", AwardStatus.APPLIED
            if who is None:
                award.recipient_kind = AwardRecipientKind.GROUP
                award.group_name = rng.choice(["高年级语文组", "数学组", "英语组"]) if self.primary else "语文组"
                who = []
            elif who == "school":
                award.recipient_kind = AwardRecipientKind.SCHOOL
                who = []
            elif who == "club":
                award.club = self.clubs["basketball"]
                who = self.club_members["basketball"][:5]
            awards.append(award)
            people.append(who)
        awards = bulk_create_with_history(awards, Award)
        through = Award.members.through
        through.objects.bulk_create(
            through(award_id=award.pk, member_id=member.pk)
            for award, who in zip(awards, people, strict=True)
            for member in who
        )

    def seed_promotions(self, sy):
        date = self.on(sy, 12, 28)
        if not self.happened(date):
            return
        rows = []
        for title, note in [
            (ProfessionalTitle.FIRST, "经区中小学教师职称评审委员会评审通过"),
            (ProfessionalTitle.SENIOR, "经市中小学高级教师职称评审委员会评审通过"),
        ]:
            candidates = [m for m in self.teachers if m.title == title]
            if candidates:
                rows.append(
                    Promotion(
                        school=self.school, member=self.rng.choice(candidates), title=title, promoted_on=date, note=note
                    )
                )
        bulk_create_with_history(rows, Promotion)

    def seed_mentoring(self, sy):
        signed = self.on(sy, 10, 22)
        if not self.happened(signed):
            self.mentoring[sy] = []
            return
        mentees = self.rng.sample(self.young, 4)
        pairs = []
        for mentee in mentees:
            same = [
                m
                for m in self.teachers
                if m.department_id == mentee.department_id
                and m not in mentees
                and m.title in (ProfessionalTitle.SENIOR, ProfessionalTitle.PROFESSOR)
            ]
            mentor = self.rng.choice(same or [m for m in self.teachers if m not in mentees])
            pairs.append(
                MentorPair(
                    school=self.school,
                    mentor=mentor,
                    mentee=mentee,
                    subject=SUBJECTS.get(mentee.department.name, ""),
                    school_year=sy,
                    goals="每周互相听课不少于1节；徒弟一学年内上好一节校级以上公开课，写好两篇教学反思。",
                )
            )
        pairs = bulk_create_with_history(pairs, MentorPair)
        self.mentoring[sy] = [p for pair in pairs for p in (pair.mentor, pair.mentee)]
        meetings = []
        for pair in pairs:
            day = signed
            topics = iter(self.rng.sample(MENTOR_TOPICS, len(MENTOR_TOPICS)))
            meetings.append(MentorMeeting(pair=pair, met_on=signed, topic="结对签约，制定学年成长计划"))
            while True:
                day += datetime.timedelta(days=self.rng.randint(24, 45))
                topic = next(topics, None)
                if topic is None or day > min(self.today, datetime.date(sy + 1, 7, 10)):
                    break
                if day.month in (2, 8):
                    continue
                meetings.append(
                    MentorMeeting(pair=pair, met_on=day, topic=topic, notes="师傅听课后逐环节点评，徒弟修改教学设计。")
                )
        bulk_create_with_history(meetings, MentorMeeting)

    # The 168 care action ------------------------------------------------------------

    def seed_care(self, sy):
        if not self.happened(datetime.date(sy, 9, 16)):
            self.care_teachers[sy] = []
            return
        count = self.rng.randint(10, 15)
        pool = [m for m in self.teachers if m is not self.teacher]
        teachers = self.rng.sample(pool, count - (self.teacher is not None))
        if self.teacher is not None:
            teachers.append(self.teacher)
        pairs = bulk_create_with_history(
            [
                CarePair(
                    school=self.school,
                    teacher=teacher,
                    student_name=self.child_name(),
                    student_class=self.student_class(),
                    reason=self.rng.choice(CARE_REASONS),
                    school_year=sy,
                )
                for teacher in teachers
            ],
            CarePair,
        )
        self.care_teachers[sy] = teachers
        months = self.months_logged(sy)
        last_month = (self.today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        # Two teachers have not logged last month yet; others missed a month now and then.
        late = set(self.rng.sample([p for p in pairs if p.teacher is not self.teacher], 2))
        logs = []
        for pair in pairs:
            for month in months:
                if (month == last_month and pair in late) or (
                    pair.teacher is not self.teacher and self.rng.random() < 0.07
                ):
                    continue
                holiday = month.month in (2, 7, 8)
                talks = self.rng.choice([3, 4, 5, 6, 7] if holiday else [4, 5, 6, 6, 7, 7, 8, 9])
                tutoring = self.rng.choice([2, 4, 6, 8] if holiday else [6, 7, 8, 8, 9, 10, 10, 12])
                logs.append(
                    CareLog(
                        pair=pair,
                        month=month,
                        talks=talks,
                        tutoring=tutoring,
                        notes=self.rng.choice(CARE_NOTES).format(talks=talks, tutoring=tutoring)
                        if not holiday
                        else "假期电话联系家长，家访一次，布置假期阅读任务。",
                    )
                )
        bulk_create_with_history(logs, CareLog)

    def child_name(self):
        return self.rng.choice(SURNAMES) + self.rng.choice(CHILD_GIVEN)

    def student_class(self):
        if self.primary:
            return "{}年级（{}）班".format(self.rng.choice("三四五六"), self.rng.randint(1, 6))
        return "{}（{}）班".format(self.rng.choice(["初一", "初二", "初三"]), self.rng.randint(1, 10))

    # Welfare ------------------------------------------------------------------------

    def seed_visits(self, sy):
        rng = self.rng
        year_start, year_end = datetime.date(sy, 9, 1), datetime.date(sy + 1, 8, 31)
        young_women = [m for m in self.young if m.gender == Gender.FEMALE] or self.young
        older = [m for m in self.active if m.birth_date and self.today.year - m.birth_date.year >= 45]
        relation = rng.choice(["父亲", "母亲"])
        given = ["建国", "国华", "志强", "德明"] if relation == "父亲" else ["秀英", "桂兰", "玉珍", "凤英"]
        relative = "{}{}（{}）".format(rng.choice(SURNAMES), rng.choice(given), relation)
        plans = [
            (VisitReason.MARRIAGE, rng.choice(self.young), "", "新婚慰问", "慰问金", 500, FundingSource.UNION_FUNDS),
            (
                VisitReason.CHILDBIRTH,
                rng.choice(young_women),
                "",
                "生育慰问",
                "营养品、慰问金",
                500,
                FundingSource.UNION_FUNDS,
            ),
            (VisitReason.ILLNESS, rng.choice(older), "", "因病住院手术", "水果、鲜花", 800, FundingSource.UNION_FUNDS),
            (VisitReason.ILLNESS, rng.choice(self.active), "", "骨折住院", "水果、慰问金", 500, FundingSource.SCHOOL),
            (
                VisitReason.BEREAVEMENT,
                rng.choice(older),
                relative,
                relative.split("（")[1].rstrip("）") + "病故",
                "花圈、慰问金",
                500,
                FundingSource.UNION_FUNDS,
            ),
            (
                VisitReason.RETIREMENT,
                self.retiring(year_start, year_end),
                "",
                "光荣退休，登门慰问",
                "纪念品、慰问金",
                1000,
                FundingSource.SCHOOL,
            ),
            (
                VisitReason.HARDSHIP,
                self.hardship_members[0],
                "",
                "困难职工走访",
                "米、油、慰问金",
                2000,
                FundingSource.HIGHER_UNION,
            ),
            (
                VisitReason.ILLNESS,
                rng.choice(self.retirees),
                "",
                "退休教师住院",
                "水果、慰问金",
                500,
                FundingSource.UNION_FUNDS,
            ),
            (
                VisitReason.OTHER,
                rng.choice(self.active),
                "",
                "援疆支教一年归来慰问",
                "鲜花、慰问金",
                500,
                FundingSource.SCHOOL,
            ),
        ]
        plans += self.retiree_visits(sy)
        if self.teacher is not None and sy == self.school_years[-1]:
            plans.append(
                (
                    VisitReason.ILLNESS,
                    self.teacher,
                    "",
                    "阑尾炎手术住院",
                    "水果、慰问金",
                    500,
                    FundingSource.UNION_FUNDS,
                )
            )
        # A school year under way has had only its share of the year's visits so far.
        share = max(0.35, (self.today - year_start).days / 365)
        visits, visitors = [], []
        for reason, member, relative_name, detail, gifts, amount, source in plans:
            # The retirees' occasions come every year: the demo shows them whatever the share.
            occasion = reason in (VisitReason.GOLDEN_WEDDING, VisitReason.MILESTONE_BIRTHDAY)
            if member is not self.teacher and not occasion and rng.random() > share:
                continue
            if member is self.teacher and reason == VisitReason.ILLNESS:
                date = self.random_day(max(year_start, self.today - datetime.timedelta(days=60)), self.today)
            elif (
                reason == VisitReason.RETIREMENT and year_start <= (member.status_changed_on or self.start) <= year_end
            ):
                date = self.random_day(member.status_changed_on, member.status_changed_on + datetime.timedelta(days=10))
            else:
                date = self.random_day(year_start, year_end)
            if date is None:
                continue
            visits.append(
                Visit(
                    school=self.school,
                    member=member,
                    visited_person=VisitedPerson.RELATIVE if relative_name else VisitedPerson.MEMBER,
                    relative=relative_name,
                    reason=reason,
                    reason_detail=detail,
                    visited_on=date,
                    gifts=gifts,
                    amount=None if amount is None else Decimal(amount),
                    funding_source=source,
                    age=self.age_on(member, date) if reason == VisitReason.MILESTONE_BIRTHDAY else None,
                )
            )
            colleagues = [m for m in self.active if m.department_id == member.department_id and m is not member]
            visitors.append(
                list(dict.fromkeys([self.chair, self.staff, *rng.sample(colleagues, min(1, len(colleagues)))]))
            )
        visits = bulk_create_with_history(visits, Visit)
        through = Visit.visitors.through
        through.objects.bulk_create(
            through(visit_id=visit.pk, member_id=member.pk)
            for visit, who in zip(visits, visitors, strict=True)
            for member in who
            if member is not visit.member
        )

    def retiree_visits(self, sy):
        """A golden wedding (金婚) and a milestone birthday (寿诞, gifts in kind only) among the
        retirees, as unions visit them."""
        oldest = sorted((m for m in self.retirees if m.birth_date), key=lambda m: m.birth_date)
        if not oldest:
            return []
        golden = oldest[(sy - self.school_years[0]) % len(oldest)]
        plans = [
            (VisitReason.GOLDEN_WEDDING, golden, "", "结婚五十周年", "鲜花、纪念品", 500, FundingSource.UNION_FUNDS),
        ]
        elder = oldest[0]
        if self.age_on(elder, datetime.date(sy + 1, 6, 30)) >= 60:
            plans.append(
                (VisitReason.MILESTONE_BIRTHDAY, elder, "", "", "生日蛋糕、鲜花", None, FundingSource.UNION_FUNDS)
            )
        return plans

    @staticmethod
    def age_on(member, date):
        """The decade a member reached by ``date`` (60, 70, 80): what a 寿诞 celebrates."""
        return (date.year - member.birth_date.year) // 10 * 10

    def retiring(self, year_start, year_end):
        """Who retired in the school year, or (the demo roster has no one) any retiree."""
        this_year = [m for m in self.retirees if m.status_changed_on and year_start <= m.status_changed_on <= year_end]
        return self.rng.choice(this_year or self.retirees)

    def seed_hardship(self):
        rng = self.rng
        logins = {self.chair, self.staff, self.teacher}
        older = [
            m for m in self.active if m not in logins and m.birth_date and self.today.year - m.birth_date.year >= 40
        ]
        first, second = rng.sample(older, 2)
        lonely = rng.choice(self.retirees)
        self.hardship_members = [first, second, lonely]
        sy = self.school_years[-2]
        plans = [
            (
                first,
                "配偶患尿毒症长期透析，孩子在读大学，家庭收入低，医疗负担重。",
                HardshipStatus.OPEN,
                self.on(sy, 11, 15),
                None,
                [
                    ((1, 20), "春节送温暖慰问", 1000, FundingSource.HIGHER_UNION),
                    ((5, 12), "工会慰问金", 500, FundingSource.UNION_FUNDS),
                    ((9, 5), "新学期助学慰问", 800, FundingSource.HIGHER_UNION),
                ],
            ),
            (
                second,
                "本人患乳腺癌手术并化疗，医疗费用负担重。",
                HardshipStatus.CLOSED,
                self.on(sy, 10, 9),
                self.on(sy, 6, 30),
                [
                    ((10, 12), "住院慰问", 1000, FundingSource.UNION_FUNDS),
                    ((1, 20), "春节送温暖慰问", 1000, FundingSource.HIGHER_UNION),
                ],
            ),
            (
                lonely,
                "退休教师独居，行动不便，子女在外地。",
                HardshipStatus.OPEN,
                self.on(sy, 12, 2),
                None,
                [
                    ((1, 21), "上门慰问，送去米、油", 300, FundingSource.UNION_FUNDS),
                    ((10, 9), "重阳节上门看望", 300, FundingSource.UNION_FUNDS),
                ],
            ),
        ]
        for member, hardship, status, opened, closed, aid in plans:
            if closed and closed > self.today:
                status, closed = HardshipStatus.OPEN, None
            case = HardshipCase.objects.create(
                school=self.school, member=member, hardship=hardship, status=status, opened_on=opened, closed_on=closed
            )
            rows = []
            for school_year in self.school_years:
                for (month, day), description, amount, source in aid:
                    date = self.on(school_year, month, day)
                    if opened <= date <= (closed or self.today):
                        rows.append(
                            HardshipAid(
                                case=case,
                                given_on=date,
                                description=description,
                                amount=Decimal(amount),
                                funding_source=source,
                            )
                        )
            bulk_create_with_history(rows, HardshipAid)

    def seed_mutual_aid(self):
        rows = []
        for member, (month, day), amount, reason in [
            (self.hardship_members[0], (3, 16), 3000, "配偶长期透析，医疗费用自付部分较高"),
            (self.hardship_members[1], (11, 20), 2500, "本人手术及化疗，医疗费用自付部分较高"),
            (self.rng.choice(self.active), (4, 8), 1500, "因病住院，医疗费用自付部分较高"),
        ]:
            # Grants follow the hardship files, opened in the previous school year.
            for sy in self.school_years[-2:]:
                date = self.on(sy, month, day)
                if self.happened(date) and (member is not self.hardship_members[1] or sy == self.school_years[-2]):
                    rows.append(
                        MutualAidGrant(
                            school=self.school, member=member, amount=Decimal(amount), granted_on=date, reason=reason
                        )
                    )
        bulk_create_with_history(rows, MutualAidGrant)

    def seed_greetings(self):
        rng = self.rng
        plans = {
            Festival.NEW_YEAR: [(Audience.EVERYONE, 200, "元旦慰问", FundingSource.UNION_FUNDS)],
            Festival.SPRING: [
                (Audience.EVERYONE, 500, "年货礼包", FundingSource.UNION_FUNDS),
                (Audience.RETIREES, 300, "春节慰问金", FundingSource.UNION_FUNDS),
                (Audience.CHOSEN, 1000, "困难职工春节送温暖", FundingSource.HIGHER_UNION),
            ],
            Festival.LANTERN: [(Audience.EVERYONE, 0, "汤圆", FundingSource.UNION_FUNDS)],
            Festival.WOMENS_DAY: [(Audience.WOMEN, 200, "鲜花、护肤礼盒", FundingSource.UNION_FUNDS)],
            Festival.DRAGON_BOAT: [(Audience.EVERYONE, 200, "粽子、咸鸭蛋", FundingSource.UNION_FUNDS)],
            Festival.MID_AUTUMN: [(Audience.EVERYONE, 300, "月饼", FundingSource.UNION_FUNDS)],
            Festival.TEACHERS_DAY: [(Audience.EVERYONE, 300, "盆花、慰问金", FundingSource.SCHOOL)],
            Festival.DOUBLE_NINTH: [(Audience.RETIREES, 300, "重阳糕、慰问金", FundingSource.UNION_FUNDS)],
        }
        audiences = {
            Audience.EVERYONE: self.active,
            Audience.WOMEN: self.women,
            Audience.RETIREES: self.retirees,
            Audience.CHOSEN: self.hardship_members,
        }
        batches, recipients = [], []
        for year in range(self.start.year, self.today.year + 1):
            for date, festival in festival_dates(year):
                if not self.happened(date):
                    continue
                for audience, amount, gifts, source in plans[festival]:
                    given = date - datetime.timedelta(
                        days=0 if festival == Festival.TEACHERS_DAY else rng.randint(1, 3)
                    )
                    batches.append(
                        GreetingBatch(
                            school=self.school,
                            festival=festival,
                            year=year,
                            given_on=max(given, self.start),
                            audience=audience,
                            amount_each=Decimal(amount),
                            gifts=gifts,
                            funding_source=source,
                        )
                    )
                    recipients.append(list(dict.fromkeys(audiences[audience])))
        batches = bulk_create_with_history(batches, GreetingBatch)
        bulk_create_with_history(
            [
                GreetingRecipient(batch=batch, member=member, amount=batch.amount_each)
                for batch, members in zip(batches, recipients, strict=True)
                for member in members
            ],
            GreetingRecipient,
        )


_FONTS = {}


def agreement_document(school, partner, programme, terms):
    """A partnership agreement as a short Word document (.docx bytes)."""
    document = docx.Document()
    document.add_heading("{}协议书".format(programme), level=1)
    document.add_paragraph("甲方：{}工会".format(school.name))
    document.add_paragraph("乙方：{}".format(partner))
    document.add_paragraph(terms)
    document.add_paragraph("本协议一式两份，双方各执一份，自签订之日起生效。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _font(size):
    """A CJK font from the system (Noto Sans CJK SC), or None when there is none."""
    if size not in _FONTS:
        font = None
        for pattern in ("**/NotoSansCJK-Regular.ttc", "**/NotoSansCJK*.ttc", "**/*CJK*.tt[cf]", "**/wqy*.tt[cf]"):
            paths = sorted(Path("/usr/share/fonts").glob(pattern))
            if paths:
                try:
                    # In the Noto CJK collections, face 2 is Simplified Chinese.
                    font = ImageFont.truetype(str(paths[0]), size, index=2 if paths[0].suffix == ".ttc" else 0)
                except OSError:
                    font = ImageFont.truetype(str(paths[0]), size)
                break
        _FONTS[size] = font
    return _FONTS[size]


def _centred(draw, text, centre, font, fill):
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x, y = centre
    draw.text((x - (right - left) // 2, y - (bottom - top) // 2 - top), text, font=font, fill=fill)
