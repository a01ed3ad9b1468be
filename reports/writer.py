"""The summary written from a period's records, the way a school union writes its year.

The writer decides what goes where — which records make a sub-point, which sub-points a
section holds, in what order — and hands each sub-point's records to its template in
``templates/reports/writer/``; the templates hold every word. Each record is told once:
an activity folded into a campaign or a pledge's sub-point is not told again under its
category, and every item names the records it used (``sources``) so the preview can list
what no paragraph tells.
"""

import dataclasses
import functools
import re
from decimal import Decimal

from activities.choices import (
    AwardKind,
    AwardLevel,
    AwardRecipientKind,
    AwardStatus,
    EthicsGrade,
    Festival,
    SummarySection,
    VisitReason,
)
from activities.models import DEFAULT_CATEGORIES
from activities.models.awards import ProfessionalTitle

from .document import Figure, Group, Item, Section
from .periods import SCHOOL_YEAR
from .wording import words

# The sections in the order the seeds print them.
SECTION_ORDER = [
    SummarySection.ETHICS,
    SummarySection.COMPETENCE,
    SummarySection.DEMOCRACY,
    SummarySection.CARE,
    SummarySection.CULTURE,
    SummarySection.WOMEN,
    SummarySection.RETIREES,
    SummarySection.CARE_ACTION,
    SummarySection.UNION,
    SummarySection.OTHER,
]
DEFAULT_CATEGORY_NAMES = {name for name, _section in DEFAULT_CATEGORIES}
HEALTH_CHECK_CATEGORY = "健康体检"

# The (一) groups of the sections that hold several kinds of work.
GROUPS = {
    str(SummarySection.DEMOCRACY): ["congress", "disclosure", "evaluation"],
    str(SummarySection.CARE): ["care", "rights"],
}

# An activity's title that starts with one of these already says what was done.
VERBS = (
    "开展", "组织", "举行", "举办", "召开", "参加", "参与", "选派", "启动", "学习", "传达", "发放", "开辟",
    "协助", "落实", "制定", "签订", "签署", "评选", "慰问", "看望", "走访", "分", "邀请", "建立", "成立",
    "完善", "推进", "配合", "征集", "布置", "设立", "编印", "制作", "观看", "收看", "聆听", "赴", "前往",
    "欢送", "庆祝", "迎接", "召集", "推荐", "申报", "承办", "协办", "带领", "为", "给", "向", "对",
)  # fmt: skip
# "学校制定…", "工会组织…": the title already says who did what. "教师参加公益服务": the
# staff did it, and the union organised it ("组织教师参加公益服务").
STARTS_WITH_DOER = re.compile(r"^(工会|学校)({})".format("|".join(VERBS)))
STAFF_DID = re.compile(r"^(全体)?(青年|女|退休)?(教师|教职工|老师|师生)(们)?({})".format("|".join(VERBS)))
HELD = ("会", "会议", "仪式", "典礼", "讲座", "论坛", "晚会", "联欢", "沙龙", "培训")
STAGED = ("赛", "比赛", "运动会", "展", "演出", "征文", "联谊")
PLEDGE_SUFFIXES = ("公开承诺书", "承诺书", "公开承诺", "承诺")
LEADER_POSTS = ("校长", "书记", "主席", "主任")
# A title that names where it was given (区…, 武进区…, 常州市…) needs no level before it.
PLACE_NAMED = re.compile(r"^.{0,5}(区|市|省|县|镇|街道|全国|国家)")
PRIZE_KINDS = (AwardKind.COMPETITION, AwardKind.HONOUR, AwardKind.PAPER_AWARDED, AwardKind.RESEARCH)
CARE_CAMPAIGN_WORDS = ("温暖", "慰问", "走访", "六必访")
MENTOR_CAMPAIGN_WORDS = ("青蓝", "师徒", "结对")
# The verbs of two characters or more that lead a title, tried in the order of VERBS.
LEADING_VERB = re.compile("^(?:{})".format("|".join(re.escape(v) for v in VERBS if len(v) > 1)))
SPACE = re.compile(r"[\s“”‘’\"'《》（）()，,。；;：:、！!？?]")


@functools.lru_cache(maxsize=4096)
def act(title, yearly=False):
    """An activity's title as what the union did: "教师家访" → "开展教师家访活动"; a yearly
    one as the union's habit: "开展一年一度的慈善募捐活动"."""
    title = title.strip()
    habit = "一年一度的" if yearly else ""
    if title.startswith(("召开", "举行", "举办", "组织", "开展", "参加")) or STARTS_WITH_DOER.match(title):
        return title
    if STAFF_DID.match(title):
        return "组织" + title
    if "：" in title or ":" in title:
        # "爱心卡片：写给让你感动的人" is a name: quoted, not read as a sentence.
        return "开展{}“{}”活动".format(habit, title.removesuffix("活动"))
    if title.endswith(HELD):
        return "举行" + habit + title
    if title.startswith(VERBS):
        return title
    if title.endswith("活动"):
        return "开展" + habit + title
    if title.endswith(STAGED):
        return "组织" + habit + title
    return "开展" + habit + title + "活动"


