"""Welfare pages: recording visits, greetings, hardship files and grants; who sees what."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from activities.choices import Audience, Festival, FundingSource, HardshipStatus, VisitedPerson, VisitReason
from activities.models import GreetingBatch, GreetingRecipient, HardshipAid, HardshipCase, Visit
from members.choices import Gender, MemberStatus
from unionhub.years import FIRST_YEAR

from ..activity_factories import (
    GreetingBatchFactory,
    GreetingRecipientFactory,
    HardshipCaseFactory,
    MutualAidGrantFactory,
    VisitFactory,
)
from .factories_welfare import PAST, grant_data, greeting_data, hardship_data, make_member, visit_data, zh

# The test's own queries run as the school's requests do: inside the school's scope.
pytestmark = pytest.mark.usefixtures("fast_password_hasher", "in_school")


def url(name, *args):
    return reverse("activities:" + name, args=args)


def page(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def own(school, teacher):
    """The teacher's own member record."""
    return make_member(school, name="王伟", user=teacher)


# ---------------------------------------------------------------------------------------
# Visits
# ---------------------------------------------------------------------------------------


def test_staff_record_a_visit_to_a_relative_with_visitors(staff_client, school, member):
    visitor = make_member(school, name="陈静")
    response = staff_client.post(
        url("visit_create"),
        visit_data(
            member,
            visited_person=VisitedPerson.RELATIVE,
            relative="李梅（母亲）",
            reason=VisitReason.BEREAVEMENT,
            visitors=[visitor.pk],
            amount="800.50",
            funding_source=FundingSource.MUTUAL_AID,
        ),
    )
    with scopes_disabled():
        visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("visit_detail", visit.pk)
    assert visit.school == school
    assert visit.amount == Decimal("800.50")
    assert visit.relative == "李梅（母亲）"
    assert list(visit.visitors.all()) == [visitor]
    html = page(staff_client.get(url("visit_detail", visit.pk)))
    assert "李梅（母亲）" in html and "800.50" in html and "陈静" in html
    assert zh("Death of a close relative") in html
    assert zh("History of changes") in html


def test_a_visit_to_the_member_drops_a_leftover_relative_name(staff_client, member):
    staff_client.post(url("visit_create"), visit_data(member, relative="李梅（母亲）"))
    with scopes_disabled():
        assert Visit.objects.get().relative == ""


