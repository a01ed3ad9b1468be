"""The roster import: upload → every cell checked → preview → confirm, all rows or none."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scope

from members.choices import Gender
from members.columns import EXAMPLE_ROW, ROSTER_COLUMNS
from members.models import Department, Member
from tests.factories import DepartmentFactory, MemberFactory, valid_id_number

IMPORT_URL = "/members/import/"
TEMPLATE_URL = "/members/import/template.xlsx"
EXPORT_URL = "/members/export.xlsx"

FIELDS = [name for name, _header in ROSTER_COLUMNS]
LETTER = {name: openpyxl.utils.get_column_letter(i) for i, name in enumerate(FIELDS, start=1)}


def zh(msgid):
    with translation.override("zh-hans"):
        return gettext(msgid)


def label(choice):
    """A choice's label as the Chinese template shows it (女 for ``Gender.FEMALE``)."""
    with translation.override("zh-hans"):
        return str(choice.label)


def good_row(n, **overrides):
    """A valid roster row as a dict of field → cell value; ``n`` makes it unique."""
    row = {
        "name": "王老师{}".format(n),
        "gender": label(Gender.FEMALE),
        "birth_date": "1990-05-{:02d}".format(1 + n % 28),
        "ethnic_group": "汉族",
        "phone": "139{:08d}".format(n),
        "id_card_number": valid_id_number(datetime.date(1990, 5, 1 + n % 28), 100 + n),
        "employee_number": "N{:04d}".format(n),
        "department": "数学组",
        "post": "教师",
        "title": "",
        "education": "",
        "joined_school_on": "2012-09-01",
        "joined_union_on": "",
        "hired_on": "",
        "status": "",
        "status_changed_on": "",
        "party_membership": "",
    }
    row.update(overrides)
    return row