def level_words(award):
    """The level as the sentence needs it: nothing for the school's own, nor where the title
    already says where it was given ("区师德标兵", "常州市…")."""
    if award["level"] == AwardLevel.SCHOOL or PLACE_NAMED.match(award["title"]):
        return ""
    return str(AwardLevel(award["level"]).label)


def work(award):
    """A paper's or a project's level and title as its sentence names them: a title that says
    its kind, or its level and kind, before the 《》 ("论文《…》", "市级课题《…》") gives them to
    the sentence ("…的论文《…》", "主持的市级课题《…》") rather than have them said twice."""
    title = award["title"]
    if "《" not in title:
        return level_words(award), "《{}》".format(title)
    head, mark, rest = title.partition("《")
    if head.endswith(("论文", "课题")):
        return head[:-2] or level_words({**award, "title": mark + rest}), mark + rest
    return level_words(award), title


def money_text(value):
    """A figure as the appendix prints it: counts as they are, yuan as 3,600.00."""
    if isinstance(value, Decimal):
        return "{:,.2f}".format(value)
    return str(value)


def plain(text):
    return SPACE.sub("", text or "")


@functools.lru_cache(maxsize=4096)
def named(text):
    """What a title or a clause names: without spaces, quotes, 活动 or a leading verb, so that
    "开展教师家访活动" and "教师家访" name the same thing."""
    text = plain(text).replace("活动", "")
    verb = LEADING_VERB.match(text)
    return text[verb.end() :] if verb else text


def told(activity):
    """The activity's description, unless it only repeats its title; without its last stop."""
    description = (activity.get("description") or "").strip()
    title = named(activity["title"])
    if not description or named(description) in title:
        return ""
    first, _comma, rest = description.partition("，")
    # "举行启动仪式，校长作动员讲话": a first clause that names the activity again is dropped.
    if rest and (named(first) in title or title in named(first)):
        description = rest
    return description.rstrip("。；;，, ")


def pledge_core(title):
    """What a pledge is about: "拒绝有偿补课公开承诺书" → "拒绝有偿补课"."""
    for suffix in PLEDGE_SUFFIXES:
        if title.endswith(suffix) and len(title) > len(suffix) + 1:
            return title[: -len(suffix)]
    return title


@dataclasses.dataclass
class _Section:
    items: list = dataclasses.field(default_factory=list)
    facts: dict = dataclasses.field(default_factory=dict)  # what the lead paragraph may tell
    figures: dict = dataclasses.field(default_factory=dict)  # figure key → value, in the order set


