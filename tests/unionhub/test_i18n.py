"""The interface is Chinese first: a complete zh_Hans catalog, Chinese pages and dates by
default, and English only when a user switches to it."""

import ast
import datetime
import gettext as gettext_module
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from tests.factories import MemberFactory

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|<[^>]+>")


def read_po(path):
    """The catalog's entries as dicts: flags, msgctxt, msgid, msgid_plural, msgstr (a list).

    Obsolete entries (``#~``) are skipped. Enough of the PO format for Django's own output.
    """
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry = {"flags": set(), "msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": []}
        current = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                text = ast.literal_eval(line)
                if current == "msgstr":
                    entry["msgstr"][-1] += text
                else:
                    entry[current] += text
            else:
                keyword, _space, value = line.partition(" ")
                text = ast.literal_eval(value)
                if keyword.startswith("msgstr"):
                    current = "msgstr"
                    entry["msgstr"].append(text)
                else:
                    current = keyword
                    entry[keyword] = text
        if entry["msgid"] is not None:
            entries.append(entry)
    return entries


def catalog_entries():
    return [entry for entry in read_po(PO_FILE) if entry["msgid"] != ""]


def test_the_catalog_declares_simplified_chinese_with_one_plural_form():
    header = next(entry for entry in read_po(PO_FILE) if entry["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: zh_Hans\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header["msgstr"][0]


def test_every_entry_of_the_catalog_is_translated_and_none_is_fuzzy():
    entries = catalog_entries()
    assert len(entries) > 200
    untranslated = [entry["msgid"] for entry in entries if not all(entry["msgstr"])]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert untranslated == []
    assert fuzzy == []
    plurals = [entry for entry in entries if entry["msgid_plural"] is not None]
    assert plurals and all(len(entry["msgstr"]) == 1 for entry in plurals)


def test_translations_keep_every_placeholder_and_tag_of_their_source():
    for entry in catalog_entries():
        expected = set(PLACEHOLDER.findall(entry["msgid"] + (entry["msgid_plural"] or "")))
        for translated in entry["msgstr"]:
            assert set(PLACEHOLDER.findall(translated)) == expected, entry["msgid"]


def test_the_compiled_catalog_matches_the_po_file():
    with MO_FILE.open("rb") as handle:
        compiled = gettext_module.GNUTranslations(handle)
    for entry in catalog_entries():
        key = entry["msgid"] if entry["msgctxt"] is None else "{}\x04{}".format(entry["msgctxt"], entry["msgid"])
        if entry["msgid_plural"] is None:
            assert compiled.gettext(key) == entry["msgstr"][0], entry["msgid"]
        else:
            assert compiled.ngettext(key, entry["msgid_plural"], 2) == entry["msgstr"][0], entry["msgid"]


def test_the_login_page_is_in_chinese_by_default(client, db):
    response = client.get("/accounts/login/")
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page
    with translation.override("zh-hans"):
        log_in = translation.gettext("Log in")
    assert log_in == "登录"
    assert log_in in page
    assert "用户名" in page and "密码" in page  # Django's own form labels
    assert "Log in" not in page
    assert "Username" not in page


def test_the_roster_is_in_chinese_by_default(chair_client, member):
    response = chair_client.get("/members/")
    page = response.content.decode()
    with translation.override("zh-hans"):
        roster = translation.gettext("Roster")
    assert roster == "会员名册"
    assert "<title>会员名册 · 工会之家</title>" in page
    for text in ("添加会员", "导入", "导出", "回收站", "姓名", "性别", "职称", "共 1 名会员", "工会主席"):
        assert text in page
    for english in ("Roster", "Add member", "Recycle bin", "Professional title", "members"):
        assert ">{}<".format(english) not in page


def test_choices_are_shown_with_their_chinese_labels(chair_client, school):
    member = MemberFactory(
        school=school, name="王芳", gender="F", title="first", education="bachelor", party_membership="masses"
    )
    page = chair_client.get(member.get_absolute_url()).content.decode()
    for label in ("一级教师", "大学本科", "群众", "在职", "政治面貌", "身份证号", "工号", "时间线"):
        assert label in page


def test_dates_are_written_the_chinese_way(chair_client, school):
    member = MemberFactory(school=school, name="李老师", birth_date=datetime.date(2018, 9, 10))
    page = chair_client.get(member.get_absolute_url()).content.decode()
    assert "2018年9月10日" in page
    with translation.override("zh-hans"):
        rendered = Template("{{ day|date }}").render(Context({"day": member.birth_date}))
    assert rendered == "2018年9月10日"


def test_switching_to_english_shows_the_english_interface(chair_client, member):
    response = chair_client.post("/i18n/setlang/", {"language": "en", "next": "/members/"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/members/"
    assert '<html lang="en">' in page
    assert ">Roster<" in page and "Add member" in page and "1 member" in page
    assert "会员名册" not in page
    # The choice stays for the next pages, and switching back restores Chinese.
    assert ">Home<" in chair_client.get("/").content.decode()
    chair_client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "会员名册" in chair_client.get("/members/").content.decode()


def test_the_demo_command_speaks_chinese(db, district):
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert out.getvalue().strip() == "数据库里已有数据，未载入演示数据。"


@pytest.mark.parametrize(
    ("msgid", "chinese"),
    [
        ("Union chair", "工会主席"),
        ("Union staff", "工会委员"),
        ("Teacher", "教职工"),
        ("District union", "区教育工会"),
        ("Professor-level senior teacher", "正高级教师"),
        ("Secondary school", "中专（高中）"),
        ("No party affiliation", "群众"),
        ("Transferred out", "调离"),
        ("Recycle bin", "回收站"),
        ("One-time password", "一次性密码"),
        ("Log out", "退出登录"),
    ],
)
def test_the_union_vocabulary_is_used(msgid, chinese):
    with translation.override("zh-hans"):
        assert translation.gettext(msgid) == chinese


def test_it_stays_chinese_for_a_browser_that_asks_for_english(client, db):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    with translation.override("zh-hans"):
        expected = translation.gettext("Log in")
    assert expected != "Log in"
    assert expected in response.content.decode()
    assert response.headers["Content-Language"] == "zh-hans"
