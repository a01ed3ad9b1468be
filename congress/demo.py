"""Demo data of the congress (教代会) for a demo school, shaped like the seeds.

``seed_congress`` is registered with ``members.demo`` and called by ``manage.py demo`` for
each school. It gives the school the fourth term of its congress with delegates in four
groups; two regular sessions (四届一次 and 四届三次, in March of the last two years) and
one extraordinary session (四届二次（临时）, in the autumn between them), each with its
attendance, agenda and motions; at 四届三次 the 奖励性绩效工资发放办法修改稿 is voted
clause by clause (20 clauses, each passed with more than 90%). Proposals in every state,
with seconders and each step dated; democratic evaluations of the school's leaders; a
suggestion drive each year with ideas, some adopted. Writes go through the app's services
so that the rules hold, and history rows carry the date of the step they record.
Nothing is dated after ``today``.
"""

import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from members.choices import DepartmentKind, MemberStatus
from members.models import Department
from unionhub.roles import Role

from . import services
from .choices import ProposalState, SessionKind, TermKind
from .models import (
    AgendaItem,
    Attendance,
    CongressSettings,
    CongressTerm,
    Delegate,
    DemocraticEvaluation,
    Motion,
    MotionClause,
    Proposal,
    Session,
    Suggestion,
    SuggestionDrive,
    Vote,
)

