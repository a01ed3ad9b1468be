"""Assembling the annual summary: a school's records of a period → a ``SummaryDocument``.

Every figure and every line is computed from records, never typed. The chair's prose, the
hidden items and the order are laid over this by the draft; assembly knows nothing of them.
"""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from activities.choices import AwardLevel, Festival, SummarySection
from activities.models import DEFAULT_CATEGORIES
from activities.selectors.awards import award_sentences, mentor_sentences, promotion_sentences

from .document import Figure, Item, Section, SummaryDocument
from .periods import SCHOOL_YEAR
from .selectors import year_records
from .sentences import day_format, first_sentence, full_stop, joined, listed, money, percent

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

# Health checks are activities of this default category (activities.models.DEFAULT_CATEGORIES).
HEALTH_CHECK_CATEGORY = "健康体检"
DEFAULT_CATEGORY_NAMES = {name for name, _section in DEFAULT_CATEGORIES}


def section_heading(key):
    headings = {
        SummarySection.ETHICS: pgettext("summary heading", "Teachers' ethics and conduct"),
        SummarySection.COMPETENCE: pgettext("summary heading", "Professional competence"),
        SummarySection.DEMOCRACY: pgettext("summary heading", "Democratic management"),
        SummarySection.CARE: pgettext("summary heading", "Care and rights"),
        SummarySection.CULTURE: pgettext("summary heading", "Culture and sports"),
        SummarySection.WOMEN: pgettext("summary heading", "Women staff"),
        SummarySection.RETIREES: pgettext("summary heading", "Retired staff"),
        SummarySection.CARE_ACTION: pgettext("summary heading", "The 168 care action"),
        SummarySection.UNION: pgettext("summary heading", "Building the union itself"),
        SummarySection.OTHER: pgettext("summary heading", "Other work"),
    }
    return headings[key]


def section_key(category):
    """The section a category's records go to: its own for a category the school added
    under "other work", otherwise the summary section it names."""
    if category.section == SummarySection.OTHER and category.name not in DEFAULT_CATEGORY_NAMES:
        return "category:{}".format(category.pk)
    return category.section


def summary_title(school, period):
    return _("%(period)s %(school)s union work summary") % {"period": period.label, "school": school.name}


def assemble(school, period, today=None):
    """The summary of ``school`` for ``period`` as assembled from its records.

    ``today`` (default: the local date) caps the signing date and the 168 months expected.
    A fixed number of queries, however large the year.
    """
    today = today or timezone.localdate()
    records = year_records(school, period, today=today)
    builder = _Builder(records, start=period.start, with_year=period.kind == SCHOOL_YEAR)
    return SummaryDocument(
        title=summary_title(school, period),
        school_name=school.name,
        period_label=period.label,
        signed_on=min(period.end, today),
        sections=builder.sections(),
    )


