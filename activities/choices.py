from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SummarySection(models.TextChoices):
    """The sections of the annual work summary a category's records are reported under."""

    ETHICS = "ethics", _("Teachers' ethics and conduct")
    COMPETENCE = "competence", _("Professional growth")
    DEMOCRACY = "democracy", _("Democratic management")
    CARE = "care", _("Care and rights")
    CULTURE = "culture", _("Culture and sports")
    WOMEN = "women", _("Women staff")
    RETIREES = "retirees", _("Retired staff")
    UNION = "union", _("Building the union itself")
    CARE_ACTION = "care_action", _("The 168 care action")
    OTHER = "other", _("Other work")


class AwardKind(models.TextChoices):
    COMPETITION = "competition", _("Competition prize")
    HONOUR = "honour", _("Honour title")
    PAPER_PUBLISHED = "paper_published", _("Paper published")
    PAPER_AWARDED = "paper_awarded", _("Paper awarded")
    RESEARCH = "research", _("Research project")
    OPEN_LESSON = "open_lesson", _("Open or demonstration lesson")


class AwardLevel(models.IntegerChoices):
    """Lowest to highest: the values sort as the levels rank (区级及以上 is ``>= DISTRICT``)."""

    SCHOOL = 1, _("School level")
    TOWNSHIP = 2, _("Township level")
    DISTRICT = 3, _("District level")
    CITY = 4, _("City level")
    PROVINCE = 5, _("Provincial level")
    NATION = 6, _("National level")


class AwardStatus(models.TextChoices):
    """Where an award, a paper or a research project stands.

    Won, published, approved and concluded are achievements the summary counts as such;
    an application (申报) or a nomination (推荐) is still waiting for its outcome.
    """

    AWARDED = "awarded", _("Awarded")
    PUBLISHED = "published", pgettext_lazy("award status", "Published")
    APPROVED = "approved", _("Project approved")
    CONCLUDED = "concluded", _("Project concluded")
    APPLIED = "applied", _("Applied for")
    NOMINATED = "nominated", _("Nominated")


# What each kind of award can be at: a published paper is only published; a research project
# is applied for, approved (立项), concluded (结题), and its findings may win an award.
AWARD_STATUSES_BY_KIND = {
    AwardKind.PAPER_PUBLISHED: (AwardStatus.PUBLISHED,),
    AwardKind.RESEARCH: (AwardStatus.APPLIED, AwardStatus.APPROVED, AwardStatus.CONCLUDED, AwardStatus.AWARDED),
}
OTHER_AWARD_STATUSES = (AwardStatus.AWARDED, AwardStatus.APPLIED, AwardStatus.NOMINATED)
PENDING_AWARD_STATUSES = (AwardStatus.APPLIED, AwardStatus.NOMINATED)


def award_statuses_of(kind):
    return AWARD_STATUSES_BY_KIND.get(kind, OTHER_AWARD_STATUSES)


class AwardRecipientKind(models.TextChoices):
    MEMBERS = "members", _("One or more members")
    GROUP = "group", _("A group")
    SCHOOL = "school", _("The school itself")


class AssessmentPeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    TERM = "term", _("Term")


class EthicsGrade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class VisitReason(models.TextChoices):
    """The six occasions a union always visits (六必访), and others."""

    MARRIAGE = "marriage", _("Marriage")
    CHILDBIRTH = "childbirth", _("Childbirth")
    ILLNESS = "illness", _("Illness or hospital stay")
    BEREAVEMENT = "bereavement", _("Death of a close relative")
    RETIREMENT = "retirement", _("Retirement")
    HARDSHIP = "hardship", _("Hardship")
    BIRTHDAY = "birthday", _("Birthday")
    MILESTONE_BIRTHDAY = "milestone_birthday", _("Milestone birthday (70th, 80th…)")
    GOLDEN_WEDDING = "golden_wedding", _("Golden wedding")
    OTHER = "other", _("Other")


class VisitedPerson(models.TextChoices):
    MEMBER = "member", _("The member")
    RELATIVE = "relative", _("A relative of the member")


class FundingSource(models.TextChoices):
    UNION_FUNDS = "union", _("Union funds")
    SCHOOL = "school", _("The school")
    MUTUAL_AID = "mutual_aid", _("Mutual-aid fund")
    HIGHER_UNION = "higher_union", _("Higher-level union")


class Festival(models.TextChoices):
    SPRING = "spring", _("Spring Festival")
    LANTERN = "lantern", _("Lantern Festival")
    WOMENS_DAY = "womens_day", _("International Women's Day")
    DRAGON_BOAT = "dragon_boat", _("Dragon Boat Festival")
    MID_AUTUMN = "mid_autumn", _("Mid-Autumn Festival")
    TEACHERS_DAY = "teachers_day", _("Teachers' Day")
    DOUBLE_NINTH = "double_ninth", _("Double Ninth Festival")
    NEW_YEAR = "new_year", _("New Year's Day")


class Audience(models.TextChoices):
    """Who a greeting batch (or a participant shortcut) covers."""

    EVERYONE = "everyone", _("All staff")
    WOMEN = "women", _("Women staff")
    RETIREES = "retirees", _("Retirees")
    CHOSEN = "chosen", _("A hand-picked list")


class HardshipStatus(models.TextChoices):
    OPEN = "open", _("Being helped")
    CLOSED = "closed", _("No longer in hardship")


class PartnerKind(models.TextChoices):
    """Who a school's union pairs with (村校共建, 结对共建)."""

    VILLAGE = "village", _("Village")
    COMMUNITY = "community", _("Community")
    COMPANY = "company", _("Company")
    SCHOOL = "school", _("Another school")
    ARMY = "army", _("Army unit")
    OTHER = "other", _("Other unit")


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class FacilityKind(models.TextChoices):
    """What a place the union keeps for the staff is for (教工活动场所, 职工之家)."""

    FITNESS = "fitness", _("Fitness")
    SPORTS = "sports", _("Sports and recreation")
    READING = "reading", _("Reading and leisure")
    STAFF_HOME = "staff_home", _("Staff home or activity room")
    OTHER = "other", _("Other")


class RuleKind(models.TextChoices):
    """What a standing rule of the union is for, or a channel the school discloses through."""

    RIGHTS = "rights", _("Rights rule")
    CARE = "care", _("Care rule")
    DEMOCRACY = "democracy", _("Democratic management rule")
    DISCLOSURE = "disclosure", _("Disclosure channel")
    OTHER = "other", _("Other")