class Writer:
    """Sorts a period's records into sections and sub-points and words them."""

    def __init__(self, records, period):
        self.records = records
        self.period = period
        self.school_year = period.kind == SCHOOL_YEAR
        self.sections = {}
        self.headings = {}
        self.count = 0  # sub-points written so far: neighbouring ones word the same act differently
        self.categories = {category.pk: category for category in records.categories}
        self.category_keys = {}
        for category in records.categories:
            key = self.section_key(category)
            self.category_keys[category.pk] = key
            if key.startswith("category:"):
                self.headings[key] = category.name
        self.used = set()  # activity pks already told
        profile = records.profile
        self.own_names = {"", *(getattr(profile, name, "") for name in ("full_name", "short_name", "union_name"))}
        self.used_notices = set()
        # A live club's outings and awards are told with the club; a deleted club's as any other.
        self.clubs = {club["club"].pk for club in records.clubs["per_club"]}

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def section_key(category):
        if category.section == SummarySection.OTHER and category.name not in DEFAULT_CATEGORY_NAMES:
            return "category:{}".format(category.pk)
        return str(category.section)

    def section_of(self, category_id):
        return self.category_keys.get(category_id, str(SummarySection.OTHER))

    def section(self, key):
        return self.sections.setdefault(str(key), _Section())

    def add(self, section, key, title, template, sources, date=None, group="", **context):
        self.count += 1
        text = words(template, n=self.count, period=self.period, school_year=self.school_year, **context)
        if not text:
            return None
        item = Item(key=key, text=text, title=title, date=date, group=group, sources=list(dict.fromkeys(sources)))
        self.section(section).items.append(item)
        return item

    def figure(self, section, key, value):
        """A figure of the section for the version comparison and the Word appendix; zeros
        and empty sums are not figures."""
        if value:
            self.section(section).figures[key] = value

    def section_figures(self, key, draft):
        """The section's figures: its activities and person-times from the records its
        sub-points tell, then those its kinds of work set."""
        told = {
            int(source.split(":", 1)[1])
            for item in draft.items
            for source in item.sources
            if source.startswith("activity:")
        }
        rows = [self.activity_by_pk[pk] for pk in sorted(told) if pk in self.activity_by_pk]
        figures = {"activities": len(rows), "person_times": sum(self.people(a) for a in rows), **draft.figures}
        return [
            Figure(key=name, label=words("figure", key=name), value=money_text(value))
            for name, value in figures.items()
            if value
        ]

    def people(self, activity):
        return activity["participant_count"] + activity["outside_participants"]

    def everyone(self, activity):
        headcount = self.records.roster.get("headcount") or 0
        return headcount >= 5 and activity["participant_count"] >= headcount * 0.9

    def shown(self, activity):
        """An activity as its template reads it."""
        self.used.add(activity["pk"])
        recurs = activity["yearly"] or activity["title"] in self.records.earlier_titles
        return {
            **activity,
            "act": act(activity["title"], activity["yearly"]),
            "told": told(activity),
            "people": self.people(activity),
            "everyone": self.everyone(activity),
            "names": self.records.participant_names.get(activity["pk"], []),
            "recurs": recurs,
        }

    @staticmethod
    def repeated_once(shown):
        """Activities of the same title told once, with how many times they were held
        (工会委员会议 every quarter: "先后4次召开…")."""
        by_title = {}
        for activity in shown:
            entry = by_title.get(activity["title"])
            if entry is None:
                by_title[activity["title"]] = {**activity, "times": 1, "pks": [activity["pk"]]}
            else:
                entry["times"] += 1
                entry["pks"].append(activity["pk"])
                entry["people"] += activity["people"]
        return list(by_title.values())

    def free_activities(self, section):
        return [a for a in self.activities_of_section.get(section, ()) if a["pk"] not in self.used]

    # -- the document ----------------------------------------------------------------------

    def write(self):
        live = {entry["campaign"].pk for entry in self.records.campaigns}
        # Each section's activities outside a live campaign, sorted once: a busy year has a
        # thousand, and every kind of sub-point looks for the ones not yet told.
        self.activities_of_section = {}
        self.activity_by_pk = {activity["pk"]: activity for activity in self.records.activities}
        for activity in self.records.activities:
            activity["in_campaign"] = activity["campaign_id"] in live
            if not activity["in_campaign"]:
                self.activities_of_section.setdefault(self.section_of(activity["category_id"]), []).append(activity)
        # Activities done with a partner are told with the partnership, but for those of a
        # live campaign: the campaign tells them.
        in_campaign = {activity["pk"] for activity in self.records.activities if activity["in_campaign"]}
        for entry in self.records.partnerships:
            entry["activities"] = [a for a in entry["activities"] if a["pk"] not in in_campaign]
            self.used.update(activity["pk"] for activity in entry["activities"])
        self.ethics()
        self.competence()
        self.democracy()
        self.care()
        self.culture()
        self.women()
        self.retirees()
        self.care_action()
        self.union()
        for key in [k for k in self.headings if k.startswith("category:")] + [str(SummarySection.OTHER)]:
            self.campaigns_of(key)
            self.activity_groups(key)
        return self.assembled()

    def assembled(self):
        keys = [str(key) for key in SECTION_ORDER[:-1]]
        keys += [key for key in self.headings if key not in keys]
        keys.append(str(SummarySection.OTHER))
        result = []
        for key in keys:
            draft = self.sections.get(key)
            if draft is None or not draft.items:
                continue
            heading = self.headings.get(key) or words("heading", section=key)
            intro = words("intro", section=key, facts=draft.facts, items=draft.items, school_year=self.school_year)
            groups = [
                Group(key=group, heading=words("group_heading", section=key, group=group))
                for group in GROUPS.get(key, [])
            ]
            result.append(
                Section(
                    key=key,
                    heading=heading,
                    intro=intro,
                    items=draft.items,
                    groups=groups,
                    figures=self.section_figures(key, draft),
                )
            )
        return result

    # -- campaigns and activities ----------------------------------------------------------

    def campaign_entries(self, section):
        return [e for e in self.records.campaigns if self.section_of(e["campaign"].category_id) == section]

    def activities_of_campaign(self, campaign_pk):
        return [a for a in self.records.activities if a["campaign_id"] == campaign_pk]

    def campaigns_of(self, section, exclude=(), group=""):
        """One sub-point per campaign; ``group`` is the (一) group's key, or a function of the
        campaign's category that gives it."""
        for entry in self.campaign_entries(section):
            campaign = entry["campaign"]
            if campaign.pk in exclude:
                continue
            self.campaign(
                section,
                entry,
                group=group(self.categories.get(campaign.category_id)) if callable(group) else group,
            )

    def campaign(self, section, entry, extra_sources=(), **extra):
        campaign = entry["campaign"]
        activities = [self.shown(a) for a in self.activities_of_campaign(campaign.pk)]
        carried = campaign.launched_on < self.period.start
        # A theme that only repeats the campaign's name says nothing.
        theme = campaign.theme if plain(campaign.title) not in plain(campaign.theme) else ""
        return self.add(
            section,
            "campaign:{}".format(campaign.pk),
            campaign.title,
            "campaign",
            ["campaign:{}".format(campaign.pk), *("activity:{}".format(a["pk"]) for a in activities), *extra_sources],
            date=campaign.launched_on,
            campaign=campaign,
            carried=carried,
            theme=theme,
            description_names_it=named(campaign.title) in named(campaign.description),
            # A month's campaign says its month once; a longer one dates its activities.
            dated=not carried and not campaign.title.endswith("月"),
            activities=activities,
            person_times=entry["person_times"],
            **extra,
        )

    @staticmethod
    def democracy_group(category):
        name = category.name if category else ""
        if "公开" in name:
            return "disclosure"
        if "评议" in name or "测评" in name:
            return "evaluation"
        return "congress"

    def activity_groups(self, section, group=""):
        """One sub-point per category of the activities not yet told; ``group`` is the (一)
        group's key, or a function of the category that gives it."""
        by_category = {}
        for activity in self.free_activities(section):
            by_category.setdefault(activity["category_id"], []).append(activity)
        for category_id, rows in by_category.items():
            category = self.categories.get(category_id)
            shown = self.repeated_once([self.shown(a) for a in rows])
            # The section's own default category is titled by the work it holds, not by a
            # name that repeats the section's ("师能建设/专业成长").
            own = category is None or (
                category.name in DEFAULT_CATEGORY_NAMES and self.section_key(category) == section
            )
            group_key = group(category) if callable(group) else group
            self.add(
                section,
                "category:{}:{}".format(section, category_id),
                words("title", what="activities", section=section, group=group_key) if own else category.name,
                "activities",
                ["activity:{}".format(pk) for a in shown for pk in a["pks"]],
                date=shown[0]["starts_on"],
                group=group_key,
                category=category,
                activities=shown,
                titles="、".join(a["title"] for a in shown),
            )

    # -- 一、师德师风 -------------------------------------------------------------------------

    def ethics(self):
        section = str(SummarySection.ETHICS)
        self.campaigns_of(section)
        for drive in self.records.pledges:
            core = pledge_core(drive["title"])
            # What a campaign tells, or an earlier drive of the same matter, is not told again.
            related = [
                self.shown(a)
                for a in self.records.activities
                if a["pk"] not in self.used and not a["in_campaign"] and core in a["title"]
            ]
            notices = [n for n in self.records.notice_list if n["pk"] not in self.used_notices and core in n["title"]]
            self.used_notices.update(n["pk"] for n in notices)
            self.add(
                section,
                "pledgedrive:{}".format(drive["pk"]),
                core,
                "pledge",
                [
                    "pledgedrive:{}".format(drive["pk"]),
                    *("activity:{}".format(a["pk"]) for a in related),
                    *("notice:{}".format(n["pk"]) for n in notices),
                ],
                date=drive["opened_on"],
                drive=drive,
                activities=related,
                untold=[a for a in related if not a["told"]],
                notices=notices,
                headcount=self.records.roster.get("headcount") or 0,
            )
        ethics = self.records.ethics
        if ethics.get("assessed"):
            self.add(
                section,
                "ethics:assessment",
                words("title", what="ethics"),
                "ethics_assessment",
                ["ethicsperiod:{}".format(p["pk"]) for p in ethics["by_period"]],
                ethics=ethics,
                grades=[(EthicsGrade(grade).label, count) for grade, count in ethics["grades"].items() if count],
            )
        honours = [a for a in self.people_awards() if self.among_honours(a)]
        if honours:
            self.add(
                section,
                "awards:honours",
                words("title", what="honours"),
                "honours",
                ["award:{}".format(a["pk"]) for a in honours],
                honours=self.award_rows(honours),
            )
        self.activity_groups(section)

    # -- 二、师能 -----------------------------------------------------------------------------

    def competence(self):
        section = str(SummarySection.COMPETENCE)
        mentoring = self.records.mentoring
        folded = None
        for entry in self.campaign_entries(section):
            if (
                mentoring["pairs"]
                and folded is None
                and any(w in entry["campaign"].title for w in MENTOR_CAMPAIGN_WORDS)
            ):
                folded = entry["campaign"].pk
                self.campaign(section, entry, extra_sources=self.mentor_sources(), mentoring=mentoring)
            else:
                self.campaign(section, entry)
        self.figure(section, "mentor_pairs", mentoring["pairs"])
        if mentoring["pairs"] and folded is None:
            self.add(
                section,
                "mentoring",
                words("title", what="mentoring"),
                "mentoring",
                self.mentor_sources(),
                mentoring=mentoring,
            )
        results = [a for a in self.people_awards() if not self.among_honours(a)]
        promotions = [{**p, "title_label": ProfessionalTitle(p["title"]).label} for p in self.records.promotion_list]
        if results or promotions:
            rows = self.award_rows(results)
            self.figure(section, "awards", sum(len(a["names"]) or 1 for a in rows if not a["pending"]))
            self.figure(section, "promotions", len(promotions))
            self.add(
                section,
                "awards:results",
                words("title", what="results"),
                "results",
                ["award:{}".format(a["pk"]) for a in results] + ["promotion:{}".format(p["pk"]) for p in promotions],
                awards=rows,
                won=[a for a in rows if not a["pending"]],
                pending=[a for a in rows if a["pending"] and a["kind"] != AwardKind.RESEARCH],
                # Prizes and honours won from the district up, in person-times (7人次…获奖): not a
                # paper published, a project approved or concluded, a lesson given.
                district_and_above=sum(
                    len(a["names"]) or 1
                    for a in rows
                    if a["status"] == AwardStatus.AWARDED
                    and a["kind"] in PRIZE_KINDS
                    and a["level"] >= AwardLevel.DISTRICT
                ),
                papers_published=[a for a in rows if a["kind"] == AwardKind.PAPER_PUBLISHED],
                papers_awarded=[a for a in rows if a["kind"] == AwardKind.PAPER_AWARDED and not a["pending"]],
                research=[a for a in rows if a["kind"] == AwardKind.RESEARCH],
                # Each list holds what its sentence prints, so that its last entry closes it.
                contests=[
                    a for a in rows if a["kind"] in (AwardKind.COMPETITION, AwardKind.OPEN_LESSON) and not a["pending"]
                ],
                honours=[a for a in rows if a["kind"] == AwardKind.HONOUR],
                promotions=promotions,
            )
        self.activity_groups(section)

    def people_awards(self):
        """Awards to members and groups, not the school's own nor a club's."""
        return [
            a
            for a in self.records.award_list
            if a["recipient_kind"] != AwardRecipientKind.SCHOOL and a["club"] not in self.clubs
        ]

    @staticmethod
    def among_honours(award):
        """Honours of the school or township, and nominations, are told with the ethics work
        (评先评优); honours from the district up count with the year's results, as the seeds
        count them (7人次在区级及以上比赛和活动中获奖)."""
        return award["kind"] == AwardKind.HONOUR and (award["pending"] or award["level"] < AwardLevel.DISTRICT)

    def mentor_sources(self):
        return ["mentorpair:{}".format(pk) for pk in self.records.mentoring.get("pks", [])]

    def award_rows(self, awards):
        rows = []
        for award in awards:
            names = award["names"]
            if award["recipient_kind"] == AwardRecipientKind.MEMBERS:
                named = ["{}{}".format(n, self.records.posts.get(n, "")) if self.is_leader(n) else n for n in names]
            else:
                named = list(names)
            level, title = work(award)
            rows.append(
                {
                    **award,
                    "named": named,
                    "level_label": AwardLevel(award["level"]).label,
                    "level_words": level,
                    "quoted": title,
                    "issuer_shown": "" if award["issuer"] in self.own_names else award["issuer"],
                }
            )
        return rows

    def is_leader(self, name):
        """Leaders are named with their post, as the seeds do (王晓峰校长)."""
        post = self.records.posts.get(name, "")
        return post.endswith(LEADER_POSTS) and not post.endswith("班主任")

    # -- 三、民主管理 -------------------------------------------------------------------------

    def democracy(self):
        section = str(SummarySection.DEMOCRACY)
        congress = self.records.congress
        self.campaigns_of(section, group=self.democracy_group)
        sessions = self.records.sessions
        self.figure(section, "sessions", len(sessions))
        self.figure(section, "proposals", congress["proposals"]["received"])
        self.figure(section, "proposals_handled", congress["proposals"]["handled"])
        self.figure(section, "notices", len(self.records.notice_list))
        self.figure(section, "evaluations", len(self.records.evaluations))
        if sessions or congress["proposals"]["received"] or congress["suggestions"]["drives"]:
            motions = {}
            for motion in congress["motions"]:
                motions.setdefault(motion["session_id"], []).append(motion)
            self.add(
                section,
                "congress",
                words("title", what="congress", sessions=sessions),
                "congress",
                ["session:{}".format(s.pk) for s in sessions]
                + ["proposal:{}".format(pk) for pk in congress.get("proposal_pks", [])]
                + ["suggestiondrive:{}".format(d["pk"]) for d in congress["suggestions"]["drive_list"]],
                group="congress",
                sessions=[{"session": s, "motions": motions.get(s.pk, [])} for s in sessions],
                proposals=congress["proposals"],
                drives=congress["suggestions"],
            )
        self.activity_groups(section, group=self.democracy_group)
        notices = [n for n in self.records.notice_list if n["pk"] not in self.used_notices]
        channels = [r for r in self.records.rules if r.get("is_channel")]
        if notices or channels:
            by_category = {}
            for notice in notices:
                by_category.setdefault(notice["category__name"] or "", []).append(notice)
            self.add(
                section,
                "disclosure",
                words("title", what="disclosure"),
                "disclosure",
                ["notice:{}".format(n["pk"]) for n in notices] + ["standingrule:{}".format(r["pk"]) for r in channels],
                group="disclosure",
                notices=notices,
                by_category=sorted(by_category.items(), key=lambda row: -len(row[1])),
                channels=channels,
                objections=self.records.notices,
                suggestions=self.records.suggestions,
            )
        evaluations = self.records.evaluations
        if evaluations:
            self.add(
                section,
                "evaluations",
                words("title", what="evaluation"),
                "evaluations",
                ["democraticevaluation:{}".format(e.pk) for e in evaluations],
                group="evaluation",
                evaluations=evaluations,
            )

    # -- 四、关爱与维权 -----------------------------------------------------------------------

    def care(self):
        section = str(SummarySection.CARE)
        visits = [v for v in self.records.visit_list if not v["to_retiree"]]
        folded = None
        for entry in self.campaign_entries(section):
            if visits and folded is None and any(w in entry["campaign"].title for w in CARE_CAMPAIGN_WORDS):
                folded = entry["campaign"].pk
                self.campaign(
                    section,
                    entry,
                    extra_sources=["visit:{}".format(v["pk"]) for v in visits],
                    group="care",
                    visits=self.visit_groups(visits),
                    visit_total=self.money_total(visits),
                    visit_count=len(visits),
                    same_amount=self.same_amount(visits),
                )
            else:
                self.campaign(section, entry, group="care")
        # The visiting rule (六必访) is told with the visits it leads, not again among the rules.
        rule = self.rule_named("六必访") if visits and folded is None else None
        if visits and folded is None:
            self.add(
                section,
                "care:visits",
                words("title", what="visits"),
                "visits",
                ["visit:{}".format(v["pk"]) for v in visits] + (["standingrule:{}".format(rule["pk"])] if rule else []),
                group="care",
                visits=self.visit_groups(visits),
                visit_total=self.money_total(visits),
                visit_count=len(visits),
                same_amount=self.same_amount(visits),
                reasons={v["reason"] for v in visits},
                rule=rule,
            )
        batches = [b for b in self.greeting_batches() if b["section"] == section]
        if batches:
            self.add(
                section,
                "care:greetings",
                words("title", what="greetings"),
                "greetings",
                ["greetingbatch:{}".format(pk) for b in batches for pk in b["keys"]],
                group="care",
                batches=batches,
                traditional_total=sum((b["amount"] for b in batches if b["traditional"]), Decimal(0)),
                traditional=[b for b in batches if b["traditional"]],
                others=[b for b in batches if not b["traditional"]],
            )
        checks = [
            a
            for a in self.free_activities(section)
            if self.categories.get(a["category_id"]) and self.categories[a["category_id"]].name == HEALTH_CHECK_CATEGORY
        ]
        if checks:
            shown = [self.shown(a) for a in checks]
            self.add(
                section,
                "care:health",
                words("title", what="health"),
                "health",
                ["activity:{}".format(a["pk"]) for a in shown],
                group="care",
                checks=shown,
            )
        hardship = self.records.hardship
        grants = self.records.grant_list
        self.figure(section, "visits", len(visits))
        self.figure(section, "visit_yuan", self.money_total(visits))
        self.figure(section, "greetings", sum(b["recipients"] for b in batches))
        self.figure(section, "greeting_yuan", sum((b["amount"] for b in batches), Decimal(0)))
        self.figure(section, "hardship_cases", hardship["cases"])
        self.figure(section, "hardship_yuan", Decimal(hardship["aid_amount"] or 0))
        self.figure(section, "mutual_aid_yuan", sum((g["amount"] for g in grants), Decimal(0)))
        if hardship["cases"] or grants or self.records.recent_grants.get("count"):
            self.add(
                section,
                "care:hardship",
                words("title", what="hardship"),
                "hardship",
                ["hardshipcase:{}".format(pk) for pk in hardship.get("pks", [])]
                + ["mutualaidgrant:{}".format(g["pk"]) for g in grants],
                group="rights",
                hardship=hardship,
                grants=grants,
                grant_total=sum((g["amount"] for g in grants), Decimal(0)),
                recent=self.records.recent_grants if self.records.recent_grants.get("count", 0) > len(grants) else None,
            )
        rules = [
            r for r in self.records.rules if not r.get("is_channel") and r["section"] in ("", section) and r is not rule
        ]
        if rules:
            self.add(
                section,
                "care:rules",
                words("title", what="rules"),
                "rules",
                ["standingrule:{}".format(r["pk"]) for r in rules],
                group="rights",
                rules=rules,
            )
        self.activity_groups(section, group="care")

    def rule_named(self, word):
        return next((r for r in self.records.rules if word in r["title"]), None)

    @staticmethod
    def same_amount(visits):
        """The amount every visit gave, when it was the same each time, to be said once."""
        amounts = {v["amount"] for v in visits}
        if len(visits) > 1 and len(amounts) == 1 and None not in amounts:
            return amounts.pop()
        return None

    def money_total(self, rows):
        amounts = [Decimal(r["amount"]) for r in rows if r.get("amount") is not None]
        return sum(amounts, Decimal(0)) if amounts else None

    def visit_groups(self, visits):
        """Visits by occasion, in the order of the 六必访: ``[{"reason", "label", "visits"}]``."""
        order = [choice.value for choice in VisitReason]
        grouped = {}
        for visit in visits:
            grouped.setdefault(visit["reason"], []).append(visit)
        return [
            {"reason": reason, "label": VisitReason(reason).label, "visits": grouped[reason]}
            for reason in sorted(grouped, key=order.index)
        ]

    def greeting_batches(self):
        """One entry per festival, as the seeds tell them, however many batches it took."""
        by_festival = {}
        for batch in self.records.greetings["batches"]:
            key = (batch["festival"], batch["to_retirees"])
            entry = by_festival.setdefault(
                key, {**batch, "recipients": 0, "amount": Decimal(0), "keys": [], "gifts_list": []}
            )
            entry["recipients"] += batch["recipients"]
            entry["amount"] += batch["amount"] or 0
            entry["keys"].append(batch["pk"])
            if batch["gifts"] and batch["gifts"] not in entry["gifts_list"]:
                entry["gifts_list"].append(batch["gifts"])
        result = []
        for entry in by_festival.values():
            if entry["festival"] == Festival.WOMENS_DAY or entry["audience"] == "women":
                entry["section"] = str(SummarySection.WOMEN)
            elif entry["festival"] == Festival.DOUBLE_NINTH or entry["to_retirees"]:
                entry["section"] = str(SummarySection.RETIREES)
            else:
                entry["section"] = str(SummarySection.CARE)
            entry["traditional"] = entry["festival"] in (
                Festival.SPRING,
                Festival.LANTERN,
                Festival.DRAGON_BOAT,
                Festival.MID_AUTUMN,
                Festival.DOUBLE_NINTH,
            )
            entry["gifts"] = "、".join(entry["gifts_list"])
            result.append(entry)
        return result

    # -- 文体 ---------------------------------------------------------------------------------

    def culture(self):
        section = str(SummarySection.CULTURE)
        self.campaigns_of(section)
        clubs = self.records.clubs
        club_awards = [a for a in self.records.award_list if a["club"] in self.clubs]
        rows = self.free_activities(section)
        club_rows = [self.shown(a) for a in rows if a["club_id"] in self.clubs]
        other_rows = [self.shown(a) for a in rows if a["club_id"] not in self.clubs]
        if other_rows:
            self.add(
                section,
                "culture:activities",
                words("title", what="culture"),
                "culture",
                ["activity:{}".format(a["pk"]) for a in other_rows],
                activities=other_rows,
            )
        # The clubs are told in a period they did something in: an outing or an award.
        if club_rows or any(c["activities"] or c["awards"] for c in clubs["per_club"]):
            awards_by_club = {}
            for award in self.award_rows(club_awards):
                awards_by_club.setdefault(award["club"], []).append(award)
            per_club = [
                self.club_outings(club, [a for a in club_rows if a["club_id"] == club["club"].pk], awards_by_club)
                for club in clubs["per_club"]
            ]
            self.add(
                section,
                "culture:clubs",
                words("title", what="clubs"),
                "clubs",
                ["club:{}".format(c["club"].pk) for c in clubs["per_club"]]
                + ["activity:{}".format(a["pk"]) for a in club_rows]
                + ["award:{}".format(a["pk"]) for a in club_awards],
                clubs=per_club,
                members=clubs["members"],
            )
        facilities = self.records.facilities
        if facilities:
            self.add(
                section,
                "culture:facilities",
                words("title", what="facilities"),
                "facilities",
                ["facility:{}".format(f["pk"]) for f in facilities],
                facilities=facilities,
                new=[f for f in facilities if f["new"]],
                sporting=any(f.get("kind") in ("fitness", "sports") for f in facilities),
                standing=[f for f in facilities if not f["new"]],
            )
        self.activity_groups(section)

    @staticmethod
    def club_outings(club, outings, awards_by_club):
        """The club with its outings, each with the awards won at it (``won``, the award named
        as the outing is); the club's other awards stay with the club (``won``), told on their own."""
        outings = [{**outing, "won": []} for outing in outings]
        others = []
        for award in awards_by_club.get(club["club"].pk, []):
            won, held = plain(award["title"]), [plain(outing["title"]) for outing in outings]
            at = next((o for o, title in zip(outings, held, strict=True) if won in title or title in won), None)
            (at["won"] if at else others).append(award)
        return {**club, "outings": outings, "won": others}

    # -- 女工、离退休 ---------------------------------------------------------------------------

    def women(self):
        section = str(SummarySection.WOMEN)
        self.campaigns_of(section)
        batches = [b for b in self.greeting_batches() if b["section"] == section]
        rows = [self.shown(a) for a in self.free_activities(section)]
        if batches or rows:
            self.add(
                section,
                "women",
                words("title", what="women"),
                "women",
                ["greetingbatch:{}".format(pk) for b in batches for pk in b["keys"]]
                + ["activity:{}".format(a["pk"]) for a in rows],
                batches=batches,
                activities=rows,
            )

    def retirees(self):
        section = str(SummarySection.RETIREES)
        self.campaigns_of(section)
        visits = [v for v in self.records.visit_list if v["to_retiree"]]
        batches = [b for b in self.greeting_batches() if b["section"] == section]
        rows = [self.shown(a) for a in self.free_activities(section)]
        retired = self.records.roster.get("retired", 0)
        if visits or batches or rows or retired:
            self.add(
                section,
                "retirees",
                words("title", what="retirees"),
                "retirees",
                ["visit:{}".format(v["pk"]) for v in visits]
                + ["greetingbatch:{}".format(pk) for b in batches for pk in b["keys"]]
                + ["activity:{}".format(a["pk"]) for a in rows],
                visits=self.visit_groups(visits),
                visit_total=self.money_total(visits),
                visit_count=len(visits),
                same_amount=self.same_amount(visits),
                batches=batches,
                activities=rows,
                retired=retired,
                retired_names=self.records.roster.get("retired_names", []),
            )

    # -- 168、工会自身 ----------------------------------------------------------------------------

    def care_action(self):
        section = str(SummarySection.CARE_ACTION)
        self.campaigns_of(section)
        care = self.records.care_action
        self.figure(section, "pairs", care["pairs"])
        self.figure(section, "talks", care["talks"])
        self.figure(section, "tutoring", care["tutoring"])
        if care["pairs"]:
            self.add(
                section,
                "care_action",
                words("title", what="care_action"),
                "care_action",
                ["carepair:{}".format(pk) for pk in care.get("pks", [])],
                care=care,
            )
        self.activity_groups(section)

    def union(self):
        section = str(SummarySection.UNION)
        self.campaigns_of(section)
        self.activity_groups(section)
        roster = self.records.roster
        school_awards = [
            a
            for a in self.records.award_list
            if a["recipient_kind"] == AwardRecipientKind.SCHOOL and a["club"] not in self.clubs
        ]
        standing = self.records.standing_honours
        if roster.get("joined") or roster.get("new_hires") or school_awards or standing:
            self.add(
                section,
                "union:members",
                words("title", what="union"),
                "union",
                ["award:{}".format(a["pk"]) for a in school_awards],
                roster=roster,
                honours=self.award_rows(school_awards),
                standing=[{**h, "level_label": AwardLevel(h["level"]).label} for h in standing],
            )
        partnerships = self.records.partnerships
        if partnerships:
            self.add(
                section,
                "union:partnerships",
                words("title", what="partnerships"),
                "partnerships",
                ["partnership:{}".format(p["partnership"].pk) for p in partnerships]
                + ["activity:{}".format(a["pk"]) for p in partnerships for a in p["activities"]],
                partnerships=partnerships,
            )
        rules = [r for r in self.records.rules if not r.get("is_channel") and r["section"] == section]
        if rules:
            self.add(
                section,
                "union:rules",
                words("title", what="rules"),
                "rules",
                ["standingrule:{}".format(r["pk"]) for r in rules],
                rules=rules,
            )