def template_bytes(client):
    response = client.get(TEMPLATE_URL)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def workbook(client, rows, keep_example=False):
    """The downloaded template with ``rows`` (dicts of field → value) appended, as bytes."""
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(client)))
    sheet = book.worksheets[0]
    if not keep_example:
        sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append([row.get(name) for name in FIELDS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, content, name="roster.xlsx"):
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(IMPORT_URL, {"file": handle})


def confirm(client, response):
    token = response.wsgi_request.session["roster_import"]["token"]
    return client.post(IMPORT_URL, {"confirm": "1", "token": token})


def errors_of(response):
    result = response.context["result"]
    return [(e.row, e.column) for e in result.errors]


def members_of(school):
    with scope(school=[school.pk]):
        return list(Member.objects.filter(school=school).select_related("department").order_by("employee_number"))


def member_count(school):
    with scope(school=[school.pk]):
        return Member.objects.filter(school=school).count()


def department_names(school):
    with scope(school=[school.pk]):
        return set(Department.objects.filter(school=school).values_list("name", flat=True))


# The good path -------------------------------------------------------------------------


def test_it_previews_then_imports_a_good_file(chair_client, school):
    DepartmentFactory(school=school, name="语文组")
    rows = [
        good_row(1, department="语文组"),
        good_row(2, department="数学组", gender=label(Gender.MALE)),
        good_row(3, department="英语组", birth_date=datetime.datetime(1988, 1, 2)),
    ]

    response = upload(chair_client, workbook(chair_client, rows))

    assert response.status_code == 200
    assert response.context["preview"] is True
    result = response.context["result"]
    assert result.errors == []
    assert result.created_count == 3 and result.updated_count == 0
    assert result.new_departments == ["数学组", "英语组"]
    token = response.wsgi_request.session["roster_import"]["token"]
    assert 'name="token" value="{}"'.format(token) in response.content.decode()
    assert member_count(school) == 0, "the preview writes nothing"

    response = confirm(chair_client, response)

    assert response.status_code == 302
    assert response.url == "/members/"
    members = members_of(school)
    assert [m.employee_number for m in members] == ["N0001", "N0002", "N0003"]
    assert [m.department.name for m in members] == ["语文组", "数学组", "英语组"]
    assert department_names(school) == {"语文组", "数学组", "英语组"}
    first = members[0]
    assert first.name == "王老师1"
    assert first.gender == "F"
    assert first.birth_date == datetime.date(1990, 5, 2)
    assert first.joined_school_on == datetime.date(2012, 9, 1)
    assert (first.name_pinyin, first.name_initials) == ("wanglaoshi", "wls")
    assert members[1].gender == "M"
    assert members[2].birth_date == datetime.date(1988, 1, 2)
    assert "roster_import" not in chair_client.session


def test_it_imports_the_example_row_of_the_template(chair_client, school):
    content = template_bytes(chair_client)

    response = upload(chair_client, content)

    assert response.context["result"].errors == []
    assert response.context["preview"] is True
    confirm(chair_client, response)
    (member,) = members_of(school)
    assert member.name == EXAMPLE_ROW["name"]
    assert member.employee_number == EXAMPLE_ROW["employee_number"]
    assert member.department.name == EXAMPLE_ROW["department"]
    assert member.birth_date == datetime.date(1985, 3, 12)
    assert member.gender == "M"
    assert member.status == "active"
    assert member.title == "first"
    assert member.education == "bachelor"
    assert member.party_membership == "masses"


def test_it_accepts_chinese_and_slashed_dates(chair_client, school):
    rows = [good_row(1, birth_date="1990年5月6日", joined_school_on="2012/9/1")]

    response = upload(chair_client, workbook(chair_client, rows))

    assert response.context["result"].errors == []
    confirm(chair_client, response)
    (member,) = members_of(school)
    assert member.birth_date == datetime.date(1990, 5, 6)
    assert member.joined_school_on == datetime.date(2012, 9, 1)


# Bad cells -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, value",
    [
        ("phone", "1381234"),
        ("id_card_number", "320412199005011231"),
        ("gender", "未知"),
        ("birth_date", "1990-13-45"),
        ("name", ""),
    ],
)
def test_it_reports_a_bad_cell_by_row_and_column_and_imports_nothing(chair_client, school, field, value):
    first17 = valid_id_number(datetime.date(1990, 5, 1), 123)[:17]
    if field == "id_card_number":
        wrong = "0" if valid_id_number(datetime.date(1990, 5, 1), 123)[17] != "0" else "1"
        value = first17 + wrong
    rows = [good_row(1), good_row(2), good_row(3, **{field: value})]

    response = upload(chair_client, workbook(chair_client, rows))

    assert response.status_code == 200
    assert not response.context.get("preview")
    assert (4, LETTER[field]) in errors_of(response)
    assert {row for row, _column in errors_of(response)} == {4}, "the good rows 2 and 3 have no error"
    assert member_count(school) == 0
    assert department_names(school) == set()
    assert "roster_import" not in chair_client.session


def test_it_reports_every_bad_cell_of_a_file_in_chinese(chair_client, school):
    rows = [
        good_row(1),
        good_row(2, phone="12345"),
        good_row(3, gender="未知"),
        good_row(4, birth_date="not a date"),
        good_row(5, name=""),
    ]

    response = upload(chair_client, workbook(chair_client, rows))

    errors = response.context["result"].errors
    assert (3, "E") in errors_of(response)
    assert (4, "B") in errors_of(response)
    assert (5, "C") in errors_of(response)
    assert (6, "A") in errors_of(response)
    phone_error = next(e for e in errors if (e.row, e.column) == (3, "E"))
    assert phone_error.header == zh("Phone")
    name_error = next(e for e in errors if (e.row, e.column) == (6, "A"))
    assert name_error.message == zh("This field is required.")
    page = response.content.decode()
    assert 'id="import-errors"' in page
    assert zh("Nothing was imported: correct the cells listed below and upload again.") in page
    assert member_count(school) == 0


