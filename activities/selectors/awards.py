"""Reads of awards, promotions and mentor pairs that the pages and the annual summary share.

Every function here runs inside a school scope (a request's, or ``scope(school=…)``) and
returns plain numbers and dicts: the summary turns them into sentences such as
"7人次在区级及以上比赛中获奖" and "3个市级课题".

Counting rule (人次, person-times): an award to members counts once per member; an award to a
group (高年级语文组) or to the school itself counts once.
"""

import datetime

from django.db.models import Count, Max, Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.choices import ProfessionalTitle
from members.models import Member
from unionhub.history import history_entries, m2m_snapshots, name_lister

from ..choices import PENDING_AWARD_STATUSES, AwardKind, AwardLevel, AwardRecipientKind, AwardStatus
from ..models import Award, MentorMeeting, MentorPair, Promotion, school_year_label
from ..periods import school_year_of, school_years_label

# Every record since the founding of any school here and before the end of the app's use.
ALL_TIME = (datetime.date(1900, 1, 1), datetime.date(2999, 12, 31))


def year_range(year):
    """1 January to 31 December of ``year``; all time when ``year`` is None."""
    if year is None:
        return ALL_TIME
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def school_year_range(school_year):
    """1 September of ``school_year`` to 31 August of the next year."""
    return datetime.date(school_year, 9, 1), datetime.date(school_year + 1, 8, 31)


# ---------------------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------------------


# The status filter's value for every award still waiting for its outcome (申报 and 推荐).
PENDING = "pending"


