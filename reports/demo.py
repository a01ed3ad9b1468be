"""Demo data of the annual summary: for each demo school, a work plan for the demo year (the
calendar year of ``today``) shaped like seed 002 and linked to the year's activities, a
saved draft with the chair's prose, and one frozen version.

Registered with ``members.demo`` in ``ReportsConfig.ready``; it runs after the seeders of
activities, congress and disclosure (reports is installed after them), so the year's
records exist when the version is frozen.
"""

from activities.choices import SummarySection
from activities.models import Activity, Campaign
from unionhub.models import User
from unionhub.roles import Role

from .models import AnnualPlan, PlanItem, PlanSection, SummaryDraft
from .periods import Period
from .services import freeze_version

# (section title, [(item title, description, summary section of the activities done for it,
# or None when the demo leaves it undone, campaign title it links)])
PLAN = [
    (
        "加强队伍建设——理论学习与师德教育相结合",
        [
            (
                "加强学习，内化行为",
                "学校工会学习的内容与党支部组织学习的内容相结合，组织专题学习教育和交流。",
                None,
                None,
            ),
            (
                "开展师德培训，提高教师的师德水平",
                "将“师德建设月”作为师德培训的主题，引导教职员工结合自身实际进行反思。",
                SummarySection.ETHICS,
                "师德建设月",
            ),
            (
                "重视教师基本功建设，为青年教师搭建成长和展示的平台",
                "组织教师参加教学能力竞赛活动，关心青年教师的成长。",
                SummarySection.COMPETENCE,
                None,
            ),
            (
                "加强女职工队伍建设",
                "关心女教职工的工作、生活、学习情况，组织好“三八”节庆祝活动。",
                SummarySection.WOMEN,
                None,
            ),
        ],
    ),
    (
        "深入开展以校务公开、教代会为主要内容的民主建设工程",
        [
            ("加强教代会建设", "依法维护教职工的合法权益，实施民主程序。", SummarySection.DEMOCRACY, None),
            ("配合党支部做好民主评议干部工作", "使教职工以主人翁的姿态参与学校的日常管理。", None, None),
        ],
    ),
    (
        "开展好为教职工办好事、办实事的温暖工程",
        [
            ("做好“送温暖”工作", "及时看望患病的在职职工和离退休职工，建立困难职工档案。", SummarySection.CARE, None),
            (
                "组织开展丰富多彩、健康向上的文体活动",
                "以活动为载体，充实教职工业余生活。",
                SummarySection.CULTURE,
                None,
            ),
        ],
    ),
    (
        "开展建设职工之家活动，推进学校教育和谐发展",
        [("制定建家工作规划和措施", "根据区局工会工作意见，制定适合我校实情的建家工作规划。", None, None)],
    ),
]

GUIDANCE = (
    "{year}年，我校工会工作将紧紧围绕学校中心工作，根据教育工会工作精神，进一步推进教师队伍建设、"
    "学校民主建设和工会自身建设，切实履行工会的各项职能。"
)

OPENING = (
    "本年度，学校工会围绕区教育工会工作要求和学校中心工作，以立德树人为根本，全心全意为教职工服务，"
    "着力推进学校工会工作和学校工作更上一个台阶。现将本年度工会工作小结如下："
)
LEADS = {
    SummarySection.ETHICS: "师德师风建设始终是学校工作的永恒主题。学校工会积极开展内容丰富、形式多样的学习教育活动，"
    "引领广大教师以高尚的师德教育学生、影响学生。",
    SummarySection.CARE: "学校工会把关心教职工生活作为工作的出发点和落脚点，努力为教职工办实事、办好事。",
}
EXPERIENCE = "工会工作只有紧紧围绕学校中心工作，才能找准位置、发挥作用；只有真心实意为教职工服务，才能赢得信任。"
SHORTCOMINGS = "工会活动的形式还不够丰富，青年教师参与工会工作的积极性有待进一步调动；校务公开的网络平台建设还需加强。"
PLANS = (
    "今后我们将以更加积极主动的工作态度，紧紧围绕学校中心工作，切实履行工会的各项基本职能，求真务实，"
    "勤勉工作，努力开创学校工会工作的新局面。"
)


def seed_summary(school, members, rng, today):
    """The demo year's plan, the chair's draft and its first frozen version for ``school``."""
    period = Period.calendar_year(today.year)
    seed_plan(school, period)
    chair = User.objects.filter(school=school, role=Role.CHAIR).first()
    draft = SummaryDraft.objects.create(
        school=school,
        kind=period.kind,
        year=period.year,
        opening=OPENING,
        leads={str(key): text for key, text in LEADS.items()},
        experience=EXPERIENCE,
        shortcomings=SHORTCOMINGS,
        plans=PLANS,
        show_plan=True,
    )
    freeze_version(draft, chair)


def seed_plan(school, period):
    plan = AnnualPlan.objects.create(
        school=school, kind=period.kind, year=period.year, guidance=GUIDANCE.format(year=period.year)
    )
    activities = list(
        Activity.objects.filter(school=school, starts_on__gte=period.start, starts_on__lte=period.end).select_related(
            "category"
        )
    )
    campaigns = list(Campaign.objects.filter(school=school, launched_on__gte=period.start, launched_on__lte=period.end))
    for position, (title, items) in enumerate(PLAN, start=1):
        section = PlanSection.objects.create(school=school, plan=plan, title=title, position=position)
        for item_position, (item_title, description, summary_section, campaign_title) in enumerate(items, start=1):
            item = PlanItem.objects.create(
                school=school, section=section, title=item_title, description=description, position=item_position
            )
            if summary_section:
                item.activities.set([a for a in activities if a.category.section == summary_section][:8])
            if campaign_title:
                item.campaigns.set([c for c in campaigns if c.title == campaign_title])