def test_it_changes_nothing_on_the_roster_when_one_row_is_bad(chair_client, school, member):
    with scope(school=[school.pk]):
        before = list(Member.objects.values_list("pk", "name", "post", "version"))
    rows = [good_row(1, employee_number=member.employee_number, post="副校长"), good_row(2, phone="000")]

    response = upload(chair_client, workbook(chair_client, rows))

    assert errors_of(response) == [(3, "E")]
    with scope(school=[school.pk]):
        assert list(Member.objects.values_list("pk", "name", "post", "version")) == before
        assert member.history.count() == 1


def test_it_reports_duplicate_employee_numbers_naming_both_rows(chair_client, school):
    rows = [good_row(1, employee_number="D001"), good_row(2), good_row(3, employee_number="D001")]

    response = upload(chair_client, workbook(chair_client, rows))

    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(4, LETTER["employee_number"])]
    with translation.override("zh-hans"):
        expected = gettext("Employee number %(number)s is also on row %(other)s.") % {"number": "D001", "other": 2}
    assert errors[0].message == expected
    assert member_count(school) == 0


def test_it_refuses_an_employee_number_of_another_member_only_once(chair_client, school, member):
    """A file row that reuses a number already on the roster updates that member instead."""
    rows = [good_row(1, employee_number=member.employee_number, name=member.name)]

    response = upload(chair_client, workbook(chair_client, rows))

    result = response.context["result"]
    assert result.errors == []
    assert result.updated_count == 1 and result.created_count == 0


def test_it_reports_a_missing_header_row(chair_client, school):
    book = openpyxl.Workbook()
    book.active.append(["foo", "bar"])
    book.active.append(["张三", "男"])
    buffer = io.BytesIO()
    book.save(buffer)

    response = upload(chair_client, buffer.getvalue())

    assert [e.row for e in response.context["result"].errors] == [1]
    assert member_count(school) == 0


# What the file really is ---------------------------------------------------------------


UNREADABLE = "This file cannot be read. Save it in Excel as .xlsx and upload it again."


def test_it_refuses_a_text_file_named_xlsx_saying_what_to_do(chair_client, school):
    """Unreadable file hint: a file that is not what its name says is refused with what to do."""
    response = upload(chair_client, "姓名,性别\n张三,男\n".encode(), name="roster.xlsx")

    errors = response.context["result"].errors
    assert len(errors) == 1
    assert errors[0].message == zh(UNREADABLE) == "无法读取此文件，请在 Excel 中另存为 .xlsx 后重新上传。"
    assert member_count(school) == 0


def test_it_refuses_a_zip_that_is_not_a_workbook(chair_client, school):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><document/>')
    response = upload(chair_client, buffer.getvalue(), name="roster.xlsx")

    errors = response.context["result"].errors
    assert [e.message for e in errors] == [zh(UNREADABLE)]
    assert member_count(school) == 0


def test_it_refuses_a_file_over_the_size_limit(chair_client, school, settings):
    content = workbook(chair_client, [good_row(1)])
    settings.UNIONHUB = {**settings.UNIONHUB, "IMPORT_MAX_BYTES": len(content) - 1}

    response = upload(chair_client, content)

    errors = response.context["result"].errors
    assert len(errors) == 1 and errors[0].row == 0
    assert zh("The file is %(size)s; the limit is %(limit)s.").split("%")[0] in errors[0].message
    assert member_count(school) == 0


def test_it_refuses_a_workbook_that_unpacks_too_large(chair_client, school, settings):
    settings.UNIONHUB = {**settings.UNIONHUB, "IMPORT_MAX_UNCOMPRESSED_BYTES": 1_000_000}
    source = zipfile.ZipFile(io.BytesIO(workbook(chair_client, [good_row(1)])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info.filename))
        archive.writestr("xl/media/padding.bin", b"\0" * 2_000_000)
    content = buffer.getvalue()
    assert len(content) < settings.UNIONHUB["IMPORT_MAX_BYTES"], "small when packed"

    response = upload(chair_client, content)

    errors = response.context["result"].errors
    assert [e.message for e in errors] == [zh("The workbook unpacks to more than is allowed.")]
    assert member_count(school) == 0


