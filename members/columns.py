"""The roster's spreadsheet columns, shared by the import template, the import and the export.

An exported roster can be imported again as it is.
"""

from django.utils.translation import gettext_lazy as _

# (model field, header). The department is matched by name; every other field goes
# through the member form, so a spreadsheet is checked exactly like the web form.
ROSTER_COLUMNS = [
    ("name", _("Name")),
    ("gender", _("Gender")),
    ("birth_date", _("Birth date")),
    ("ethnic_group", _("Ethnic group")),
    ("phone", _("Phone")),
    ("id_card_number", _("ID card number")),
    ("employee_number", _("Employee number")),
    ("department", _("Department")),
    ("post", _("Post")),
    ("title", _("Professional title")),
    ("education", _("Education")),
    ("joined_school_on", _("Joined the school on")),
    ("joined_union_on", _("Joined the union on")),
    ("hired_on", _("Hired on")),
    ("status", _("Status")),
    ("status_changed_on", _("Status changed on")),
    ("party_membership", _("Party membership")),
]

EXAMPLE_ROW = {
    "name": "张三",
    "gender": "男",
    "birth_date": "1985-03-12",
    "ethnic_group": "汉族",
    "phone": "13812345678",
    "id_card_number": "",
    "employee_number": "T0001",
    "department": "语文组",
    "post": "教师",
    "title": "一级教师",
    "education": "大学本科",
    "joined_school_on": "2008-08-28",
    "joined_union_on": "2008-09-10",
    "hired_on": "2008-08-28",
    "status": "在职",
    "status_changed_on": "",
    "party_membership": "群众",
}


# Headers schools' own rosters use for the same columns (compared without spaces).
HEADER_SYNONYMS = {
    "性别": "gender",
    "出生年月": "birth_date",
    "出生日期": "birth_date",
    "民族": "ethnic_group",
    "手机": "phone",
    "手机号": "phone",
    "手机号码": "phone",
    "电话": "phone",
    "联系电话": "phone",
    "身份证": "id_card_number",
    "身份证号": "id_card_number",
    "身份证号码": "id_card_number",
    "公民身份号码": "id_card_number",
    "工号": "employee_number",
    "职工号": "employee_number",
    "教职工号": "employee_number",
    "部门": "department",
    "科室": "department",
    "所在部门": "department",
    "职务": "post",
    "岗位": "post",
    "职称": "title",
    "学历": "education",
    "最高学历": "education",
    "调入本校时间": "joined_school_on",
    "进校时间": "joined_school_on",
    "入会时间": "joined_union_on",
    "入会日期": "joined_union_on",
    "新聘入职日期": "hired_on",
    "招聘入职日期": "hired_on",
    "状态": "status",
    "政治面貌": "party_membership",
}

# Headers of columns that carry no data of the member: read and left aside on purpose.
IGNORED_HEADERS = {"序号", "no", "no."}


def member_row(member):
    """One member as the values of ``ROSTER_COLUMNS``, choices shown by their labels."""
    values = []
    for field_name, _header in ROSTER_COLUMNS:
        if field_name == "department":
            values.append(member.department.name if member.department_id else "")
            continue
        display = getattr(member, "get_{}_display".format(field_name), None)
        values.append(display() if display else getattr(member, field_name))
    return values
