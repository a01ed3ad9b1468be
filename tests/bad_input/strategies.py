"""Bad input, by kind of form field: text in every script and none, numbers past any column,
days that do not exist or are written the Chinese way, files that are not what they say.

``field_value(field, usual)`` draws what a user (or a script) might post for ``field``:
mostly the usual, valid value, so that the rest of the form gets past its checks, and
otherwise something odd of the field's kind.
"""

import datetime
import io
import zipfile

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

# Characters that break naive code: NUL and other control characters, zero-width and
# direction marks, right-to-left script, characters past the Basic Multilingual Plane
# (emoji, mathematical letters, tag characters, private use, CJK extension B), a
# noncharacter; and text that means something to SQL, HTML or format strings.
ODD_PIECES = [
    "\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\x85", "\r\n", "\r", "\t", "\u2028",
    "\u200b", "\u200d", "\u200e", "\u200f", "\ufeff", "\u202e", "\u2066", "\u3000",
    "مرحبا", "עברית", "\U0001f600", "\U0001d573", "\U000e0001", "\U0010fffd", "\U00020000", "\uffff",
    "張三", "ﾃｽﾄ", "Ａ１", "e\u0301", "'; DROP TABLE members_member; --", "<script>alert(1)</script>",
    "%s", "{0}", "%(name)s", "\\", "../", " ",
]  # fmt: skip
LONG_TEXTS = [
    "x" * 256,
    "测" * 1_001,
    "\U0001f600" * 300,
    "\u200b" * 5_000,
    "工会" * 50_000,
]

text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.lists(st.sampled_from(ODD_PIECES), min_size=1, max_size=6).map("".join),
    st.sampled_from(LONG_TEXTS),
)

numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=None).map(str),
    st.floats().map(repr),
    st.sampled_from(
        [
            "0", "-0", "-1", "2147483648", "-2147483649", "9223372036854775808", "9" * 400, "1e309",
            "-1e309", "1e-400", "NaN", "Infinity", "-inf", "1.5", "1,000", "1_000", "0x10", "+5",
            " 7 ", "１２", "٣", "三", "", "\x00",
        ]
    ),
)  # fmt: skip

ODD_DAYS = [
    "0001-01-01", "9999-12-31", "2023-02-30", "2023-02-29", "2024-02-29", "2023-04-31", "2023-13-01",
    "0000-00-00", "10000-01-01", "-2023-01-01", "", " ", "2023年2月30日", "2023年9月10日", "２０２３-０９-１０",
    "二〇二三年九月十日", "2023/9/10", "10/09/2023", "2023.9.10", "20230910", "2023-9-10", "2023-09-10T25:61",
    "1899-12-31", "1999-12-31", "2101-01-01",
]  # fmt: skip
days = st.one_of(st.dates().map(datetime.date.isoformat), st.sampled_from(ODD_DAYS), text)
ODD_TIMES = ["24:00", "23:60", "25:00", "-1:00", "12:00:60", "noon", "下午三点", "１２:００", ""]
times = st.one_of(st.times().map(lambda t: t.isoformat()), st.sampled_from(ODD_TIMES), text)
moments = st.one_of(
    st.datetimes().map(lambda d: d.isoformat(sep=" ")),
    st.builds("{} {}".format, st.sampled_from(ODD_DAYS), st.sampled_from(["08:00", *ODD_TIMES])),
    text,
)
ODD_KEYS = ["0", "-1", "1.0", "1e3", "abc", "", "９", "9223372036854775808", "9" * 40, "987654321", "\x00"]
keys = st.one_of(st.sampled_from(ODD_KEYS), st.integers(min_value=-(2**70), max_value=2**70).map(str), text)
checkboxes = st.one_of(st.sampled_from(["on", "", "0", "1", "false", "False", "no", "否"]), text)


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4380000000049454e44ae426082"
)
ODD_FILES = [
    ("empty.xlsx", b""),
    ("picture.jpg", b"not a picture at all"),
    ("picture.png", TINY_PNG),
    ("picture.png", TINY_PNG[:40]),
    ("notes.pdf", b"%PDF-1.4 nothing else"),
    ("sheet.xlsx", b"PK\x03\x04 a zip that ends here"),
    ("sheet.xlsx", _zip([("readme.txt", "a zip that is not a workbook")])),
    ("sheet.docx", _zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<x/>")])),
    ("report.exe", b"MZ\x90\x00"),
    ("名单\x00.pdf", b"%PDF-1.4"),
    ("\u202egpj.exe", b"MZ"),
    ("x" * 300 + ".pdf", b"%PDF-1.4"),
]
files = st.sampled_from(ODD_FILES)


def _nasty(field):
    if isinstance(field, forms.FileField):
        return files
    if isinstance(field, forms.ModelMultipleChoiceField):
        return st.lists(keys, min_size=1, max_size=3)
    if isinstance(field, forms.ModelChoiceField):
        return keys
    if isinstance(field, forms.MultipleChoiceField):
        return st.lists(st.one_of(keys, text), min_size=1, max_size=3)
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return numbers
    if isinstance(field, forms.DateTimeField):
        return moments
    if isinstance(field, forms.DateField):
        return days
    if isinstance(field, forms.TimeField):
        return times
    if isinstance(field, (forms.BooleanField, forms.NullBooleanField)):
        return checkboxes
    if isinstance(field, forms.ChoiceField):
        return st.one_of(keys, text)
    return text


def _nasty_like(usual):
    """For a posted name no form of the page declares: judged by its usual value."""
    sample = usual[0] if isinstance(usual, list) and usual else usual
    sample = str(sample) if sample is not None else ""
    if len(sample) == 10 and sample[4:5] == "-" and sample[7:8] == "-":
        kind = days
    elif sample.lstrip("-").isdigit():
        kind = st.one_of(numbers, keys)
    else:
        kind = text
    return st.lists(kind, min_size=1, max_size=3) if isinstance(usual, list) else kind


def field_value(field, usual):
    """What is posted for one field: the usual value, nothing, or something odd.

    Returns ``(how, value)``: ``how`` is "usual", "missing" or "odd"."""
    odd = _nasty(field) if field is not None else _nasty_like(usual)
    choices = [st.tuples(st.just("usual"), st.just(usual))] * 3 + [
        st.tuples(st.just("missing"), st.none()),
        st.tuples(st.just("odd"), odd),
    ]
    return st.one_of(*choices)


def as_upload(value):
    """A drawn file as the test client posts it: a fresh object each time (it is read)."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], bytes):
        return SimpleUploadedFile(value[0], value[1])
    return value
