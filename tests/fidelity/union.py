"""A union's chair at work: each method is one page of the app filled in and posted, the
way the chair would enter a record. Members are remembered by name so that later forms can
pick them, as the page's member picker does."""

import datetime
import io
import re

from django.core.management import call_command, get_commands
from django.utils import translation

from unionhub.models import District, School, User
from unionhub.roles import Role

from .browser import ALL, Browser, Picked

PASSWORD = "fidelity-pass-123"

# The summary section of each activity category the replays use: where the school's list
# lacks one (categories are the school's to name), the chair adds it under that section.
CATEGORY_SECTIONS = {
    "师德师风建设": "师德师风建设",
    "理论学习": "师德师风建设",
    "公益服务": "师德师风建设",
    "师能建设/专业成长": "师能建设与专业成长",
    "民主管理": "民主管理",
    "关爱与维权": "关爱与维权",
    "健康体检": "关爱与维权",
    "文体活动": "文体活动",
    "女工工作": "女教职工",
    "离退休工作": "离退休工作",
    "工会自身建设": "工会自身建设",
    "168爱生行动": "168爱生行动",
}


def fresh_school(client, district, name, short_name):
    """A new school with its chair signed in. ``manage.py createschool`` makes it as an
    administrator would (its one-time password is changed at the first login, as the app
    demands); without that command, the models, as their own post_save hooks expect."""
    username = "chair{}".format(School.objects.count() + 1)
    if "createschool" in get_commands():
        out = io.StringIO()
        with translation.override("en"):
            call_command("createschool", district, name, short_name, username, stdout=out)
        password = re.search(r"password: (\S+)", out.getvalue()).group(1)
    else:
        school = School.objects.create(district=District.objects.get_or_create(name=district)[0], name=name)
        password = PASSWORD
        chair = User(username=username, school=school, role=Role.CHAIR, last_name="主席")
        chair.set_password(password)
        chair.save()
    browser = Browser(client)
    browser.submit("/accounts/login/", {"username": username, "password": password})
    if User.objects.get(username=username).must_change_password:
        browser.submit(
            "/accounts/password_change/",
            {"old_password": password, "new_password1": PASSWORD, "new_password2": PASSWORD},
        )
    return User.objects.get(username=username).school