TERM_NUMBER = 4
GROUPS = [
    "第一代表组（语文、英语）",
    "第二代表组（数学、理化生）",
    "第三代表组（政史地、艺体）",
    "第四代表组（行政后勤）",
]
PERFORMANCE_PAY_CLAUSES = [
    "第一条 发放原则：多劳多得、优绩优酬，向一线教师和班主任倾斜",
    "第二条 奖励性绩效工资总量的构成",
    "第三条 班主任津贴标准",
    "第四条 课时工作量的计算办法",
    "第五条 超课时补贴标准",
    "第六条 教研组长、备课组长津贴",
    "第七条 中层干部岗位津贴",
    "第八条 教学质量奖的评定",
    "第九条 考勤与请假的扣发办法",
    "第十条 病假、产假期间的发放",
    "第十一条 师德考核不合格者不得享受奖励性绩效工资",
    "第十二条 公开课、示范课奖励",
    "第十三条 指导学生竞赛获奖奖励",
    "第十四条 教科研成果奖励",
    "第十五条 后勤人员的考核与发放",
    "第十六条 新教师见习期的发放办法",
    "第十七条 跨年级、跨学科兼课补贴",
    "第十八条 学期末考核发放比例",
    "第十九条 特殊贡献奖的评定",
    "第二十条 附则：本办法由校长室负责解释，经教代会通过后施行",
]
# (title, reasons, measures, department that replies, its reply)
PROPOSALS = [
    (
        "关于改善教工食堂午餐质量的提案",
        "近来教工午餐菜品单一，荤素搭配不合理，部分教师反映饭菜偏凉。",
        "一、成立由教师代表参加的伙食管理小组，每月听取意见；二、增加菜品种类，公示每周菜单；三、添置保温设备。",
        "后勤处",
        "已成立伙食管理小组（含教师代表4名），每周菜单在校务公开栏公示，新添保温售饭台两台。",
    ),
    (
        "关于提高班主任津贴标准的提案",
        "班主任工作量大、责任重，现行津贴标准多年未调整。",
        "在奖励性绩效工资发放办法修订中提高班主任津贴，并对寄宿班、大班额班级适当增加。",
        "校长室",
        "已将提高班主任津贴列入《奖励性绩效工资发放办法》的修订，修改稿提交下次教代会逐条表决。",
    ),
    (
        "关于延长教工健身房开放时间的提案",
        "教工健身房仅在工作日下午开放一小时，不少教师无法参加锻炼。",
        "工作日开放到晚上七点，周末上午开放，由工会安排教师轮流值班。",
        "后勤处",
        "健身房已延长开放至工作日晚七点，周末因安保人员不足暂不开放。",
    ),
    (
        "关于在教学楼各楼层增设直饮水机的提案",
        "教学楼只有一楼有饮水机，教师和学生课间取水不便。",
        "在教学楼二至四楼各增设一台直饮水机，并定期更换滤芯、公示水质检测结果。",
        "后勤处",
        "二至四楼已各安装一台直饮水机，滤芯每季度更换，水质检测结果在校务公开栏公示。",
    ),
    (
        "关于减少非教学性事务和材料报送的提案",
        "各类检查、填表和材料报送过多，占用教师备课和辅导学生的时间。",
        "一、由校长室统筹各部门的材料报送，能合并的合并；二、已有数据不再重复填报；三、每学期公布一次精简情况。",
        "校长室",
        "校长室已梳理各部门报送事项，精简表格11种，每学期在教师大会上通报精简情况。",
    ),
    (
        "关于设立教师阅览室的提案",
        "学校没有供教师阅读和研讨的专门场所，教育类期刊分散在各办公室。",
        "利用图书馆二楼空置房间设立教师阅览室，订阅教育类期刊，配备电脑。",
        "教务处",
        "",
    ),
    (
        "关于更新教师办公电脑的提案",
        "部分办公室电脑已使用八年以上，运行缓慢，影响备课和使用智慧课堂平台。",
        "分两年更新使用五年以上的办公电脑，优先更新毕业年级和信息化教学骨干教师的电脑。",
        "教务处",
        "",
    ),
    (
        "关于教职工子女寒暑假托管的提案",
        "双职工教师寒暑假期间参加培训、值班时，子女无人照看。",
        "寒暑假集中培训期间，由工会组织教职工子女托管班，安排志愿者教师轮流看护。",
        "",
        "",
    ),
    (
        "关于为每位教师配备一台笔记本电脑的提案",
        "教师在家备课需要电脑。",
        "学校统一采购笔记本电脑，每人一台。",
        "",
        "",
    ),
    (
        "关于完善青年教师周转宿舍管理的提案",
        "周转宿舍入住没有明确标准，部分宿舍长期被调离人员占用。",
        "制定周转宿舍管理办法，明确入住条件和期限，每年公示一次入住名单。",
        "",
        "",
    ),
]
# (title, description, [(idea, evaluation, adopted)])
DRIVES = [
    (
        "合理化建议征集",
        "面向全体教职工征集关于学校管理、教育教学和后勤服务的合理化建议。",
        [
            ("放学时段在校门口增设家长等候区，缓解门口拥堵。", "建议可行，已在校门东侧设置等候区。", True),
            ("各教研组建立共享题库，减少重复出题。", "已由教务处牵头实施。", True),
            ("每月最后一个周五下午为无会日。", "与区教育局会议安排冲突，暂不采纳。", False),
            ("在操场周边增设遮阳棚。", "列入下一年度基建计划。", False),
            ("建立新教师入职手册。", "已编印《新教师入职手册》。", True),
        ],
    ),
    (
        "“我为学校文化献计献策”金点子征集",
        "围绕校园文化建设征集金点子，评出一、二、三等奖，并在校园文化建设研讨会上讨论采纳。",
        [
            ("以校训为主题设计楼道文化墙，展示学生书画作品。", "一等奖，已采纳，寒假期间施工。", True),
            ("在校园种植区设立“班级责任田”。", "二等奖，已采纳，春季开学后实施。", True),
            ("每周一升旗仪式增加“班级风采展示”环节。", "二等奖，已由德育处采纳。", True),
            ("建立校史陈列室。", "三等奖，场地不足，暂缓实施。", False),
            ("在食堂设置“光盘行动”公示栏。", "三等奖。", False),
            ("开设教师读书沙龙，每月一次。", "已由工会采纳，结合教师阅览室开展。", True),
        ],
    ),
]


def seed_congress(school, members, rng, today):
    """Give ``school`` a term of its congress with sessions, votes, proposals, evaluations
    and suggestion drives, up to ``today``."""
    DemoCongress(school, members, rng, today).seed()


def backdate(record, *dates):
    """Date the record's history rows (oldest first) by ``dates``: the steps they record
    happened then, not when the demo was loaded. Dates past the rows are ignored."""
    rows = list(record.history.order_by("history_date", "history_id"))
    for row, date in zip(rows, dates, strict=False):
        when = date if isinstance(date, datetime.datetime) else at(date)
        type(row).objects.filter(pk=row.pk).update(history_date=when)


def at(date, hour=16, minute=30):
    """A time on ``date`` (an afternoon, after lessons), in the school's time zone; never
    later than now, when ``date`` is today."""
    return min(timezone.now(), timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute))))


def weekday(date, before=True):
    """``date`` moved off a weekend (to the Friday before, or the Monday after)."""
    while date.weekday() >= 5:
        date += datetime.timedelta(days=-1 if before else 1)
    return date