def awards(school, year=None, kind=None, level=None, member=None, status=None, programme=None):
    """The school's awards, newest first, with their club and live members (two queries a page).

    ``status`` is an ``AwardStatus`` value, or ``PENDING`` for every application and nomination.
    """
    queryset = (
        Award.objects.filter(school=school)
        .select_related("club")
        .prefetch_related(
            Prefetch("members", queryset=Member.objects.filter(school=school).only("pk", "name", "name_pinyin"))
        )
    )
    if year is not None:
        queryset = queryset.filter(awarded_on__year=year)
    if kind:
        queryset = queryset.filter(kind=kind)
    if level:
        queryset = queryset.filter(level=level)
    if status == PENDING:
        queryset = queryset.filter(status__in=PENDING_AWARD_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    if programme:
        queryset = queryset.filter(programme=programme)
    if member is not None:
        queryset = queryset.filter(members=member)
    return queryset


def award_years(school):
    """The years in which the school has awards, newest first (one query)."""
    return [d.year for d in Award.objects.filter(school=school).dates("awarded_on", "year", order="DESC")]


def promotions(school, year=None):
    queryset = Promotion.objects.filter(school=school).select_related("member")
    if year is not None:
        queryset = queryset.filter(promoted_on__year=year)
    return queryset


def promotion_years(school):
    return [d.year for d in Promotion.objects.filter(school=school).dates("promoted_on", "year", order="DESC")]


def _live_pairs(school):
    """The school's live pairs whose mentor and mentee are both still on the roster."""
    return MentorPair.objects.filter(school=school, mentor__deleted_at__isnull=True, mentee__deleted_at__isnull=True)


def mentor_pairs(school, school_year=None):
    """Pairs with their two members, the number of meetings and the last one's date."""
    queryset = (
        _live_pairs(school)
        .select_related("mentor", "mentee")
        .annotate(meeting_count=Count("meetings"), last_met_on=Max("meetings__met_on"))
        .order_by("-school_year", "mentor__name_pinyin", "pk")
    )
    if school_year is not None:
        queryset = queryset.filter(school_year=school_year)
    return queryset


def mentor_school_years(school):
    return sorted(
        set(MentorPair.objects.filter(school=school).values_list("school_year", flat=True).distinct()),
        reverse=True,
    )


def meetings_of(pair):
    return list(MentorMeeting.objects.filter(pair=pair).order_by("met_on", "pk"))


# ---------------------------------------------------------------------------------------
# Figures of the annual summary
# ---------------------------------------------------------------------------------------


def award_figures(school, start, end):
    """Awards dated from ``start`` to ``end`` (both included), counted in awards and in 人次.

    Only what was achieved counts in the totals, by kind and by level: an award won, a paper
    published, a research project approved or concluded. Applications (申报) and nominations
    (推荐) still waiting for their outcome are counted apart, under ``pending`` and ``by_status``.

    Returns::

        {
            "awards": 12, "person_times": 17,
            "by_kind": {"competition": {"awards": 5, "person_times": 9}, …},      # every kind
            "by_level": {3: {"awards": 6, "person_times": 8}, …},                 # every level
            "by_kind_level": {"competition": {1: {"awards": …, "person_times": …}, …}, …},
            "by_status": {"awarded": {"awards": 9, "person_times": 14}, "applied": {…}, …},  # every status
            "pending": {"awards": 3, "person_times": 4},          # applied for or nominated
            "competition_person_times_district_and_above": 7,   # 7人次在区级及以上比赛中获奖
            "papers_published": 2, "papers_awarded": 3,          # counted apart, in papers
            "research_by_level": {4: 3, …},   # 3个市级课题 (approved, concluded or awarded projects)
            "research_by_level_status": {4: {"approved": 2, "concluded": 1, "applied": 0, …}, …},
        }

    Kinds are ``AwardKind`` values, levels ``AwardLevel`` values (1 校级, 2 街道/镇级, 3 区级
    … 6 国家级), statuses ``AwardStatus`` values. One query.
    """
    zero = {"awards": 0, "person_times": 0}
    by_kind_level = {kind: {level: dict(zero) for level in AwardLevel.values} for kind in AwardKind.values}
    by_status = {status: dict(zero) for status in AwardStatus.values}
    research = {level: {status: 0 for status in AwardStatus.values} for level in AwardLevel.values}
    rows = (
        Award.objects.filter(school=school, awarded_on__gte=start, awarded_on__lte=end)
        .values("kind", "level", "status", "recipient_kind")
        .annotate(
            award_count=Count("pk", distinct=True),
            member_count=Count("members", filter=Q(members__deleted_at__isnull=True)),
        )
        .order_by()
    )
    for row in rows:
        if row["recipient_kind"] == AwardRecipientKind.MEMBERS:
            person_times = row["member_count"]
        else:
            person_times = row["award_count"]
        for cell in (by_status[row["status"]],) + (
            () if row["status"] in PENDING_AWARD_STATUSES else (by_kind_level[row["kind"]][row["level"]],)
        ):
            cell["awards"] += row["award_count"]
            cell["person_times"] += person_times
        if row["kind"] == AwardKind.RESEARCH:
            research[row["level"]][row["status"]] += row["award_count"]

    def total(cells):
        cells = list(cells)
        return {key: sum(cell[key] for cell in cells) for key in zero}

    by_kind = {kind: total(levels.values()) for kind, levels in by_kind_level.items()}
    by_level = {level: total(by_kind_level[kind][level] for kind in AwardKind.values) for level in AwardLevel.values}
    overall = total(by_kind.values())
    competitions = by_kind_level[AwardKind.COMPETITION]
    return {
        "awards": overall["awards"],
        "person_times": overall["person_times"],
        "by_kind": by_kind,
        "by_level": by_level,
        "by_kind_level": by_kind_level,
        "by_status": by_status,
        "pending": total(by_status[status] for status in PENDING_AWARD_STATUSES),
        "competition_person_times_district_and_above": sum(
            cell["person_times"] for level, cell in competitions.items() if level >= AwardLevel.DISTRICT
        ),
        "papers_published": by_kind[AwardKind.PAPER_PUBLISHED]["awards"],
        "papers_awarded": by_kind[AwardKind.PAPER_AWARDED]["awards"],
        "research_by_level": {level: cell["awards"] for level, cell in by_kind_level[AwardKind.RESEARCH].items()},
        "research_by_level_status": research,
    }


def award_entries(school, start, end):
    """Every award dated from ``start`` to ``end``, won or still applied for, with who it went
    to by name, for the summary to name people and programmes. Oldest first; two queries,
    however many awards (the names are read even for a year without any).

    Each entry: ``pk``, ``title``, ``kind``, ``level``, ``status``, ``pending`` (applied for
    or nominated), ``rank``, ``programme``, ``journal``, ``issuer``, ``awarded_on``,
    ``recipient_kind``, ``club`` (its id) and ``names``: the members' names by pinyin, the
    group's name, or the school's (an empty list for the school itself).
    """
    in_period = Award.objects.filter(school=school, awarded_on__range=(start, end))
    rows = list(
        in_period.order_by("awarded_on", "pk").values(
            "pk",
            "title",
            "kind",
            "level",
            "status",
            "rank",
            "programme",
            "journal",
            "issuer",
            "awarded_on",
            "recipient_kind",
            "group_name",
            "club_id",
        )
    )
    members = {}
    for award_id, name in (
        Award.members.through.objects.filter(award__in=in_period, member__deleted_at__isnull=True)
        .order_by("member__name_pinyin", "member_id")
        .values_list("award_id", "member__name")
    ):
        members.setdefault(award_id, []).append(name)
    entries = []
    for row in rows:
        if row["recipient_kind"] == AwardRecipientKind.MEMBERS:
            names = members.get(row["pk"], [])
        elif row["recipient_kind"] == AwardRecipientKind.GROUP:
            names = [row["group_name"]]
        else:
            names = []
        entries.append(
            {
                "pk": row["pk"],
                "title": row["title"],
                "kind": row["kind"],
                "level": row["level"],
                "status": row["status"],
                "pending": row["status"] in PENDING_AWARD_STATUSES,
                "rank": row["rank"],
                "programme": row["programme"],
                "journal": row["journal"],
                "issuer": row["issuer"],
                "awarded_on": row["awarded_on"],
                "recipient_kind": row["recipient_kind"],
                "club": row["club_id"],
                "names": names,
            }
        )
    return entries


def awards_by_programme(entries):
    """``award_entries`` of a named programme, grouped by it (by name):
    ``[{"programme": "一师一优课", "entries": [...]}, …]``."""
    grouped = {}
    for entry in entries:
        if entry["programme"]:
            grouped.setdefault(entry["programme"], []).append(entry)
    return [{"programme": name, "entries": grouped[name]} for name in sorted(grouped)]


def _district_and_above(figures, kind, key):
    return sum(cell[key] for level, cell in figures["by_kind_level"][kind].items() if level >= AwardLevel.DISTRICT)


def award_sentences(figures):
    """The figures worded as the seeds word them: "7人次在区级及以上比赛中获奖", "3个市级课题"…

    Only figures above zero make a sentence, highest level first for research projects.
    """
    sentences = []
    count = figures["competition_person_times_district_and_above"]
    if count:
        sentences.append(
            ngettext(
                "%(count)s person-time won prizes in competitions at district level or above",
                "%(count)s person-times won prizes in competitions at district level or above",
                count,
            )
            % {"count": count}
        )
    count = _district_and_above(figures, AwardKind.HONOUR, "person_times")
    if count:
        sentences.append(
            ngettext(
                "%(count)s person-time received honour titles at district level or above",
                "%(count)s person-times received honour titles at district level or above",
                count,
            )
            % {"count": count}
        )
    for level in sorted(figures["research_by_level"], reverse=True):
        count = figures["research_by_level"][level]
        if count:
            sentences.append(
                ngettext(
                    "%(count)s research project at %(level)s",
                    "%(count)s research projects at %(level)s",
                    count,
                )
                % {"count": count, "level": AwardLevel(level).label}
            )
    count = figures["papers_published"]
    if count:
        sentences.append(ngettext("%(count)s paper published", "%(count)s papers published", count) % {"count": count})
    count = figures["papers_awarded"]
    if count:
        sentences.append(ngettext("%(count)s paper awarded", "%(count)s papers awarded", count) % {"count": count})
    count = _district_and_above(figures, AwardKind.OPEN_LESSON, "awards")
    if count:
        sentences.append(
            ngettext(
                "%(count)s open lesson at district level or above",
                "%(count)s open lessons at district level or above",
                count,
            )
            % {"count": count}
        )
    count = figures["pending"]["person_times"]
    if count:
        sentences.append(
            ngettext(
                "%(count)s person-time applied for or nominated, the outcome still to come",
                "%(count)s person-times applied for or nominated, the outcome still to come",
                count,
            )
            % {"count": count}
        )
    return sentences


def promotion_figures(school, start, end):
    """Promotions dated from ``start`` to ``end``: ``{"promotions": 2, "members": 2,
    "by_title": {"senior": 1, "first": 1, …}}`` (every title but "not yet rated"). One query."""
    titles = [title for title in ProfessionalTitle.values if title != ProfessionalTitle.NONE]
    figures = Promotion.objects.filter(
        school=school, member__deleted_at__isnull=True, promoted_on__gte=start, promoted_on__lte=end
    ).aggregate(
        promotions=Count("pk"),
        members=Count("member", distinct=True),
        **{"title_" + title: Count("pk", filter=Q(title=title)) for title in titles},
    )
    return {
        "promotions": figures["promotions"],
        "members": figures["members"],
        "by_title": {title: figures["title_" + title] for title in titles},
    }


def promotion_sentences(figures):
    """ "2位教师晋升职称（高级教师1人，一级教师1人）"."""
    if not figures["members"]:
        return []
    titles = [
        _("%(title)s: %(count)s") % {"title": ProfessionalTitle(title).label, "count": count}
        for title, count in figures["by_title"].items()
        if count
    ]
    return [
        ngettext(
            "%(count)s teacher was promoted in professional title (%(titles)s)",
            "%(count)s teachers were promoted in professional title (%(titles)s)",
            figures["members"],
        )
        % {"count": figures["members"], "titles": _(", ").join(titles)}
    ]


def mentor_figures(school, school_year):
    """Mentor pairs of ``school_year`` (2025 for 2025—2026学年) and their meetings::

        {"school_year": 2025, "label": "2025—2026学年", "pairs": 6, "mentors": 5, "mentees": 6,
         "meetings": 23, "pairs_without_meetings": 1}

    One query.
    """
    counts = (
        _live_pairs(school)
        .filter(school_year=school_year)
        .aggregate(
            pair_count=Count("pk", distinct=True),
            mentor_count=Count("mentor", distinct=True),
            mentee_count=Count("mentee", distinct=True),
            meeting_count=Count("meetings"),
            idle_count=Count("pk", filter=Q(meetings__isnull=True)),
        )
    )
    return {
        "school_year": school_year,
        "label": school_year_label(school_year),
        "pairs": counts["pair_count"],
        "mentors": counts["mentor_count"],
        "mentees": counts["mentee_count"],
        "meetings": counts["meeting_count"],
        "pairs_without_meetings": counts["idle_count"],
    }


def mentor_pair_figures(school, start, end):
    """The mentor pairs active from ``start`` to ``end`` (dates, both included), each counted
    once: a pair is active in a period that overlaps its school year, and the same mentor and
    mentee paired again the next school year are one pair, not two (a calendar year spans two
    school years). Meetings count when they fall in the period. Two queries (one without
    pairs)::

        {"pairs": 6, "mentors": 5, "mentees": 6, "meetings": 23, "school_years": [2024, 2025],
         "label": "2024—2025、2025—2026学年", "names": [("王老师", "李老师"), …]}   # names by mentor's pinyin
    """
    first, last = school_year_of(start), school_year_of(end)
    rows = list(
        _live_pairs(school)
        .filter(school_year__range=(first, last))
        .order_by("mentor__name_pinyin", "mentee__name_pinyin", "school_year", "pk")
        .values_list("mentor_id", "mentee_id", "mentor__name", "mentee__name", "school_year", "pk")
    )
    pairs = {}
    for mentor_id, mentee_id, mentor_name, mentee_name, _year, _pk in rows:
        pairs.setdefault((mentor_id, mentee_id), (mentor_name, mentee_name))
    # By the ids just read: no pair, no query.
    meetings = MentorMeeting.objects.filter(pair__in=[row[5] for row in rows], met_on__range=(start, end)).count()
    school_years = sorted({row[4] for row in rows})
    return {
        "pairs": len(pairs),
        "mentors": len({mentor for mentor, _mentee in pairs}),
        "mentees": len({mentee for _mentor, mentee in pairs}),
        "meetings": meetings,
        "school_years": school_years,
        "label": school_years_label(school_years),
        "names": list(pairs.values()),
        "pks": [row[5] for row in rows],
    }


def mentor_sentences(figures):
    if not figures["pairs"]:
        return []
    return [
        ngettext(
            "%(count)s mentor pair in %(year)s",
            "%(count)s mentor pairs in %(year)s",
            figures["pairs"],
        )
        % {"count": figures["pairs"], "year": figures["label"]},
        ngettext(
            "%(count)s mentoring meeting recorded",
            "%(count)s mentoring meetings recorded",
            figures["meetings"],
        )
        % {"count": figures["meetings"]},
    ]


# ---------------------------------------------------------------------------------------
# History of an award, with its members
# ---------------------------------------------------------------------------------------


def award_history(award):
    """``history_entries`` of the award, with who won it among the changes.

    A form save writes the award's row, then its members (one history record for the row
    and one per change of the member set, all at the same version): those records are
    folded into one entry, so one save reads as one change "members: 张三 → 张三、李四".
    Three queries whatever the length of the history (plus one per foreign key).
    """
    entries = list(reversed(history_entries(award)))  # oldest first
    snapshots = m2m_snapshots(Award, "members", [entry["record"].history_id for entry in entries])
    named = name_lister(Member, snapshots)

    folded = []  # [entry, members before it, members after it]
    before = set()
    for entry in entries:
        after = snapshots.get(entry["record"].history_id, set())
        only_members = not entry["changes"]
        if (
            folded
            and only_members
            and entry["record"].history_type == "~"
            and entry["version"] == folded[-1][0]["version"]
            and entry["record"].history_user_id == folded[-1][0]["record"].history_user_id
        ):
            folded[-1][2] = after
        else:
            folded.append([entry, before, after])
        before = after

    def listed(ids):
        return named(ids) or "—"

    label = Award._meta.get_field("members").verbose_name
    result = []
    for entry, members_before, members_after in folded:
        entry = dict(entry, changes=list(entry["changes"]))
        if members_before != members_after:
            is_first = not result
            entry["changes"].append(
                {
                    "field": label,
                    "old": "" if is_first else listed(members_before),
                    "new": listed(members_after),
                }
            )
        result.append(entry)
    result.reverse()
    return result


def mentor_pair_history(pair):
    """``history_entries`` of the pair, its school year shown as 2025—2026学年."""
    label = MentorPair._meta.get_field("school_year").verbose_name
    entries = history_entries(pair)
    for entry in entries:
        for change in entry["changes"]:
            if change["field"] == label:
                for key in ("old", "new"):
                    if str(change[key]).isdigit():
                        change[key] = school_year_label(int(change[key]))
    return entries