class Union:
    def __init__(self, client, year):
        self.browser = Browser(client)
        self.year = year
        self.members = {}
        self.pks = {}
        self.not_entered = []  # (fact ids, why): facts with no place in the app
        self.known_options = {}

    def day(self, month, day, year=None):
        return datetime.date(year or self.year, month, day).isoformat()

    def picked(self, names):
        return [Picked(self.members[name]) for name in names]

    def skip(self, ids, why):
        self.not_entered.append((ids, why))

    def _create(self, url, values, kind, key, **kwargs):
        response = self.browser.submit(url, values, **kwargs)
        self.pks[(kind, key)] = self.browser.created_pk(response)
        return self.pks[(kind, key)]

    def profile(self, **values):
        """The school's profile page, where there is one: only the fields it has."""
        try:
            fields = set(self.browser.fields("/school/profile/"))
        except AssertionError:
            return
        self.browser.submit("/school/profile/", {k: v for k, v in values.items() if k in fields})

    # -- roster --------------------------------------------------------------------------

    def department(self, name, kind="教研组"):
        self.browser.submit("/members/departments/new/", {"name": name, "kind": kind})

    def member(self, name, gender, post="", title=None, status=None, status_changed_on=None, department=None):
        values = {"name": name, "gender": gender, "post": post}
        if title:
            values["title"] = title
        if status:
            values["status"] = status
            values["status_changed_on"] = status_changed_on or ""
        if department:
            values["department"] = department
        self.members[name] = str(self._create("/members/new/", values, "member", name))

    # -- the year's work -----------------------------------------------------------------

    def offered(self, url, name):
        key = (url, name)
        if key not in self.known_options:
            self.known_options[key] = self.browser.options(url, name)
        return self.known_options[key]

    def category(self, name, section):
        self.browser.submit("/activities/categories/new/", {"name": name, "section": section, "is_active": True})
        self.known_options.clear()

    def activity_category(self, name):
        """``name`` as the school's category list has it, added under its section if missing."""
        if name not in self.offered("/activities/new/", "category"):
            self.category(name, CATEGORY_SECTIONS[name])
        return name

    def or_other(self, url, name, wanted, other="其他"):
        """A choice the page offers, else "other" (the detail then says what it was)."""
        return wanted if wanted in self.offered(url, name) else other

    def campaign(self, title, category, launched_on, number="", theme="", description="", ends_on=""):
        values = {
            "title": title,
            "category": self.activity_category(category),
            "launched_on": launched_on,
            "number": number,
            "theme": theme,
            "description": description,
            "ends_on": ends_on,
        }
        return self._create("/activities/campaigns/new/", values, "campaign", title)

    def activity(self, title, category, on, description="", campaign=None, club=None, people=(), outside=0, **extra):
        values = {
            "title": title,
            "category": self.activity_category(category),
            "starts_on": on,
            "description": description,
            **extra,
        }
        if campaign:
            values["campaign"] = campaign
        if club:
            values["club"] = club
        if people:
            values["participants"] = self.picked(people)
        if outside:
            values["outside_participants"] = outside
        return self._create("/activities/new/", values, "activity", title)

    def club(self, name, leader=None, members=(), schedule="", description=""):
        values = {"name": name, "schedule": schedule, "description": description}
        if leader:
            values["leader"] = Picked(self.members[leader])
        if members:
            values["members"] = self.picked(members)
        return self._create("/activities/clubs/new/", values, "club", name)

    def pledge(self, title, opened_on, text, audience="active"):
        values = {"title": title, "year": self.year, "opened_on": opened_on, "text": text, "audience": audience}
        return self._create("/activities/pledges/new/", values, "pledge", title, marker="audience")

    def sign_pledge(self, title, signed_on):
        """Everyone bound signed on one day: every box ticked on the drive's page."""
        url = "/activities/pledges/{}/".format(self.pks[("pledge", title)])
        self.browser.submit(url, {"member": ALL, "signed_on": signed_on}, action="/signatures/")

    def award(self, title, kind, level, on, members=(), group="", school=False, rank="", status=None, **extra):
        values = {"title": title, "kind": kind, "level": level, "awarded_on": on, "rank": rank, **extra}
        if status:
            values["status"] = status
        if school:
            values["recipient_kind"] = "school"
        elif group:
            values["recipient_kind"] = "group"
            values["group_name"] = group
        else:
            values["recipient_kind"] = "members"
        if members:
            values["members"] = self.picked(members)
        return self._create("/activities/awards/new/", values, "award", title + group + ",".join(members))

    def promotion(self, name, title, on):
        values = {"member": Picked(self.members[name]), "title": title, "promoted_on": on}
        self.browser.submit("/activities/promotions/new/", values)

    def mentor_pair(self, mentor, mentee, subject, school_year):
        values = {
            "mentor": Picked(self.members[mentor]),
            "mentee": Picked(self.members[mentee]),
            "subject": subject,
            "school_year": school_year,
        }
        self.browser.submit("/activities/mentoring/new/", values)

    def care_pair(self, teacher, student, student_class, school_year, reason=""):
        values = {
            "teacher": Picked(self.members[teacher]),
            "student_name": student,
            "student_class": student_class,
            "school_year": school_year,
            "reason": reason,
        }
        self.browser.submit("/activities/care/pairs/new/", values)

    def visit(self, name, reason, on, detail="", amount=0, gifts="", relative=""):
        url = "/activities/welfare/visits/new/"
        offered = self.or_other(url, "reason", reason)
        values = {
            "member": Picked(self.members[name]),
            "reason": offered,
            "reason_detail": detail or ("" if offered == reason else reason),
            "visited_on": on,
            "amount": amount,
            "gifts": gifts,
        }
        if relative:
            values["visited_person"] = "relative"
            values["relative"] = relative
        self.browser.submit(url, values, marker="reason")

    def greeting(self, festival, on, audience="everyone", amount_each=0, gifts=""):
        values = {
            "festival": festival,
            "year": self.year,
            "given_on": on,
            "audience": audience,
            "amount_each": amount_each,
            "gifts": gifts,
        }
        self.browser.submit("/activities/welfare/greetings/new/", values, marker="festival")

    def mutual_aid(self, name, amount, on, reason):
        values = {"member": Picked(self.members[name]), "amount": amount, "granted_on": on, "reason": reason}
        self.browser.submit("/activities/welfare/mutual-aid/new/", values)

    # -- what the union keeps for the staff ----------------------------------------------

    def facility(self, name, kind, place="", equipment=(), opened_on="", description=""):
        """A place kept for the staff; ``equipment`` as typed, items joined with 、."""
        values = {
            "name": name,
            "kind": kind,
            "place": place,
            "equipment": "、".join(equipment),
            "opened_on": opened_on,
            "description": description,
        }
        return self._create("/activities/facilities/new/", values, "facility", name)

    def rule(self, title, kind, what_it_does="", adopted_on="", revised_on=""):
        """A standing rule of the union or a channel the school discloses through."""
        values = {
            "title": title,
            "kind": kind,
            "what_it_does": what_it_does,
            "adopted_on": adopted_on,
            "revised_on": revised_on,
        }
        return self._create("/activities/rules/new/", values, "rule", title)

    # -- democracy -----------------------------------------------------------------------

    def term(self, number, start_year, kind):
        return self._create(
            "/congress/terms/new/", {"number": number, "start_year": start_year, "kind": kind}, "term", number
        )

    def session(self, term_label, number, held_on, body="与届别相同", theme="", report_topics=""):
        values = {
            "term": term_label,
            "number": number,
            "held_on": held_on,
            "body": body,
            "theme": theme,
            "report_topics": report_topics,
        }
        return self._create("/congress/sessions/new/", values, "session", number)

    def agenda_item(self, session_pk, title, motion, clauses=()):
        url = "/congress/sessions/{}/".format(session_pk)
        values = {"title": title, "motion": motion, "clauses": "\n".join(clauses)}
        self.browser.submit(url, values, action="/agenda/")

    def hold_vote(self, session_pk, votes_for, against, abstaining=0):
        """Everyone present; each clause (or the whole motion) voted as counted in the hall."""
        url = "/congress/sessions/{}/".format(session_pk)
        self.browser.submit(url, {"present": ALL}, action="/attendance/")
        ballots = {"votes_for": votes_for, "votes_against": against, "abstentions": abstaining}
        clauses = self.browser.values(url, "clause")
        for clause in clauses:
            self.browser.submit(url, ballots, action="/vote/", where={"clause": clause})
        if not clauses:
            self.browser.submit(url, ballots, action="/vote/")

    def evaluation(self, subject, on, excellent, competent, basically=0, incompetent=0, result=""):
        values = {
            "subject": subject,
            "evaluated_on": on,
            "excellent": excellent,
            "competent": competent,
            "basically_competent": basically,
            "incompetent": incompetent,
            "result": result,
        }
        self.browser.submit("/congress/evaluations/new/", values)

    def notice(self, title, category, starts_on, body=""):
        category = self.or_other("/disclosure/manage/new/", "category", category)
        values = {"title": title, "category": category, "body": body or title, "starts_on": starts_on}
        pk = self._create("/disclosure/manage/new/", values, "notice", title)
        # Published from the notice's own page, as the chair does once the draft reads right.
        self.browser.submit("/disclosure/{}/".format(pk), {}, action="/manage/{}/publish/".format(pk))

    # -- the summary ---------------------------------------------------------------------

    def write_prose(self, parts, leads):
        """The chair's own words: the opening and closing parts, and each section's lead
        (``leads`` by the section's key: its lead field is ``lead:<key>``). Words meant for a
        part or a lead the page does not offer go into the first closing part it has."""
        url = "/reports/{}/".format(self.year)
        try:
            fields = self.browser.fields(url, action="/texts/")
            action = "/texts/"
        except AssertionError:
            fields, action = self.browser.fields(url, marker="opening"), None
        values, unplaced = {}, []
        for name, text in list(parts.items()) + [("lead:{}".format(k), v) for k, v in leads.items()]:
            if not text:
                continue
            if name in fields:
                values[name] = text
            else:
                unplaced.append(text)
        if unplaced:
            spare = next(name for name in ("experience", "plans", "opening") if name in fields)
            values[spare] = "\n".join(filter(None, [values.get(spare, "")] + unplaced))
        self.browser.submit(url, values, action=action, marker=None if action else "opening")

    def sign(self, on):
        """The date under the summary's signature, from the title-and-date form of the preview."""
        self.browser.submit("/reports/{}/".format(self.year), {"signed_on": on}, action="/title-and-date/")