class _Builder:
    """Sorts the period's records into sections and words them."""

    def __init__(self, records, start, with_year):
        self.records = records
        self.start = start
        self.with_year = with_year
        self.items = {}  # section key → [(date, order, Item)]
        self.sentences = {}
        self.figures = {}
        self.headings = {}
        self.category_keys = {}
        self.categories = {category.pk: category for category in records.categories}
        # Worded once: a busy year has a thousand lines.
        self.day_format = day_format(with_year)
        self.activity_line = _("%(date)s, %(title)s")
        self.took_part = _("%(count)s person-times took part")
        for category in records.categories:
            key = section_key(category)
            self.category_keys[category.pk] = key
            if key.startswith("category:"):
                self.headings[key] = category.name

    def day(self, value):
        return self.day_format % {"year": value.year, "month": value.month, "day": value.day}

    def add_item(self, section, key, day, text, order=0):
        self.items.setdefault(section, []).append((day, order, Item(key=key, text=text, date=day)))

    def add_sentence(self, section, text, first=False):
        if text:
            if self.with_year:
                # A school year's figures are of that school year, not of the whole year (全年).
                whole_year = pgettext("summary sentence start", "In the whole year")
                if whole_year and text.startswith(whole_year):
                    text = pgettext("summary sentence start", "In this school year") + text[len(whole_year) :]
            sentences = self.sentences.setdefault(section, [])
            sentences.insert(0 if first else len(sentences), full_stop(text))

    def add_figure(self, section, key, label, value):
        self.figures.setdefault(section, []).append(Figure(key=key, label=str(label), value=str(value)))

    def sections(self):
        self.campaigns_and_activities()
        self.ethics()
        self.competence()
        self.democracy()
        self.care()
        self.culture()
        self.care_action()
        self.section_activity_figures()
        keys = [str(key) for key in SECTION_ORDER[:-1]]
        keys += [key for key in self.headings if key not in keys]
        keys.append(str(SummarySection.OTHER))
        result = []
        for key in keys:
            items = [item for _day, _order, item in sorted(self.items.get(key, []), key=lambda e: (e[0], e[1]))]
            sentences = self.sentences.get(key, [])
            if not items and not sentences:
                continue
            heading = self.headings.get(key) or section_heading(key)
            result.append(
                Section(key=key, heading=heading, items=items, figures=self.figures.get(key, []), sentences=sentences)
            )
        return result

    # -- the activity log ----------------------------------------------------------------

    def campaigns_and_activities(self):
        """One item per live campaign, its activities folded into it; one per other activity
        (an activity of a deleted campaign stands on its own)."""
        live = {entry["campaign"].pk for entry in self.records.campaigns}
        by_campaign = {}
        for activity in self.records.activities:
            if activity["campaign_id"] in live:
                by_campaign.setdefault(activity["campaign_id"], []).append(activity)
        for entry in self.records.campaigns:
            campaign = entry["campaign"]
            self.add_item(
                self.section_of(campaign.category_id),
                "campaign:{}".format(campaign.pk),
                self.campaign_date(entry),
                self.campaign_text(entry, by_campaign.get(campaign.pk, [])),
            )
        for activity in self.records.activities:
            if activity["campaign_id"] in live:
                continue
            self.add_item(
                self.section_of(activity["category_id"]),
                "activity:{}".format(activity["pk"]),
                activity["starts_on"],
                self.activity_text(activity),
                order=1,
            )

    def section_of(self, category_id):
        return self.category_keys.get(category_id, str(SummarySection.OTHER))

    def carried_over(self, entry):
        """Launched in an earlier period, with activities in this one."""
        return entry["campaign"].launched_on < self.start and entry["first"] is not None

    def campaign_date(self, entry):
        return entry["first"] if self.carried_over(entry) else entry["campaign"].launched_on

    def campaign_text(self, entry, activities):
        campaign = entry["campaign"]
        if self.carried_over(entry):
            went_on = {"date": self.day(entry["first"]), "title": campaign.full_title}
            text = full_stop(_("From %(date)s, %(title)s went on") % went_on)
        else:
            launched = {"date": self.day(campaign.launched_on), "title": campaign.full_title}
            text = full_stop(_("%(date)s, %(title)s was launched") % launched)
        text += full_stop(first_sentence(campaign.description))
        if activities:
            text += full_stop(
                ngettext(
                    "It held %(titles)s, %(count)s activity in all",
                    "It held %(titles)s, %(count)s activities in all",
                    len(activities),
                )
                % {"titles": listed(a["title"] for a in activities), "count": len(activities)}
            )
        if entry["person_times"]:
            text += full_stop(self.took_part % {"count": entry["person_times"]})
        return text

    def activity_text(self, activity):
        text = full_stop(self.activity_line % {"date": self.day(activity["starts_on"]), "title": activity["title"]})
        text += full_stop(first_sentence(activity["description"]))
        people = activity["participant_count"] + activity["outside_participants"]
        if people:
            text += full_stop(self.took_part % {"count": people})
        return text

    def section_activity_figures(self):
        """Per section, activities held and person-times (members and people from outside)."""
        totals = {}
        for row in self.records.activities:
            key = self.section_of(row["category_id"])
            entry = totals.setdefault(key, [0, 0])
            entry[0] += 1
            entry[1] += row["participant_count"] + row["outside_participants"]
        for key, (count, people) in totals.items():
            self.add_figure(key, "activities", pgettext("summary figure", "activities held"), count)
            self.add_figure(key, "person_times", pgettext("summary figure", "person-times taking part"), people)
            sentence = _("%(count)s activities were held, %(people)s person-times taking part") % {
                "count": count,
                "people": people,
            }
            self.add_sentence(key, sentence, first=True)

    # -- sections -----------------------------------------------------------------------

    def ethics(self):
        section = str(SummarySection.ETHICS)
        for drive in self.records.pledges:
            self.add_item(
                section,
                "pledge:{}".format(drive["pk"]),
                drive["opened_on"],
                full_stop(
                    _("%(date)s, %(signed)s of %(bound)s members signed %(title)s")
                    % {
                        "date": self.day(drive["opened_on"]),
                        "signed": drive["signed"],
                        "bound": drive["bound"],
                        "title": drive["title"],
                    }
                ),
            )
            self.add_figure(
                section, "pledge_signed:{}".format(drive["pk"]), pgettext("summary figure", "signed"), drive["signed"]
            )
            self.add_figure(
                section,
                "pledge_bound:{}".format(drive["pk"]),
                pgettext("summary figure", "bound to sign"),
                drive["bound"],
            )
            rate = percent(drive["signed"], drive["bound"])
            if rate:
                self.add_sentence(
                    section,
                    _("%(signed)s of %(bound)s members signed %(title)s, %(rate)s")
                    % {"signed": drive["signed"], "bound": drive["bound"], "title": drive["title"], "rate": rate},
                )

    def competence(self):
        section = str(SummarySection.COMPETENCE)
        mentoring = self.records.mentoring
        self.add_figure(section, "mentor_pairs", pgettext("summary figure", "mentor pairs"), mentoring["pairs"])
        for sentence in mentor_sentences(mentoring):
            self.add_sentence(section, sentence)
        awards = self.records.awards
        self.add_figure(
            section, "award_person_times", pgettext("summary figure", "award person-times"), awards["person_times"]
        )
        for level in AwardLevel:
            count = awards["by_level"][level.value]["person_times"]
            if count:
                label = _("%(level)s award person-times") % {"level": level.label}
                self.add_figure(section, "award_level:{}".format(level.value), label, count)
        for sentence in award_sentences(awards):
            self.add_sentence(section, sentence)
        promotions = self.records.promotions
        self.add_figure(section, "promotions", pgettext("summary figure", "teachers promoted"), promotions["members"])
        for sentence in promotion_sentences(promotions):
            self.add_sentence(section, sentence)
        if not (mentoring["pairs"] or awards["awards"] or promotions["members"]):
            self.figures.pop(section, None)

    def democracy(self):
        section = str(SummarySection.DEMOCRACY)
        congress = self.records.congress
        motions_by_session = {}
        for motion in congress["motions"]:
            motions_by_session.setdefault(motion["session_id"], []).append(motion)
        for session in self.records.sessions:
            # A school holds its delegates' congress and may hold an all-staff assembly too.
            text = _("%(date)s, the %(label)s %(body)s was held") % {
                "date": self.day(session.held_on),
                "label": str(session),
                "body": session.get_body_display(),
            }
            if session.theme:
                text = joined([text, session.theme])
            motions = [
                _("%(title)s: %(sentence)s") % {"title": m["title"], "sentence": m["sentence"]}
                for m in motions_by_session.get(session.pk, [])
            ]
            if motions:
                text = full_stop(text) + "；".join(motions)
            self.add_item(section, "session:{}".format(session.pk), session.held_on, full_stop(text))
        for evaluation in self.records.evaluations:
            text = _("%(date)s, democratic evaluation of %(subject)s") % {
                "date": self.day(evaluation.evaluated_on),
                "subject": evaluation.subject,
            }
            rate = evaluation.satisfaction_rate
            if rate is not None:
                text = joined([text, _("satisfaction rate %(rate)s%%") % {"rate": rate}])
            self.add_item(section, "evaluation:{}".format(evaluation.pk), evaluation.evaluated_on, full_stop(text))

        sessions = len(self.records.sessions)
        if sessions:
            self.add_figure(section, "sessions", pgettext("summary figure", "congress sessions"), sessions)
            by_body = {}
            for session in self.records.sessions:
                by_body.setdefault(session.get_body_display(), []).append(str(session))
            for body, labels in by_body.items():
                self.add_sentence(
                    section,
                    ngettext(
                        "%(count)s session of the %(body)s was held (%(labels)s)",
                        "%(count)s sessions of the %(body)s were held (%(labels)s)",
                        len(labels),
                    )
                    % {"count": len(labels), "body": body, "labels": "、".join(labels)},
                )
        proposals = congress["proposals"]
        if proposals["received"]:
            self.add_figure(
                section, "proposals", pgettext("summary figure", "proposals received"), proposals["received"]
            )
            self.add_figure(
                section, "proposals_handled", pgettext("summary figure", "proposals handled"), proposals["handled"]
            )
            self.add_sentence(
                section,
                _("%(received)s proposals were received and %(handled)s handled")
                % {"received": proposals["received"], "handled": proposals["handled"]},
            )
        for motion in congress["motions"]:
            if motion["lowest_approval_rate"] is not None:
                self.add_figure(
                    section,
                    # Keyed by the motion, not its place, so that a new motion changes nothing else.
                    "motion_rate:{}".format(motion["id"]),
                    motion["title"],
                    "{}%".format(motion["lowest_approval_rate"]),
                )
        notices = self.records.notices
        if notices["published"]:
            self.add_figure(section, "notices", pgettext("summary figure", "notices published"), notices["published"])
            by_category = [
                _("%(category)s %(count)s") % {"category": name, "count": count}
                for name, count in sorted(notices["by_category"].items(), key=lambda row: (-row[1], row[0] or ""))
            ]
            self.add_sentence(
                section,
                _("%(count)s matters were made public (%(categories)s)")
                % {"count": notices["published"], "categories": "、".join(by_category)},
            )
            if notices["objections"]:
                self.add_sentence(
                    section,
                    _("%(count)s objections were raised and %(answered)s answered")
                    % {"count": notices["objections"], "answered": notices["objections_answered"]},
                )
        suggestions = self.records.suggestions
        if suggestions["total"]:
            self.add_figure(
                section, "suggestions", pgettext("summary figure", "suggestions received"), suggestions["total"]
            )
            self.add_sentence(
                section,
                _("The suggestion box received %(count)s suggestions and %(answered)s were answered")
                % {"count": suggestions["total"], "answered": suggestions["answered"]},
            )
        if self.records.evaluations:
            self.add_figure(
                section,
                "evaluations",
                pgettext("summary figure", "democratic evaluations"),
                len(self.records.evaluations),
            )

    def care(self):
        section = str(SummarySection.CARE)
        visits = self.records.visits
        if visits["count"]:
            self.add_figure(section, "visits", pgettext("summary figure", "visits"), visits["count"])
            self.add_figure(section, "visit_yuan", pgettext("summary figure", "visits (yuan)"), money(visits["amount"]))
            reasons = []
            for reason, row in visits["by_reason"].items():
                self.add_figure(
                    section, "visits:{}".format(reason), _("%(reason)s visits") % {"reason": row["label"]}, row["count"]
                )
                self.add_figure(
                    section,
                    "visit_yuan:{}".format(reason),
                    _("%(reason)s (yuan)") % {"reason": row["label"]},
                    money(row["amount"]),
                )
                # Gifts in kind alone carry no money: no "0.00 yuan" is printed for them.
                words = {"reason": row["label"], "count": row["count"], "amount": money(row["amount"])}
                if row["amount"]:
                    reasons.append(_("%(reason)s %(count)s, %(amount)s yuan") % words)
                else:
                    reasons.append(_("%(reason)s %(count)s times") % words)
            words = {"count": visits["count"], "reasons": "；".join(reasons), "amount": money(visits["amount"])}
            if visits["amount"]:
                sentence = _("Members were visited %(count)s times (%(reasons)s), %(amount)s yuan in all") % words
            else:
                sentence = _("Members were visited %(count)s times (%(reasons)s)") % words
            self.add_sentence(section, sentence)
        greetings = self.records.greetings
        # One line per festival, as the seeds write it, however many batches it was given in.
        by_festival = {}
        for batch in greetings["batches"]:
            festival = by_festival.setdefault(
                batch["festival"], {**batch, "recipients": 0, "amount": Decimal(0), "keys": []}
            )
            festival["given_on"] = min(festival["given_on"], batch["given_on"])
            festival["recipients"] += batch["recipients"]
            festival["amount"] += batch["amount"] or 0
            festival["keys"].append(batch["pk"])
        for festival in by_festival.values():
            words = {
                "date": self.day(festival["given_on"]),
                "festival": festival["festival_label"],
                "count": festival["recipients"],
                "amount": money(festival["amount"]),
            }
            if festival["amount"]:
                text = _("%(date)s, %(festival)s greetings to %(count)s people, %(amount)s yuan in all") % words
            else:
                text = _("%(date)s, %(festival)s greetings to %(count)s people") % words
            self.add_item(
                _greeting_section(festival),
                "greeting:{}".format(festival["keys"][0]),
                festival["given_on"],
                full_stop(text),
            )
        if greetings["count"]:
            self.add_figure(section, "greetings", pgettext("summary figure", "holiday greetings"), greetings["count"])
            self.add_figure(
                section,
                "greeting_yuan",
                pgettext("summary figure", "holiday greetings (yuan)"),
                money(greetings["amount"]),
            )
            self.add_sentence(
                section,
                _("%(count)s holiday greetings reached %(people)s people, %(amount)s yuan in all")
                % {
                    "count": greetings["count"],
                    "people": greetings["recipients"],
                    "amount": money(greetings["amount"]),
                },
            )
        hardship = self.records.hardship
        if hardship["cases"]:
            self.add_figure(section, "hardship_cases", pgettext("summary figure", "hardship cases"), hardship["cases"])
            self.add_figure(
                section,
                "hardship_yuan",
                pgettext("summary figure", "hardship aid (yuan)"),
                money(hardship["aid_amount"]),
            )
            self.add_sentence(
                section,
                _("%(cases)s hardship cases were followed, with help %(count)s times, %(amount)s yuan in all")
                % {"cases": hardship["cases"], "count": hardship["aid_count"], "amount": money(hardship["aid_amount"])},
            )
        aid = self.records.mutual_aid
        if aid["count"]:
            self.add_figure(section, "mutual_aid", pgettext("summary figure", "mutual-aid grants"), aid["count"])
            self.add_figure(
                section, "mutual_aid_yuan", pgettext("summary figure", "mutual-aid grants (yuan)"), money(aid["amount"])
            )
            self.add_sentence(
                section,
                _("%(count)s mutual-aid grants to %(members)s members, %(amount)s yuan in all")
                % {"count": aid["count"], "members": aid["members"], "amount": money(aid["amount"])},
            )
        health = {pk for pk, c in self.categories.items() if c.name == HEALTH_CHECK_CATEGORY}
        checks = [
            a
            for a in self.records.activities
            if a["category_id"] in health and self.section_of(a["category_id"]) == section
        ]
        if checks:
            people = sum(a["participant_count"] + a["outside_participants"] for a in checks)
            self.add_figure(section, "health_checks", pgettext("summary figure", "health checks"), len(checks))
            self.add_sentence(
                section,
                _("%(count)s health checks were organised, %(people)s person-times examined")
                % {"count": len(checks), "people": people},
            )

    def culture(self):
        section = str(SummarySection.CULTURE)
        clubs = self.records.clubs
        # Clubs are counted as they stand now: worth a sentence only when they did something in the period.
        if not (clubs["activities"] or clubs["awards"]):
            return
        self.add_figure(section, "clubs", pgettext("summary figure", "clubs and teams"), clubs["clubs"])
        self.add_figure(section, "club_members", pgettext("summary figure", "club members"), clubs["members"])
        self.add_sentence(
            section,
            _("%(count)s staff clubs and teams (%(names)s) with %(members)s members held %(activities)s activities")
            % {
                "count": clubs["clubs"],
                "names": listed(c["name"] for c in clubs["per_club"]),
                "members": clubs["members"],
                "activities": clubs["activities"],
            },
        )
        if clubs["awards"]:
            self.add_figure(section, "club_awards", pgettext("summary figure", "club awards"), clubs["awards"])
            won = [
                "{}{}{}".format(award["level_label"], award["title"], award["rank"])
                for club in clubs["per_club"]
                for award in club["award_list"]
            ]
            self.add_sentence(
                section,
                _("Clubs and teams won %(count)s awards: %(awards)s")
                % {"count": clubs["awards"], "awards": listed(won)},
            )

    def care_action(self):
        section = str(SummarySection.CARE_ACTION)
        care = self.records.care_action
        if not care["pairs"]:
            return
        self.add_figure(section, "pairs", pgettext("summary figure", "pairs"), care["pairs"])
        self.add_figure(section, "talks", pgettext("summary figure", "talks and home visits"), care["talks"])
        self.add_figure(section, "tutoring", pgettext("summary figure", "tutoring sessions"), care["tutoring"])
        self.add_figure(
            section,
            "months_both_met",
            pgettext("summary figure", "months meeting both targets"),
            care["months_both_met"],
        )
        self.add_sentence(
            section,
            _("%(teachers)s teachers cared for %(pairs)s students in pairs")
            % {"teachers": care["teachers"], "pairs": care["pairs"]},
        )
        if care["logs"]:
            self.add_sentence(
                section,
                _(
                    "%(logs)s monthly records: %(talks)s talks and home visits and %(tutoring)s tutoring sessions, "
                    "%(talks_per_month)s talks (target %(talks_target)s) and %(tutoring_per_month)s tutoring sessions "
                    "(target %(tutoring_target)s) a month on average"
                )
                % care,
            )
            self.add_sentence(
                section,
                _("%(met)s of %(logs)s monthly records met both targets (%(rate)s)")
                % {
                    "met": care["months_both_met"],
                    "logs": care["logs"],
                    "rate": "{}%".format(care["both_met_percent"]),
                },
            )


def _greeting_section(batch):
    """Greetings for Women's Day go to the women's section, for the Double Ninth to the
    retirees'; the rest to care."""
    if batch["festival"] == Festival.WOMENS_DAY:
        return str(SummarySection.WOMEN)
    if batch["festival"] == Festival.DOUBLE_NINTH:
        return str(SummarySection.RETIREES)
    return str(SummarySection.CARE)
