"""Demo data of school-affairs disclosure (校务公开) for a demo school, shaped like the seeds.

``seed_disclosure`` is registered with ``members.demo`` and called by ``manage.py demo``
for each school. It publishes notices in every category over the last two years, their
windows counted in working days (China's holidays and make-up workdays): most closed,
some in their window now, drafts, and withdrawn ones with their reason; a list of names
attached to a result; read receipts of the school's logins (the teacher login has some
notices still new to it); objections raised during a window, some answered; and letters
to the suggestion box (意见箱), signed and anonymous, some answered. Writes go through
the app's services, then the times they record (and their history rows) are moved to
the day each step happened. Nothing is dated after ``today`` except the end of a window
that is still open, or of a draft's planned window.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from members.choices import MemberStatus
from unionhub.roles import Role
from unionhub.xlsx import Sheet, write_workbook

from . import services
from .choices import Recipient
from .models import Notice, NoticeCategory, NoticeRead, Suggestion
from .workdays import is_workday, window_end

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Notices that recur every year, on or after (month, day): category, title ({year} is the
# year of the window), body (Markdown), working days, and whether last year's is kept too.
YEARLY = [
    (
        "招生",
        (6, 10),
        "{year}年秋季新生招生工作方案",
        "根据区教育局招生工作意见，制定本校{year}年秋季新生招生工作方案。\n\n"
        "- 招生范围：按区教育局划定的施教区招生\n- 报名时间：7月1日至7月5日\n"
        "- 咨询电话：学校教务处\n\n对方案有异议的，请在公示期内向校长室反映。",
        5,
        True,
    ),
    (
        "招生",
        (7, 20),
        "{year}年秋季新生录取名单",
        "经审核，{year}年秋季新生录取名单如下，详见公示栏。公示期内如有异议，请向学校教务处反映。",
        5,
        False,
    ),
    (
        "财务",
        (7, 12),
        "{year}年上半年学校财务收支情况",
        "## 收入\n\n- 财政拨款\n- 事业收入\n\n## 支出\n\n- 人员经费\n- 公用经费（含维修、采购）\n\n"
        "具体数额见附表，经校务公开领导小组审核。",
        5,
        True,
    ),
    (
        "财务",
        (1, 15),
        "{year}年工会经费收支情况",
        "校工会{year}年经费收支情况经工会经费审查委员会审查，现予公示：\n\n"
        "- 会员会费收入\n- 上级工会补助\n- 慰问、文体活动等支出\n\n会员对收支有疑问的，可向经审委员会反映。",
        5,
        True,
    ),
    (
        "基建",
        (5, 8),
        "学校操场塑胶跑道改造工程中标结果",
        "学校操场塑胶跑道改造工程经公开招标，中标单位、中标价和工期见附件。工程将于暑假期间施工。",
        7,
        False,
    ),
    (
        "维修",
        (8, 25),
        "{year}年暑期校舍维修项目及费用",
        "暑期完成教学楼屋面防水、卫生间改造和办公室线路改造三项维修，"
        "均按学校投标议标制度确定施工单位，费用明细见附表。",
        5,
        True,
    ),
    (
        "采购",
        (4, 16),
        "教室交互式大屏采购结果",
        "按政府采购程序，学校为24个教室采购交互式大屏，中标品牌、单价和总价见附件。",
        5,
        False,
    ),
    (
        "职评",
        (10, 15),
        "{year}年度中小学高级教师职称推荐人选",
        "经个人申报、学校职称评审推荐小组量化考核，推荐以下教师参评高级教师职称。"
        "公示期内如有异议，请以书面形式向校长室实名反映。",
        5,
        True,
    ),
    (
        "评先评优",
        (9, 3),
        "{year}年度“十佳阳光教师”评选结果",
        "经教师推荐、学生和家长测评、校评选小组审议，评出本年度“十佳阳光教师”，名单见附件。",
        5,
        True,
    ),
    (
        "考核",
        (7, 5),
        "{year}年度教职工考核优秀等次人选",
        "根据《教职工考核办法》，经考核小组评议，拟定以下人员为年度考核优秀等次。",
        5,
        True,
    ),
    (
        "考核",
        (2, 20),
        "{year}年第一学期师德考核结果",
        "本学期师德考核结果：优秀、良好、合格人数见下表。考核中有一票否决情形的，已按规定处理。",
        5,
        False,
    ),
    (
        "绩效",
        (3, 25),
        "《奖励性绩效工资发放办法》（修改稿）",
        "《奖励性绩效工资发放办法》（修改稿）经教代会逐条表决通过，现全文公示。",
        7,
        False,
    ),
    (
        "收费",
        (8, 28),
        "{year}年秋季学期代办服务性收费项目及标准",
        "| 项目 | 标准 |\n| --- | --- |\n| 作业本费 | 按实收取 |\n"
        "| 校服费 | 自愿征订 |\n| 午餐费 | 按物价局核定标准 |\n\n"
        "学校不收取上述以外的任何费用。",
        5,
        True,
    ),
    (
        "人事",
        (8, 10),
        "{year}年新教师招聘拟录用人员",
        "经笔试、面试、体检和考察，拟录用以下人员为本校新教师，公示期满无异议的办理聘用手续。",
        7,
        True,
    ),
    (
        "其他",
        (12, 20),
        "教代会提案办理情况",
        "本届教代会立案提案的办理情况和提案人满意度见下表。",
        5,
        True,
    ),
]
# Notices whose window is open today: category, title, body, working days.
CURRENT = [
    ("采购", "办公电脑采购询价结果", "学校采购办公电脑40台，经三家供应商询价，成交供应商和价格见附件。", 5),
    (
        "职评",
        "{year}年度一级教师职称推荐人选",
        "经个人申报、量化考核，推荐以下教师参评一级教师职称。公示期内如有异议，请向校长室实名反映。",
        7,
    ),
    ("评先评优", "区师德标兵推荐人选", "经教研组推荐、学校评选小组审议，推荐以下教师参评区师德标兵。", 5),
    ("绩效", "{month}月奖励性绩效工资发放明细", "按《奖励性绩效工资发放办法》核算，发放明细见附表。", 5),
    ("收费", "学生课后服务收费标准", "根据区物价局核定标准，学生课后服务每生每月收费标准见下表，家长自愿参加。", 5),
]
DRAFTS = [
    ("维修", "教学楼卫生间改造维修项目", "拟对教学楼二至四楼卫生间进行改造，项目和预算待校务会议审定。", 5),
    ("评先评优", "优秀班主任推荐人选", "经年级组推荐，拟推荐以下教师为优秀班主任。", 5),
]
WITHDRAWN = [
    (
        "采购",
        (5, 20),
        "学生校服采购方案",
        "学生校服采购方案（款式、价格）见附件。",
        5,
        "校服款式须先征求家长委员会意见，方案撤回，征求意见后重新公示。",
    ),
    (
        "人事",
        (11, 5),
        "中层干部竞聘拟任人选",
        "经竞聘演讲、民主测评，拟任以下人员为中层干部。",
        5,
        "上级教育局干部科要求补充考察材料，公示撤回，考察后重新公示。",
    ),
]
OBJECTIONS = [
    "推荐人选中有一位教师的教科研成果积分计算有误，市级课题应按主持人计分，请核实。",
    "公示的名单中没有写明各人的量化考核得分，建议补充公示。",
]
ANSWERS = [
    "经评审推荐小组复核，积分计算无误：该课题为区级立项，已在公示栏补充说明。",
    "已按意见补充公示量化考核得分。",
]
# (recipient, subject, text, anonymous, answer or "")
LETTERS = [
    (
        Recipient.PRINCIPAL,
        "建议错峰安排教职工停车",
        "早上七点半前后校门口车多，教职工停车和学生入校交叉，建议划定教工停车区并错峰入校。",
        False,
        "已在校园西侧划定教工停车区，教工车辆从西门进出。",
    ),
    (
        Recipient.UNION,
        "希望增加教工文体活动",
        "建议工会在每学期增加一两次全体教工参加的文体活动，如羽毛球比赛、登山。",
        False,
        "工会已将羽毛球比赛列入下学期计划，欢迎报名。",
    ),
    (
        Recipient.PRINCIPAL,
        "关于作业批改负担",
        "部分学科作业量偏大，教师每天批改到很晚，建议教务处统筹各学科作业量。",
        True,
        "教务处已制定作业统筹公示制度，每周公示各班作业量。",
    ),
    (
        Recipient.UNION,
        "食堂饭菜偏咸",
        "最近教工食堂的菜偏咸，希望能清淡一些。",
        True,
        "",
    ),
    (
        Recipient.PRINCIPAL,
        "办公室空调维修",
        "三楼数学组办公室空调不制冷已两周，请尽快维修。",
        False,
        "",
    ),
    (
        Recipient.UNION,
        "建议为退休教师订阅报刊",
        "很多退休教师喜欢读报，建议工会为退休教师订阅《中国教师报》。",
        True,
        "",
    ),
]


def seed_disclosure(school, members, rng, today):
    """Give ``school`` two years of notices, read receipts, objections and suggestions."""
    DemoDisclosure(school, members, rng, today).seed()


def at(date, hour=8, minute=30):
    """A time on ``date``; never later than now, when ``date`` is today."""
    return min(timezone.now(), timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute))))


def backdate(record, dates, **fixes):
    """Move what the services dated ``now`` to when it happened: ``fixes`` on the record,
    and on each history row (oldest first) that holds a value for it, dated by ``dates``."""
    type(record)._base_manager.filter(pk=record.pk).update(**fixes)
    for row, when in zip(record.history.order_by("history_date", "history_id"), dates, strict=False):
        changes = {field: value for field, value in fixes.items() if getattr(row, field) not in (None, "")}
        type(row).objects.filter(pk=row.pk).update(history_date=when, **changes)


def workdays_back(day, count):
    """The working day ``count`` working days before ``day`` (``day`` itself for 0)."""
    while not is_workday(day):
        day -= datetime.timedelta(days=1)
    while count:
        day -= datetime.timedelta(days=1)
        if is_workday(day):
            count -= 1
    return day


def next_workday(day):
    while not is_workday(day):
        day += datetime.timedelta(days=1)
    return day


class DemoDisclosure:
    def __init__(self, school, members, rng, today):
        self.school = school
        self.rng = rng
        self.today = today
        self.active = [m for m in members if m.status == MemberStatus.ACTIVE]
        users = {m.user.role: m.user for m in members if m.user_id and m.user.role}
        self.chair = users.get(Role.CHAIR) or next(iter(users.values()), None)
        self.staff = users.get(Role.STAFF, self.chair)
        self.teacher = users.get(Role.TEACHER)
        self.users = list(dict.fromkeys(u for u in (self.chair, self.staff, self.teacher) if u))
        self.categories = {c.name: c for c in NoticeCategory.objects.filter(school=school)}
        self.current = []

    def seed(self):
        for category, (month, day), title, body, days, last_year_too in YEARLY:
            starts = self.latest(month, day, days)
            self.notice(category, title, body, starts, days)
            if last_year_too:
                self.notice(category, title, body, next_workday(starts.replace(year=starts.year - 1)), days)
        for n, (category, title, body, days) in enumerate(CURRENT):
            starts = workdays_back(self.today, min(n % 3, days - 1))
            self.current.append(self.notice(category, title, body, starts, days))
        for category, title, body, days in DRAFTS:
            self.notice(category, title, body, self.today, days, publish=False)
        for category, (month, day), title, body, days, reason in WITHDRAWN:
            starts = self.latest(month, day, days)
            notice = self.notice(category, title, body, starts, days)
            withdrawn = at(min(self.today, starts + datetime.timedelta(days=1)), 15, 0)
            services.withdraw(notice, reason)
            backdate(notice, [at(starts, 8, 0), at(starts, 8, 30), withdrawn], withdrawn_at=withdrawn)
        if self.users:
            self.seed_reads()
            self.seed_objections()
        self.seed_letters()

    def latest(self, month, day, days):
        """The last working day on or after (month, day) whose window of ``days`` working
        days is over by ``today``."""
        year = self.today.year
        while True:
            starts = next_workday(datetime.date(year, month, day))
            if window_end(starts, days) < self.today:
                return starts
            year -= 1

    def notice(self, category, title, body, starts, days, publish=True):
        month = (starts.replace(day=1) - datetime.timedelta(days=1)).month
        year = starts.year
        notice = Notice(
            school=self.school,
            title=title.format(year=year, month=month),
            category=self.categories[category],
            body=body.format(year=year, month=month),
            starts_on=starts,
            working_days=days,
            ends_on=window_end(starts, days),
        )
        services.save_notice(notice, self.attachments(notice))
        created = at(min(starts, self.today) - datetime.timedelta(days=1), 16, 0)
        if not publish:
            backdate(notice, [at(self.today, 8, 0)])
            return notice
        # Published on its first day, as it was then: the window was open.
        services.publish(notice, today=starts)
        published = at(starts, 8, 30)
        backdate(notice, [created, published], published_at=published)
        notice.published_at = published
        return notice

    def attachments(self, notice):
        """The list of names behind a result, as a spreadsheet."""
        if notice.category.name != "评先评优":
            return []
        chosen = sorted(self.rng.sample(self.active, 10), key=lambda m: m.name_pinyin)
        rows = [(n, m.name, m.department.name if m.department else "") for n, m in enumerate(chosen, start=1)]
        content = write_workbook([Sheet("名单", ["序号", "姓名", "部门"], rows)])
        return [
            {
                "name": "{}名单.xlsx".format(notice.title),
                "content_type": XLSX,
                "size": len(content),
                "extension": "xlsx",
                "file": ContentFile(content),
            }
        ]

    def seed_reads(self):
        """Chair and staff have read every notice; the teacher login most of the closed
        ones, but only one of those in their window, so the rest are new to it."""
        notices = Notice.objects.filter(school=self.school).exclude(status="draft").order_by("starts_on", "pk")
        current = {n.pk for n in self.current}
        reads = []
        for notice in notices:
            last = min(self.today, notice.ends_on)
            for user in self.users:
                if user == self.teacher:
                    if notice.pk in current:
                        if notice.pk != self.current[0].pk:
                            continue
                    elif self.rng.random() < 0.3:
                        continue
                day = notice.starts_on + datetime.timedelta(days=self.rng.randint(0, (last - notice.starts_on).days))
                reads.append(NoticeRead(notice=notice, user=user, read_at=at(day, self.rng.randint(8, 17), 10)))
        bulk_create_with_history(reads, NoticeRead)
        for read in NoticeRead.objects.filter(notice__school=self.school):
            NoticeRead.history.filter(id=read.pk).update(history_date=read.read_at)

    def seed_objections(self):
        """An open objection to a notice in its window; an answered one to a closed one."""
        writer = self.teacher or self.chair
        closed = (
            Notice.objects.filter(school=self.school, category__name="职评", status="published", ends_on__lt=self.today)
            .order_by("-starts_on")
            .first()
        )
        for notice, text, answer in (
            (self.current[1], OBJECTIONS[0], ""),
            (closed, OBJECTIONS[0], ANSWERS[0]),
            (self.current[2], OBJECTIONS[1], ANSWERS[1]),
        ):
            raised_on = min(self.today, notice.starts_on + datetime.timedelta(days=1))
            raised = at(raised_on, 12, 20)
            objection = services.raise_objection(notice, writer, text)
            if not answer:
                backdate(objection, [raised], raised_at=raised)
                continue
            answered = at(min(self.today, notice.ends_on, raised_on + datetime.timedelta(days=1)), 16, 40)
            services.answer_objection(objection, self.staff, answer)
            backdate(objection, [raised, answered], raised_at=raised, answered_at=answered)

    def seed_letters(self):
        """Letters to the suggestion box over the last months; signed ones from the logins
        (who can read the answer) and from members who wrote on paper."""
        writers = [self.teacher or self.chair, None]
        for n, (recipient, subject, text, anonymous, answer) in enumerate(LETTERS):
            written = self.today - datetime.timedelta(days=7 + 23 * (len(LETTERS) - n) + self.rng.randint(0, 5))
            suggestion = Suggestion(school=self.school, recipient=recipient, subject=subject, text=text)
            suggestion.anonymous = anonymous
            user = writers[n % 2] if not anonymous else None
            services.submit_suggestion(suggestion, user)
            if not anonymous and user is None:
                suggestion.member = self.rng.choice(self.active)
                Suggestion.objects.filter(pk=suggestion.pk).update(member=suggestion.member)
            Suggestion.history.filter(id=suggestion.pk).update(member=suggestion.member)
            # An anonymous letter's history keeps the day, not a time of day.
            dates = [at(written, 0, 0) if anonymous else at(written, 21, 0)]
            fixes = {"written_on": written}
            if answer:
                answered = min(self.today, written + datetime.timedelta(days=self.rng.randint(2, 6)))
                answerer = self.chair if recipient == Recipient.UNION else self.staff
                services.answer_suggestion(suggestion, answerer, answer)
                dates.append(at(answered, 16, 0))
                fixes["answered_on"] = answered
            backdate(suggestion, dates, **fixes)