def test_it_refuses_more_rows_than_allowed(chair_client, school, settings):
    settings.UNIONHUB = {**settings.UNIONHUB, "IMPORT_MAX_ROWS": 3}
    rows = [good_row(n) for n in range(1, 5)]

    response = upload(chair_client, workbook(chair_client, rows))

    errors = response.context["result"].errors
    with translation.override("zh-hans"):
        expected = gettext("The workbook has more than %(max)s rows.") % {"max": 3}
    assert [(e.row, e.message) for e in errors] == [(5, expected)]
    assert member_count(school) == 0


def test_it_accepts_as_many_rows_as_allowed_and_skips_blank_rows(chair_client, school, settings):
    settings.UNIONHUB = {**settings.UNIONHUB, "IMPORT_MAX_ROWS": 3}
    rows = [good_row(1), {}, good_row(2), {}, good_row(3)]

    response = upload(chair_client, workbook(chair_client, rows))

    result = response.context["result"]
    assert result.errors == []
    assert [r.row for r in result.rows] == [2, 4, 6]


# Updating by employee number -----------------------------------------------------------


def test_it_updates_members_by_employee_number_when_the_same_file_is_imported_again(chair_client, school):
    rows = [good_row(1), good_row(2)]
    confirm(chair_client, upload(chair_client, workbook(chair_client, rows)))
    assert member_count(school) == 2
    with scope(school=[school.pk]):
        second = Member.objects.get(employee_number="N0002")
        history_before = second.history.count()

    rows[1]["post"] = "年级组长"
    response = upload(chair_client, workbook(chair_client, rows))

    result = response.context["result"]
    assert (result.created_count, result.updated_count, result.unchanged_count) == (0, 1, 1)
    confirm(chair_client, response)
    assert member_count(school) == 2
    with scope(school=[school.pk]):
        second = Member.objects.get(employee_number="N0002")
        assert second.post == "年级组长"
        assert second.version == 2
        assert second.history.count() == history_before + 1
        assert second.history.first().post == "年级组长"
        first = Member.objects.get(employee_number="N0001")
        assert first.post == "教师"
        assert (first.version, first.history.count()) == (1, 1), "the unchanged row was left alone"
    assert department_names(school) == {"数学组"}


def test_an_exported_roster_imports_again_unchanged(chair_client, school):
    maths = DepartmentFactory(school=school, name="数学组")
    MemberFactory(
        school=school,
        name="李红",
        gender="F",
        department=maths,
        post="=备课组长+",
        title="senior",
        education="master",
        id_card_number=valid_id_number(datetime.date(1979, 2, 28), 45),
        joined_school_on=datetime.date(2001, 9, 1),
        joined_union_on=datetime.date(2001, 10, 1),
        party_membership="cpc",
        employee_number="R001",
    )
    MemberFactory(
        school=school,
        name="欧阳明",
        gender="M",
        department=None,
        phone="0519-88776655",
        status="retired",
        status_changed_on=datetime.date(2020, 7, 1),
        employee_number="R002",
    )
    before = [
        [getattr(m, name) for name in FIELDS if name != "department"] + [m.department_id] for m in members_of(school)
    ]

    exported = chair_client.get(EXPORT_URL, {"status": "all"}).content
    response = upload(chair_client, exported, name="roster.xlsx")

    result = response.context["result"]
    assert result.errors == []
    assert (result.created_count, result.updated_count, result.unchanged_count) == (0, 0, 2)
    assert result.new_departments == []
    confirm(chair_client, response)
    after = [
        [getattr(m, name) for name in FIELDS if name != "department"] + [m.department_id] for m in members_of(school)
    ]
    assert after == before