class DemoCongress:
    def __init__(self, school, members, rng, today):
        self.school = school
        self.rng = rng
        self.today = today
        self.active = [m for m in members if m.status == MemberStatus.ACTIVE]
        by_role = {m.user.role: m for m in members if m.user_id and m.user.role}
        self.chair = by_role.get(Role.CHAIR, self.active[0])
        self.teacher = by_role.get(Role.TEACHER)
        self.departments = {d.name: d for d in Department.objects.filter(school=school)}
        # The last regular session is in March, at least a week before today; the first a
        # year before it; the extraordinary one in the November between them.
        year = today.year if today >= datetime.date(today.year, 3, 21) else today.year - 1
        self.sessions_on = [
            weekday(datetime.date(year - 1, 3, 14)),
            weekday(datetime.date(year - 1, 11, 20)),
            weekday(datetime.date(year, 3, 14)),
        ]

    def seed(self):
        CongressSettings.objects.get_or_create(school=self.school, defaults={"min_seconders": 2})
        self.term = CongressTerm.objects.create(
            school=self.school, number=TERM_NUMBER, start_year=self.sessions_on[0].year, kind=TermKind.CONGRESS
        )
        self.seed_delegates()
        self.seed_sessions()
        self.seed_proposals()
        # The window for the next session opened two weeks ago; set once the earlier
        # proposals are in, since the service refuses any submitted outside it.
        settings = CongressSettings.objects.get(school=self.school)
        settings.proposals_open_from = weekday(self.today - datetime.timedelta(days=14))
        settings.save()
        self.seed_evaluations()
        self.seed_drives()

    def group_of(self, member):
        department = member.department
        if department is None or department.kind != DepartmentKind.SUBJECT:
            return GROUPS[3]
        for group in GROUPS[:3]:
            if department.name[:2] in group:
                return group
        return GROUPS[2]

    def seed_delegates(self):
        """About half the active members, every group represented, the logins among them."""
        logins = [m for m in (self.chair, self.teacher) if m]
        others = [m for m in self.active if m not in logins]
        chosen = logins + self.rng.sample(others, min(len(others), 34 - len(logins)))
        # Every delegation group has at least three delegates.
        for group in GROUPS:
            short = 3 - sum(1 for m in chosen if self.group_of(m) == group)
            if short > 0:
                pool = [m for m in others if m not in chosen and self.group_of(m) == group]
                chosen += self.rng.sample(pool, min(short, len(pool)))
        self.delegates = sorted(chosen, key=lambda m: m.pk)
        delegates = [
            Delegate(school=self.school, term=self.term, member=m, group=self.group_of(m)) for m in self.delegates
        ]
        bulk_create_with_history(delegates, Delegate)
        elected = at(self.sessions_on[0] - datetime.timedelta(days=10))
        Delegate.history.filter(term_id=self.term.pk).update(history_date=elected)

    def session(self, number, kind, held_on, theme, report, place="学校报告厅"):
        session = Session.objects.create(
            school=self.school,
            term=self.term,
            number=number,
            kind=kind,
            held_on=held_on,
            place=place,
            theme=theme,
            report=report,
        )
        backdate(session, held_on - datetime.timedelta(days=7))
        absent = set(self.rng.sample(self.delegates, self.rng.randint(1, 4)))
        services.record_attendance(session, [m.pk for m in self.delegates if m not in absent])
        return session

    def vote(self, motion, clause=None, low=0.9):
        """Ballots of the delegates present: ``low`` or more of them for."""
        present = services.quorum(motion.agenda_item.session)["present"]
        votes_for = self.rng.randint(max(int(present * low) + 1, present - 3), present)
        rest = present - votes_for
        against = self.rng.randint(0, rest)
        abstentions = self.rng.randint(0, rest - against)
        return services.record_vote(motion, votes_for, against, abstentions, clause=clause)

    def agenda(self, session, items):
        """``items``: (title, motion title or "", clause titles); each motion is voted."""
        for title, motion_title, clauses in items:
            item = services.add_agenda_item(session, title, motion_title, clauses)
            for motion in item.motions.all():
                clause_rows = list(motion.clauses.all())
                for clause in clause_rows or [None]:
                    self.vote(motion, clause)
        held_on = session.held_on
        prepared = at(held_on - datetime.timedelta(days=7))
        items = AgendaItem.objects.filter(session=session).values("pk")
        motions = Motion.objects.filter(agenda_item__session=session).values("pk")
        Attendance.history.filter(session_id=session.pk).update(history_date=at(held_on, 8, 30))
        AgendaItem.history.filter(session_id=session.pk).update(history_date=prepared)
        Motion.history.filter(agenda_item_id__in=items).update(history_date=prepared)
        MotionClause.history.filter(motion_id__in=motions).update(history_date=prepared)
        Vote.history.filter(motion_id__in=motions).update(history_date=at(held_on, 10, 30))

    def seed_sessions(self):
        first, extraordinary, third = self.sessions_on
        name = self.school.name
        session = self.session(
            1,
            SessionKind.REGULAR,
            first,
            "凝心聚力谋发展，民主管理促和谐",
            "校长代表学校作《{}工作报告》，回顾上一学年学校在师德建设、课堂教学改革和"
            "校园安全等方面的工作，提出本学年的主要任务。".format(name),
        )
        self.agenda(
            session,
            [
                ("听取并审议校长工作报告", "学校工作报告", []),
                ("听取并审议学校财务工作报告", "学校财务工作报告", []),
                ("听取提案工作报告", "", []),
                ("选举教代会提案工作委员会委员", "", []),
            ],
        )
        session = self.session(
            2,
            SessionKind.EXTRAORDINARY,
            extraordinary,
            "审议职称评审推荐工作方案",
            "区教育局职称评审工作启动，学校召开临时会议审议本年度推荐工作方案。",
            place="会议室",
        )
        self.agenda(
            session,
            [
                ("说明本年度职称评审推荐工作方案的起草经过", "", []),
                ("审议《职称评审推荐工作方案》", "职称评审推荐工作方案", []),
            ],
        )
        session = self.session(
            3,
            SessionKind.REGULAR,
            third,
            "审议奖励性绩效工资发放办法修改稿",
            "校长作学校工作报告；校长室说明《奖励性绩效工资发放办法》修改经过，"
            "修改稿几经上下讨论修改，提交大会逐条表决。",
        )
        self.agenda(
            session,
            [
                ("听取并审议校长工作报告", "学校工作报告", []),
                (
                    "审议《奖励性绩效工资发放办法》（修改稿）",
                    "奖励性绩效工资发放办法修改稿",
                    PERFORMANCE_PAY_CLAUSES,
                ),
                ("听取提案工作报告", "", []),
            ],
        )

    # Proposals ---------------------------------------------------------------------

    def seed_proposals(self):
        """One or more proposals in every state; the old ones for the first session, the
        open ones for the last, and one still collecting seconders now."""
        first, _extraordinary, third = self.sessions_on
        S = ProposalState
        # (state, the session they were handed in for, or None for now)
        plan = [
            (S.SATISFIED, first),
            (S.SATISFIED, first),
            (S.UNSATISFIED, first),
            (S.REPLIED, third),
            (S.ASSIGNED, third),
            (S.ACCEPTED, third),
            (S.ACCEPTED, third),
            (S.OPINION, third),
            (S.NOT_ACCEPTED, third),
            (S.SUBMITTED, None),
        ]
        proposers = [m for m in self.active if m is not self.chair]
        for n, ((title, reasons, measures, department, reply), (state, session_on)) in enumerate(
            zip(PROPOSALS, plan, strict=True)
        ):
            if state == S.REPLIED and self.teacher is not None:
                proposer = self.teacher  # the teacher login can record whether satisfied
            else:
                proposer = self.rng.choice([m for m in proposers if m is not self.teacher])
            if session_on is None:
                submitted = weekday(self.today - datetime.timedelta(days=self.rng.randint(1, 6)))
                submitted = max(submitted, weekday(self.today - datetime.timedelta(days=14)))
            else:
                submitted = weekday(session_on - datetime.timedelta(days=self.rng.randint(18, 30)))
            self.proposal(n, proposer, title, reasons, measures, department, reply, state, submitted, session_on)

    def proposal(self, n, proposer, title, reasons, measures, department, reply, state, submitted, session_on):
        S = ProposalState
        proposal = services.submit_proposal(
            Proposal(
                school=self.school,
                title=title,
                reasons=reasons,
                measures=measures,
                proposer=proposer,
                submitted_on=submitted,
            )
        )
        steps = [submitted]
        pool = [m for m in self.active if m is not proposer and m is not self.teacher]
        seconders = self.rng.sample(pool, self.rng.randint(2, 4) if state != S.SUBMITTED else 1)
        for member in seconders:
            seconded = min(self.today, submitted + datetime.timedelta(days=self.rng.randint(0, 3)))
            services.second(proposal, member, on=seconded)
            backdate(member_seconding(proposal, member), seconded)
        if state == S.SUBMITTED:
            backdate(proposal, *steps)
            return proposal
        decided = weekday(session_on - datetime.timedelta(days=self.rng.randint(3, 6)))
        path = {
            S.ACCEPTED: [S.ACCEPTED],
            S.OPINION: [S.OPINION],
            S.NOT_ACCEPTED: [S.NOT_ACCEPTED],
            S.ASSIGNED: [S.ACCEPTED, S.ASSIGNED],
            S.REPLIED: [S.ACCEPTED, S.ASSIGNED, S.REPLIED],
            S.SATISFIED: [S.ACCEPTED, S.ASSIGNED, S.REPLIED, S.SATISFIED],
            S.UNSATISFIED: [S.ACCEPTED, S.ASSIGNED, S.REPLIED, S.UNSATISFIED],
        }[state]
        day = decided
        reasons = {
            S.OPINION: "所提事项不属于学校行政职权内的重大事项，转为意见建议，由工会研究办理。",
            S.NOT_ACCEPTED: "所提事项超出学校经费和职权范围，不符合提案立案条件，不予立案。",
            S.ACCEPTED: "符合立案条件，予以立案。",
        }
        for step in path:
            if step == S.ASSIGNED:
                day = weekday(session_on + datetime.timedelta(days=self.rng.randint(3, 6)), before=False)
            elif step == S.REPLIED:
                day = weekday(day + datetime.timedelta(days=self.rng.randint(20, 40)))
            elif step in (S.SATISFIED, S.UNSATISFIED):
                day = day + datetime.timedelta(days=self.rng.randint(3, 10))
            day = min(day, self.today)
            services.transition(
                proposal,
                step,
                on=day,
                reason=reasons.get(step, ""),
                department=self.departments.get(department) or self.departments["校长室"],
                reply=reply or "已研究，列入下学期工作计划逐步落实。",
            )
            steps.append(day)
        backdate(Proposal.objects.get(pk=proposal.pk), *steps)
        return proposal

    # Evaluations and suggestion drives -------------------------------------------------

    def seed_evaluations(self):
        """The school's leaders are evaluated by all staff at the end of each school year
        (25 June); the middle-level cadres at the last one too."""
        june = [datetime.date(y, 6, 25) for y in (self.today.year - 2, self.today.year - 1, self.today.year)]
        june = [weekday(d) for d in june if weekday(d) <= self.today][-2:]
        present = len(self.active) - self.rng.randint(2, 6)
        for n, day in enumerate(june):
            subjects = [("校级领导班子", 0.72)]
            if n == len(june) - 1:
                subjects.append(("中层干部", 0.6))
            for subject, share in subjects:
                excellent = int(present * (share + self.rng.random() * 0.08))
                competent = present - excellent - self.rng.randint(1, 4)
                basically = present - excellent - competent - self.rng.randint(0, 1)
                incompetent = present - excellent - competent - basically
                evaluation = DemocraticEvaluation.objects.create(
                    school=self.school,
                    subject=subject,
                    evaluated_on=day,
                    excellent=excellent,
                    competent=competent,
                    basically_competent=basically,
                    incompetent=incompetent,
                    result="全体教职工{}人参加评议，优秀和称职票合计{}票，评议结果报上级党组织和教育局。".format(
                        present, excellent + competent
                    ),
                )
                backdate(evaluation, day)

    def seed_drives(self):
        """A drive before each regular session: the 合理化建议 one a year before the 金点子 one."""
        first, _extraordinary, third = self.sessions_on
        writers = [m for m in self.active if m is not self.chair]
        for (title, description, ideas), session_on in zip(DRIVES, (first, third), strict=True):
            opens = weekday(session_on - datetime.timedelta(days=70), before=False)
            closes = opens + datetime.timedelta(days=30)
            drive = SuggestionDrive.objects.create(
                school=self.school,
                title="{}年{}".format(opens.year, title) if "金点子" not in title else title,
                opens_on=opens,
                closes_on=closes,
                description=description,
            )
            backdate(drive, opens - datetime.timedelta(days=3))
            for idea, evaluation, adopted in ideas:
                received = opens + datetime.timedelta(days=self.rng.randint(0, 30))
                suggestion = Suggestion.objects.create(
                    school=self.school,
                    drive=drive,
                    member=self.rng.choice(writers),
                    text=idea,
                    received_on=received,
                    evaluation=evaluation,
                    adopted=adopted,
                )
                backdate(suggestion, received)


def member_seconding(proposal, member):
    return proposal.secondings.get(member=member)