def test_staff_edit_and_the_chair_deletes_and_restores_a_visit(chair_client, school, member):
    visit = VisitFactory(school=school, member=member)
    response = chair_client.post(
        url("visit_update", visit.pk), visit_data(member, amount="650.00", loaded_version=visit.version)
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.amount == Decimal("650.00") and visit.version == 2
    assert chair_client.post(url("visit_delete", visit.pk)).status_code == 302
    with scopes_disabled():
        assert not Visit.objects.filter(pk=visit.pk).exists()
    assert chair_client.get(url("visit_detail", visit.pk)).status_code == 404
    trash = page(chair_client.get(reverse("activities:trash")))
    assert url("visit_restore", visit.pk) in trash
    assert chair_client.post(url("visit_restore", visit.pk)).status_code == 302
    with scopes_disabled():
        assert Visit.objects.filter(pk=visit.pk).exists()


def test_an_edit_made_meanwhile_is_not_overwritten(staff_client, school, member):
    visit = VisitFactory(school=school, member=member)
    loaded = visit.version
    staff_client.post(url("visit_update", visit.pk), visit_data(member, amount="600.00", loaded_version=loaded))
    response = staff_client.post(
        url("visit_update", visit.pk), visit_data(member, amount="700.00", loaded_version=loaded)
    )
    assert response.status_code == 200
    visit.refresh_from_db()
    assert visit.amount == Decimal("600.00")
    assert 'id="conflict"' in response.content.decode()


def test_the_welfare_list_filters_and_totals_by_reason_and_source(staff_client, school):
    alice, bob = make_member(school, name="张三"), make_member(school, name="李四")
    VisitFactory(school=school, member=alice, reason=VisitReason.ILLNESS, amount=Decimal("500.00"))
    VisitFactory(
        school=school,
        member=bob,
        reason=VisitReason.ILLNESS,
        amount=Decimal("300.25"),
        funding_source=FundingSource.SCHOOL,
    )
    VisitFactory(school=school, member=bob, reason=VisitReason.MARRIAGE, amount=Decimal("200.00"))
    VisitFactory(
        school=school,
        member=alice,
        reason=VisitReason.RETIREMENT,
        amount=Decimal("1000.00"),
        visited_on=datetime.date(2024, 6, 30),
    )

    response = staff_client.get(url("visit_list"), {"year": 2025})
    totals = response.context["totals"]
    assert totals["count"] == 3
    assert totals["amount"] == Decimal("1000.25")
    assert totals["by_reason"]["illness"]["count"] == 2
    assert totals["by_reason"]["illness"]["amount"] == Decimal("800.25")
    assert totals["by_reason"]["marriage"]["amount"] == Decimal("200.00")
    assert "retirement" not in totals["by_reason"]
    assert totals["by_source"]["union"]["amount"] == Decimal("700.00")
    assert totals["by_source"]["school"]["amount"] == Decimal("300.25")
    assert len(response.context["visits"]) == 3
    html = page(response)
    assert "1000.25" in html and zh("Illness or hospital stay") in html

    by_dates = staff_client.get(url("visit_list"), {"start": "2024-01-01", "end": "2024-12-31"}).context["totals"]
    assert by_dates["count"] == 1 and by_dates["amount"] == Decimal("1000.00")

    of_bob = staff_client.get(url("visit_list"), {"member": bob.pk}).context
    assert of_bob["totals"]["amount"] == Decimal("500.25")
    assert {visit.member for visit in of_bob["visits"]} == {bob}

    by_source = staff_client.get(url("visit_list"), {"funding_source": FundingSource.SCHOOL}).context
    assert [visit.amount for visit in by_source["visits"]] == [Decimal("300.25")]
    by_reason = staff_client.get(url("visit_list"), {"reason": VisitReason.MARRIAGE}).context
    assert by_reason["totals"]["by_reason"].keys() == {"marriage"}


@pytest.mark.parametrize("name", ["visit_list", "greeting_list", "mutual_aid_list"])
def test_the_year_filters_offer_every_year_back_to_2000_newest_first(staff_client, name):
    response = staff_client.get(url(name))

    years = [value for value, _label in response.context["filter_form"].fields["year"].choices if value]
    this_year = timezone.localdate().year
    assert years == [str(year) for year in range(this_year, 1999, -1)]
    assert years[-1] == str(FIRST_YEAR)


def test_the_welfare_list_shows_a_visit_of_2003_by_its_year(staff_client, school, member):
    old = VisitFactory(school=school, member=member, visited_on=datetime.date(2003, 9, 10))
    VisitFactory(school=school, member=member, visited_on=datetime.date(2024, 6, 30))

    response = staff_client.get(url("visit_list"), {"year": 2003})

    assert response.context["filter_form"].is_valid()
    assert list(response.context["visits"]) == [old]


def test_the_welfare_list_refuses_an_end_before_the_start(staff_client, school, member):
    VisitFactory(school=school, member=member)
    response = staff_client.get(url("visit_list"), {"start": "2025-12-01", "end": "2025-01-01"})
    assert zh("The end date is before the start date.") in page(response)


def test_the_welfare_list_never_shows_another_schools_visits(staff_client, school, other_school):
    VisitFactory(school=other_school, gifts="别校的慰问品")
    response = staff_client.get(url("visit_list"))
    assert response.context["totals"]["count"] == 0
    assert "别校的慰问品" not in page(response)


def test_a_teacher_sees_only_the_visits_to_themself_without_totals(teacher_client, school, own):
    mine = VisitFactory(school=school, member=own, gifts="我的慰问品", amount=Decimal("400.00"))
    theirs = VisitFactory(school=school, member=make_member(school, name="李四"), gifts="同事的慰问品")
    response = teacher_client.get(url("visit_list"))
    html = page(response)
    assert list(response.context["visits"]) == [mine]
    assert "我的慰问品" in html and "同事的慰问品" not in html
    assert "totals" not in response.context
    assert 'id="visit-totals"' not in html
    assert 'name="member"' not in html  # no picking colleagues in the filter
    # Asking for a colleague by the member filter changes nothing.
    response = teacher_client.get(url("visit_list"), {"member": theirs.member_id})
    assert list(response.context["visits"]) == [mine]
    assert teacher_client.get(url("visit_detail", mine.pk)).status_code == 200
    assert teacher_client.get(url("visit_detail", theirs.pk)).status_code == 404
    assert teacher_client.get(url("visit_update", mine.pk)).status_code == 403


def test_a_teacher_gets_404_for_another_schools_visit(teacher_client, own, other_school):
    assert teacher_client.get(url("visit_detail", VisitFactory(school=other_school).pk)).status_code == 404


def test_a_teacher_sees_no_history_on_their_own_visit(teacher_client, school, own):
    visit = VisitFactory(school=school, member=own)
    assert zh("History of changes") not in page(teacher_client.get(url("visit_detail", visit.pk)))


def test_a_visit_appears_on_the_members_timeline_with_its_amount(staff_client, school, member):
    staff_client.post(url("visit_create"), visit_data(member, amount="666.00", reason=VisitReason.CHILDBIRTH))
    with scopes_disabled():
        visit = Visit.objects.get()
    html = page(staff_client.get(reverse("members:member_detail", args=[member.pk])))
    assert "666.00" in html
    assert zh("Childbirth") in html
    assert visit.get_absolute_url() in html


def test_a_teacher_sees_their_own_visit_on_their_timeline(teacher_client, school, own):
    VisitFactory(school=school, member=own, amount=Decimal("321.00"))
    assert "321.00" in page(teacher_client.get(reverse("members:member_detail", args=[own.pk])))


# ---------------------------------------------------------------------------------------
# Holiday greetings
# ---------------------------------------------------------------------------------------


@pytest.fixture
def staff_members(school):
    """Three active (two of them women), one retiree, one transferred."""
    return {
        "women": [
            make_member(school, name="周敏", gender=Gender.FEMALE),
            make_member(school, name="陈静", gender=Gender.FEMALE),
        ],
        "man": make_member(school, name="吴强", gender=Gender.MALE),
        "retiree": make_member(school, name="赵六", gender=Gender.MALE, status=MemberStatus.RETIRED),
        "gone": make_member(school, name="刘洋", gender=Gender.FEMALE, status=MemberStatus.TRANSFERRED),
    }


def recipients(batch):
    with scopes_disabled():
        return {r.member.name: r.amount for r in GreetingRecipient.objects.filter(batch=batch).select_related("member")}


@pytest.mark.parametrize(
    "audience,expected",
    [
        (Audience.EVERYONE, {"周敏", "陈静", "吴强"}),
        (Audience.WOMEN, {"周敏", "陈静"}),
        (Audience.RETIREES, {"赵六"}),
    ],
)
def test_a_greeting_covers_its_audience_one_row_each(staff_client, staff_members, audience, expected):
    response = staff_client.post(url("greeting_create"), greeting_data(audience=audience))
    with scopes_disabled():
        batch = GreetingBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == url("greeting_detail", batch.pk)
    assert recipients(batch) == {name: Decimal("300.00") for name in expected}


def test_a_hand_picked_greeting_and_picks_added_to_an_audience(staff_client, staff_members):
    retiree, man = staff_members["retiree"], staff_members["man"]
    staff_client.post(url("greeting_create"), greeting_data(audience=Audience.CHOSEN, members=[retiree.pk, man.pk]))
    staff_client.post(
        url("greeting_create"),
        greeting_data(festival=Festival.SPRING, audience=Audience.WOMEN, members=[retiree.pk]),
    )
    with scopes_disabled():
        chosen, women_and_one = GreetingBatch.objects.order_by("pk")
    assert set(recipients(chosen)) == {"赵六", "吴强"}
    assert set(recipients(women_and_one)) == {"周敏", "陈静", "赵六"}


def test_the_same_member_twice_in_a_greeting_is_refused_naming_them(staff_client, staff_members):
    woman = staff_members["women"][0]
    # Picked although already among the women staff.
    response = staff_client.post(url("greeting_create"), greeting_data(audience=Audience.WOMEN, members=[woman.pk]))
    message = zh(
        "%(name)s is already on the list of this greeting: a member is greeted only once in one greeting.",
        name="周敏",
    )
    assert message in page(response)
    # Posted twice in a hand-picked list.
    response = staff_client.post(
        url("greeting_create"), greeting_data(audience=Audience.CHOSEN, members=[woman.pk, woman.pk])
    )
    assert message in page(response)
    with scopes_disabled():
        assert not GreetingBatch.objects.exists()
        assert not GreetingRecipient.objects.exists()


def test_a_hand_picked_greeting_needs_members(staff_client, staff_members):
    response = staff_client.post(url("greeting_create"), greeting_data(audience=Audience.CHOSEN))
    assert zh("Choose the members who received the greeting.") in page(response)


def test_a_greeting_for_nobody_is_refused(staff_client, school):
    response = staff_client.post(url("greeting_create"), greeting_data(audience=Audience.RETIREES))
    assert zh("Nobody would receive this greeting: choose who it is given to.") in page(response)


def test_a_member_of_another_school_cannot_be_picked(staff_client, staff_members, other_school):
    stranger = make_member(other_school, name="外校人")
    response = staff_client.post(url("greeting_create"), greeting_data(audience=Audience.CHOSEN, members=[stranger.pk]))
    assert response.status_code == 200
    assert response.context["form"].errors["members"]
    with scopes_disabled():
        assert not GreetingBatch.objects.exists()


def test_the_greeting_date_defaults_to_the_lunar_festivals_date(staff_client, staff_members):
    staff_client.post(url("greeting_create"), greeting_data(festival=Festival.MID_AUTUMN, year=2025, given_on=""))
    with scopes_disabled():
        assert GreetingBatch.objects.get().given_on == datetime.date(2025, 10, 6)


def test_the_greeting_form_shows_the_years_festival_dates(staff_client):
    html = page(staff_client.get(url("greeting_create"), {"year": 2025}))
    assert zh("Mid-Autumn Festival") in html
    assert "2025年10月6日" in html and 'data-date="2025-10-06"' in html
    assert "2025年1月29日" in html  # 春节 2025
    html = page(staff_client.get(url("greeting_create"), {"year": 2024}))
    assert "2024年9月17日" in html  # 中秋节 2024


def test_the_greeting_form_proposes_the_latest_festival():
    from activities.forms.welfare import proposed_festival

    assert proposed_festival(datetime.date(2025, 10, 8)) == (Festival.MID_AUTUMN, 2025, datetime.date(2025, 10, 6))
    assert proposed_festival(datetime.date(2026, 1, 10)) == (Festival.NEW_YEAR, 2026, datetime.date(2026, 1, 1))


def test_the_greeting_detail_lists_recipients_with_the_total(staff_client, school):
    batch = GreetingBatchFactory(school=school, amount_each=Decimal("300.00"))
    GreetingRecipientFactory(batch=batch, member=make_member(school, name="张三"))
    GreetingRecipientFactory(batch=batch, member=make_member(school, name="李四"), amount=Decimal("150.50"))
    response = staff_client.get(url("greeting_detail", batch.pk))
    html = page(response)
    assert response.context["total"] == Decimal("450.50")
    assert "张三" in html and "李四" in html and "450.50" in html


def update_data(batch, forms=(), **changes):
    data = {
        "festival": batch.festival,
        "year": batch.year,
        "given_on": batch.given_on.isoformat(),
        "amount_each": str(batch.amount_each),
        "gifts": batch.gifts,
        "funding_source": batch.funding_source,
        "loaded_version": batch.version,
        "recipients-TOTAL_FORMS": len(forms),
        "recipients-INITIAL_FORMS": len(forms),
    }
    for index, (recipient, amount, delete) in enumerate(forms):
        data["recipients-{}-id".format(index)] = recipient.pk
        data["recipients-{}-amount".format(index)] = amount
        if delete:
            data["recipients-{}-DELETE".format(index)] = "on"
    data.update(changes)
    return data


@pytest.fixture
def batch_of_three(school):
    batch = GreetingBatchFactory(school=school, amount_each=Decimal("300.00"))
    rows = [GreetingRecipientFactory(batch=batch, member=make_member(school, name=name)) for name in ("甲", "乙", "丙")]
    return batch, rows


def test_a_recipients_own_amount_can_be_changed_and_a_member_taken_off(staff_client, batch_of_three):
    batch, (first, second, third) = batch_of_three
    forms = [(first, "500.00", False), (second, "300.00", True), (third, "300.00", False)]
    response = staff_client.post(url("greeting_update", batch.pk), update_data(batch, forms))
    assert response.status_code == 302
    assert recipients(batch) == {"甲": Decimal("500.00"), "丙": Decimal("300.00")}
    batch.refresh_from_db()
    assert batch.version == 2


def test_a_new_amount_each_reaches_those_who_had_the_old_one(staff_client, school, batch_of_three):
    batch, (first, second, third) = batch_of_three
    added = make_member(school, name="丁")
    forms = [(first, "500.00", False), (second, "300.00", False), (third, "300.00", False)]
    staff_client.post(
        url("greeting_update", batch.pk), update_data(batch, forms, amount_each="400.00", add_members=[added.pk])
    )
    assert recipients(batch) == {
        "甲": Decimal("500.00"),
        "乙": Decimal("400.00"),
        "丙": Decimal("400.00"),
        "丁": Decimal("400.00"),
    }


def test_adding_a_member_already_on_the_list_is_refused_naming_them(staff_client, batch_of_three):
    batch, (first, _second, _third) = batch_of_three
    response = staff_client.post(url("greeting_update", batch.pk), update_data(batch, add_members=[first.member_id]))
    assert zh(
        "%(name)s is already on the list of this greeting: a member is greeted only once in one greeting.",
        name="甲",
    ) in page(response)
    batch.refresh_from_db()
    assert batch.version == 1


def test_a_negative_recipient_amount_is_refused(staff_client, batch_of_three):
    batch, (first, _second, _third) = batch_of_three
    response = staff_client.post(url("greeting_update", batch.pk), update_data(batch, [(first, "-5", False)]))
    assert zh("An amount cannot be negative.") in page(response)
    assert recipients(batch)["甲"] == Decimal("300.00")


def test_a_recipient_of_another_batch_cannot_be_edited_through_this_one(staff_client, school, batch_of_three):
    batch, _rows = batch_of_three
    other = GreetingRecipientFactory(batch=GreetingBatchFactory(school=school), member=make_member(school, name="戊"))
    response = staff_client.post(url("greeting_update", batch.pk), update_data(batch, [(other, "999.00", False)]))
    message = zh("The list of recipients has changed since the page was opened: reload it and try again.")
    assert message in page(response)
    other.refresh_from_db()
    assert other.amount == Decimal("300.00")


def test_a_teacher_sees_only_their_own_greeting_rows(teacher_client, school, own):
    batch = GreetingBatchFactory(school=school)
    GreetingRecipientFactory(batch=batch, member=own, amount=Decimal("320.00"))
    GreetingRecipientFactory(batch=batch, member=make_member(school, name="同事甲"), amount=Decimal("999.00"))
    not_mine = GreetingBatchFactory(school=school, festival=Festival.SPRING)
    GreetingRecipientFactory(batch=not_mine, member=make_member(school, name="同事乙"))

    response = teacher_client.get(url("greeting_list"))
    assert [row.batch for row in response.context["rows"]] == [batch]
    html = page(teacher_client.get(url("greeting_detail", batch.pk)))
    assert "320.00" in html and "同事甲" not in html and "999.00" not in html
    assert teacher_client.get(url("greeting_detail", not_mine.pk)).status_code == 404
    assert teacher_client.get(url("greeting_update", batch.pk)).status_code == 403


def test_the_greeting_list_shows_recipients_and_totals(staff_client, batch_of_three):
    batch, _rows = batch_of_three
    response = staff_client.get(url("greeting_list"))
    row = list(response.context["rows"])[0]
    assert row.recipient_count == 3 and row.total_amount == Decimal("900.00")
    assert "900.00" in page(response)


# ---------------------------------------------------------------------------------------
# Hardship files
# ---------------------------------------------------------------------------------------


def test_staff_open_a_hardship_file_and_record_help(staff_client, school, member):
    response = staff_client.post(url("hardship_create"), hardship_data(member))
    with scopes_disabled():
        case = HardshipCase.objects.get()
    assert response.status_code == 302 and response["Location"] == url("hardship_detail", case.pk)
    for amount, source in (("1000.00", FundingSource.UNION_FUNDS), ("2500.50", FundingSource.HIGHER_UNION)):
        response = staff_client.post(
            url("hardship_aid_create", case.pk),
            {"given_on": PAST.isoformat(), "description": "春节走访", "amount": amount, "funding_source": source},
        )
        assert response.status_code == 302
    response = staff_client.get(url("hardship_detail", case.pk))
    assert response.context["aid_total"] == Decimal("3500.50")
    assert "3500.50" in page(response)
    listed = list(staff_client.get(url("hardship_list")).context["cases"])
    assert listed[0].aid_count == 2 and listed[0].aid_amount == Decimal("3500.50")


def test_bad_help_is_shown_on_the_case_page(staff_client, school):
    case = HardshipCaseFactory(school=school, opened_on=datetime.date(2025, 3, 1))
    response = staff_client.post(
        url("hardship_aid_create", case.pk),
        {"given_on": "2025-01-01", "description": "走访", "amount": "-1", "funding_source": FundingSource.SCHOOL},
    )
    html = page(response)
    assert zh("An amount cannot be negative.") in html
    assert zh("The help cannot be given before the case was opened (%(date)s).", date="2025-03-01") in html
    assert not HardshipAid.objects.filter(case=case).exists()


def test_a_teacher_never_sees_a_hardship_file_not_even_their_own(teacher_client, school, own):
    case = HardshipCaseFactory(school=school, member=own)
    assert teacher_client.get(url("hardship_list")).status_code == 403
    assert teacher_client.get(url("hardship_detail", case.pk)).status_code == 403


def test_closing_a_case(staff_client, school):
    case = HardshipCaseFactory(school=school)
    data = hardship_data(case.member, status=HardshipStatus.CLOSED, closed_on="2025-09-01", loaded_version=1)
    assert staff_client.post(url("hardship_update", case.pk), data).status_code == 302
    case.refresh_from_db()
    assert case.status == HardshipStatus.CLOSED and case.closed_on == datetime.date(2025, 9, 1)


# ---------------------------------------------------------------------------------------
# Mutual aid
# ---------------------------------------------------------------------------------------


def test_staff_record_grants_and_see_the_yearly_total(staff_client, school, member):
    assert staff_client.post(url("mutual_aid_create"), grant_data(member)).status_code == 302
    staff_client.post(url("mutual_aid_create"), grant_data(member, amount="500.50", granted_on="2025-01-02"))
    staff_client.post(url("mutual_aid_create"), grant_data(member, amount="800.00", granted_on="2024-12-31"))
    response = staff_client.get(url("mutual_aid_list"))
    assert response.context["yearly_totals"] == [
        {"year": 2025, "count": 2, "amount": Decimal("2500.50")},
        {"year": 2024, "count": 1, "amount": Decimal("800.00")},
    ]
    assert "2500.50" in page(response)
    only_2024 = staff_client.get(url("mutual_aid_list"), {"year": 2024}).context
    assert [grant.amount for grant in only_2024["grants"]] == [Decimal("800.00")]


def test_a_grant_is_edited_with_its_history_shown(staff_client, school):
    grant = MutualAidGrantFactory(school=school)
    data = grant_data(grant.member, amount="2100.00", loaded_version=grant.version)
    assert staff_client.post(url("mutual_aid_update", grant.pk), data).status_code == 302
    html = page(staff_client.get(url("mutual_aid_update", grant.pk)))
    assert zh("History of changes") in html and "2100.00" in html


def test_a_teacher_sees_only_their_own_grants(teacher_client, school, own):
    MutualAidGrantFactory(school=school, member=own, reason="我的互济", amount=Decimal("1200.00"))
    MutualAidGrantFactory(school=school, member=make_member(school, name="同事"), reason="同事的互济")
    response = teacher_client.get(url("mutual_aid_list"))
    html = page(response)
    assert "我的互济" in html and "同事的互济" not in html
    assert response.context["yearly_totals"] == [{"year": 2025, "count": 1, "amount": Decimal("1200.00")}]


# ---------------------------------------------------------------------------------------
# The tabs, in Chinese
# ---------------------------------------------------------------------------------------


def test_the_welfare_pages_are_in_chinese(staff_client):
    html = page(staff_client.get(url("visit_list")))
    for text in ("关爱与维权", "慰问记录", "节日慰问", "困难职工档案", "互济金", "按事由", "按经费来源"):
        assert text in html


def test_a_teacher_has_no_hardship_tab(teacher_client, own):
    html = page(teacher_client.get(url("visit_list")))
    assert url("hardship_list") not in html
    assert "我的慰问" in html


def test_the_timeline_holds_visits_greetings_and_grants_but_no_hardship(school, member):
    from members.timeline import timeline_for

    VisitFactory(
        school=school,
        member=member,
        reason=VisitReason.BEREAVEMENT,
        visited_person=VisitedPerson.RELATIVE,
        relative="张父",
        amount=Decimal("1000.00"),
        visited_on=datetime.date(2025, 3, 1),
    )
    VisitFactory(
        school=school,
        member=member,
        reason=VisitReason.OTHER,
        reason_detail="生日慰问",
        amount=Decimal("100.00"),
        visited_on=datetime.date(2025, 4, 1),
    )
    batch = GreetingBatchFactory(school=school, festival=Festival.SPRING, given_on=datetime.date(2025, 1, 20))
    GreetingRecipientFactory(batch=batch, member=member, amount=Decimal("500.00"))
    deleted = GreetingBatchFactory(school=school, festival=Festival.LANTERN, given_on=datetime.date(2025, 2, 12))
    GreetingRecipientFactory(batch=deleted, member=member)
    deleted.soft_delete()
    MutualAidGrantFactory(school=school, member=member, reason="住院治疗", amount=Decimal("2000.00"))
    HardshipCaseFactory(school=school, member=member, hardship="不应出现在时间线上")

    with translation.override("zh-hans"):
        titles = [str(event.title) for event in timeline_for(member)]
    assert titles == [
        "住院治疗（2000.00元）",
        "生日慰问（100.00元）",
        "直系亲属病故 · 张父（1000.00元）",
        "2025年春节（500.00元）",
    ]
