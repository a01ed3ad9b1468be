"""Helpers for the activity log's tests: files of every kind an upload may be (or pretend
to be), photos and attachments stored on an activity, and many members at once."""

import io
import itertools
import zipfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled
from PIL import Image

from activities.models import ActivityAttachment, ActivityPhoto
from members.choices import Gender, MemberStatus
from members.models import Department, Member, pinyin_keys

FAMILY = "张王李赵陈刘杨黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平"


def image_bytes(size=(64, 48), color="red", format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=format)
    return buffer.getvalue()


def pdf_bytes():
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<<>>\n%%EOF\n"


def ooxml_bytes(part):
    """A minimal .docx (``part="word/"``) or .xlsx (``part="xl/"``) archive."""
    buffer = io.BytesIO()
    names = ["[Content_Types].xml", "_rels/.rels", part + ("document.xml" if part == "word/" else "workbook.xml")]
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            # A fixed date: the same call gives the same bytes.
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 10, 15, 9, 0, 0)), "<x/>")
    return buffer.getvalue()


def ole2_bytes(stream):
    """The beginning of an OLE2 compound file whose directory names ``stream``."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
    entry = stream.encode("utf-16-le").ljust(64, b"\x00")
    return header + entry + b"\x00" * 448


def exe_bytes():
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 200
        + b"This program cannot be run in DOS mode."
    )


DOCUMENTS = {
    "会议纪要.pdf": pdf_bytes,
    "活动方案.docx": lambda: ooxml_bytes("word/"),
    "签到表.xlsx": lambda: ooxml_bytes("xl/"),
    "旧方案.doc": lambda: ole2_bytes("WordDocument"),
    "旧名单.xls": lambda: ole2_bytes("Workbook"),
}


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def photo_upload(name="photo.png", size=(640, 480), color="red"):
    return upload(name, image_bytes(size, color), "image/png")


def add_photo(activity, size=(400, 300)):
    photo = ActivityPhoto(activity=activity)
    photo.image.save("photo.jpg", ContentFile(image_bytes(size, format="JPEG")), save=False)
    photo.thumbnail.save("thumb.jpg", ContentFile(image_bytes((40, 30), format="JPEG")), save=False)
    photo.save()
    return photo


def add_attachment(activity, name="会议纪要.pdf", content=None):
    content = content if content is not None else pdf_bytes()
    attachment = ActivityAttachment(
        activity=activity, original_name=name, content_type="application/pdf", size=len(content)
    )
    attachment.file.save("file.pdf", ContentFile(content), save=False)
    attachment.save()
    return attachment


def add_members(school, count, departments=None, start=None):
    """``count`` members with distinct names, over the given departments (or five, made
    once per school), in a handful of queries; every third is a woman, every seventh retired."""
    with scopes_disabled():
        if departments is None:
            departments = [
                Department.objects.get_or_create(school=school, name="第{}组".format(n), defaults={"position": n})[0]
                for n in range(5)
            ]
        if start is None:
            start = Member.all_objects.filter(school=school).count()
        return _add_members(school, count, departments, start)


def _add_members(school, count, departments, start):
    names = itertools.islice(("".join(p) for p in itertools.product(FAMILY, GIVEN, GIVEN)), start, start + count)
    members = []
    for n, name in enumerate(names, start=start):
        full, initials = pinyin_keys(name)
        members.append(
            Member(
                school=school,
                name=name,
                name_pinyin=full,
                name_initials=initials,
                gender=Gender.FEMALE if n % 3 == 0 else Gender.MALE,
                status=MemberStatus.RETIRED if n % 7 == 6 else MemberStatus.ACTIVE,
                employee_number="L{:05d}".format(n),
                department=departments[n % len(departments)],
            )
        )
    return Member.objects.bulk_create(members)


def zh(message, **params):
    """The Chinese the app shows for ``message`` (whichever catalogue translates it)."""
    from django.utils import translation

    with translation.override("zh-hans"):
        text = translation.gettext(message)
    assert any("\u4e00" <= char <= "\u9fff" for char in text), "no Chinese for {!r}".format(message)
    return text % params if params else text


def size_text(size):
    """How a size reads in a Chinese message (Django's filesizeformat, non-breaking space)."""
    from django.template.defaultfilters import filesizeformat
    from django.utils import translation

    with translation.override("zh-hans"):
        return str(filesizeformat(size))