def test_text_that_starts_like_a_formula_survives_export_and_import_exactly(chair_client, school):
    texts = [("=1+1", "=SUM(A1)"), ("+86", "+86 139"), ("-", "-1"), ("@x", "'=有撇号")]
    for n, (name, post) in enumerate(texts):
        MemberFactory(school=school, name=name, post=post, employee_number="Q{}".format(n))
    before = [[getattr(m, name) for name in FIELDS if name != "department"] for m in members_of(school)]

    exported = chair_client.get(EXPORT_URL, {"status": "all"}).content
    response = upload(chair_client, exported, name="roster.xlsx")

    result = response.context["result"]
    assert result.errors == []
    assert (result.created_count, result.updated_count, result.unchanged_count) == (0, 0, 4)
    confirm(chair_client, response)
    after = [[getattr(m, name) for name in FIELDS if name != "department"] for m in members_of(school)]
    assert after == before
    assert [(m.name, m.post) for m in members_of(school)] == texts


# All or nothing ------------------------------------------------------------------------


def test_it_writes_no_row_when_the_commit_fails_midway(chair_client, school, monkeypatch):
    rows = [good_row(n, department="新部门{}".format(n)) for n in range(1, 6)]
    response = upload(chair_client, workbook(chair_client, rows))
    assert response.context["result"].errors == []

    original_save = Member.save
    calls = []

    def failing_save(self, *args, **kwargs):
        calls.append(self.name)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Member, "save", failing_save)
    with pytest.raises(RuntimeError):
        confirm(chair_client, response)
    monkeypatch.undo()

    assert len(calls) == 3, "two rows were saved before the failure"
    assert member_count(school) == 0
    assert department_names(school) == set()
    with scope(school=[school.pk]):
        assert Member.history.count() == 0


# Who may import, and the confirm step --------------------------------------------------


def test_a_teacher_may_not_import(teacher_client, chair_client, school, teacher):
    content = workbook(chair_client, [good_row(1)])
    teacher_client.force_login(teacher)

    assert teacher_client.get(IMPORT_URL).status_code == 403
    assert teacher_client.get(TEMPLATE_URL).status_code == 403
    assert upload(teacher_client, content).status_code == 403
    assert teacher_client.post(IMPORT_URL, {"confirm": "1", "token": "x"}).status_code == 403
    assert member_count(school) == 0


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_confirm_step_with_a_wrong_token_does_nothing(chair_client, school):
    response = upload(chair_client, workbook(chair_client, [good_row(1)]))
    assert response.context["preview"] is True

    response = chair_client.post(IMPORT_URL, {"confirm": "1", "token": "0" * 32})

    assert response.status_code == 302
    assert response.url == IMPORT_URL
    assert member_count(school) == 0
    assert "roster_import" in chair_client.session, "the right token still works afterwards"


def test_the_confirm_step_without_an_upload_does_nothing(chair_client, school):
    response = chair_client.post(IMPORT_URL, {"confirm": "1", "token": ""})

    assert response.status_code == 302
    assert member_count(school) == 0


def test_the_confirm_step_refuses_a_file_changed_since_the_preview(chair_client, school, settings):
    response = upload(chair_client, workbook(chair_client, [good_row(1)]))
    token = response.wsgi_request.session["roster_import"]["token"]
    stored = settings.MEDIA_ROOT / "imports" / token
    stored.write_bytes(workbook(chair_client, [good_row(1), good_row(2)]))

    response = chair_client.post(IMPORT_URL, {"confirm": "1", "token": token})

    assert response.status_code == 200
    assert member_count(school) == 0


def test_an_import_lands_in_the_importing_users_school_only(chair_client, school, other_school, other_member):
    rows = [good_row(1, employee_number=other_member.employee_number)]

    response = upload(chair_client, workbook(chair_client, rows))

    assert response.context["result"].created_count == 1, "another school's member is not matched"
    confirm(chair_client, response)
    assert member_count(school) == 1
    assert member_count(other_school) == 1
    with scope(school=[other_school.pk]):
        assert Member.objects.get(pk=other_member.pk).name == other_member.name


# XML safety ----------------------------------------------------------------------------


def test_it_reads_workbooks_with_defusedxml():
    import defusedxml  # noqa: F401
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True
