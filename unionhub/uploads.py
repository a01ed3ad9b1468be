"""Checks on uploaded files: what they really are, how big, and (images) how many pixels.

Images are re-encoded, so whatever rode along in the upload (HTML appended to a PNG,
EXIF GPS tags) is not in the stored file.
"""

import io
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "BMP", "MPO"}


def _limit(name):
    return settings.UNIONHUB[name]


def check_size(uploaded, max_bytes):
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )


def random_name(extension):
    """A name that says nothing about the upload and cannot be guessed."""
    return "{}.{}".format(uuid.uuid4().hex, extension)


def process_image(uploaded, stored_side=None, thumb_side=None):
    """Validate an uploaded image and return ``(image, thumbnail)`` as new JPEG files."""
    check_size(uploaded, _limit("PHOTO_MAX_BYTES"))
    uploaded.seek(0)
    try:
        with Image.open(uploaded) as probe:
            if probe.format not in ALLOWED_IMAGE_FORMATS:
                raise ValidationError(_("Only JPEG, PNG, GIF, WebP or BMP pictures are accepted."), code="type")
            width, height = probe.size
            if width * height > _limit("PHOTO_MAX_PIXELS"):
                raise ValidationError(
                    _("The picture is %(width)s×%(height)s pixels, which is too large.")
                    % {"width": width, "height": height},
                    code="pixels",
                )
            probe.verify()
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(_("The picture has too many pixels."), code="pixels") from error
    except Exception as error:
        raise ValidationError(_("The file is not a picture, or it is damaged."), code="invalid_image") from error

    stored = _encode(image, stored_side or _limit("PHOTO_STORED_SIDE"))
    thumbnail = _encode(image, thumb_side or _limit("PHOTO_THUMB_SIDE"))
    return stored, thumbnail


def _encode(image, side):
    copy = image.copy()
    copy.thumbnail((side, side))
    buffer = io.BytesIO()
    # A fresh JPEG carries no EXIF: location and camera data are dropped.
    copy.save(buffer, format="JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue(), name=random_name("jpg"))


def check_xlsx(uploaded):
    """Refuse anything that is not a modest .xlsx before openpyxl reads it."""
    check_size(uploaded, _limit("IMPORT_MAX_BYTES"))
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
            uncompressed = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise ValidationError(_("The file is not an Excel workbook (.xlsx)."), code="not_xlsx") from error
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ValidationError(_("The file is not an Excel workbook (.xlsx)."), code="not_xlsx")
    if uncompressed > _limit("IMPORT_MAX_UNCOMPRESSED_BYTES"):
        raise ValidationError(_("The workbook unpacks to more than is allowed."), code="too_large")
    uploaded.seek(0)


def check_document(uploaded):
    """Refuse an attachment that is not the PDF, Word or Excel file its name says it is, or
    that is too large. Returns ``(extension, content_type)``, decided by the file's bytes,
    never by what the browser claims.

    A PDF begins with ``%PDF-``; .docx and .xlsx are zip archives with ``word/`` or ``xl/``
    parts; .doc and .xls are OLE2 compound files whose directory (names in UTF-16) holds a
    ``WordDocument`` or ``Workbook``/``Book`` stream.
    """
    types = {
        "pdf": ("application/pdf", None),
        "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
        "doc": ("application/msword", ("WordDocument",)),
        "xls": ("application/vnd.ms-excel", ("Workbook", "Book")),
    }
    check_size(uploaded, _limit("ATTACHMENT_MAX_BYTES"))
    name = getattr(uploaded, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in types:
        raise ValidationError(
            _("Only PDF, Word (.doc, .docx) or Excel (.xls, .xlsx) files can be attached."), code="type"
        )
    content_type, marker = types[extension]
    uploaded.seek(0)
    head = uploaded.read(8)
    genuine = False
    if extension == "pdf":
        genuine = head.startswith(b"%PDF-")
    elif extension in ("docx", "xlsx") and head.startswith(b"PK\x03\x04"):
        uploaded.seek(0)
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            names = []
        genuine = "[Content_Types].xml" in names and any(n.startswith(marker) for n in names)
    elif extension in ("doc", "xls") and head == bytes.fromhex("D0CF11E0A1B11AE1"):
        uploaded.seek(0)
        content = uploaded.read()
        genuine = any(stream.encode("utf-16-le") in content for stream in marker)
    uploaded.seek(0)
    if not genuine:
        raise ValidationError(
            _("The file is not really a .%(extension)s file: its content does not match its name.")
            % {"extension": extension},
            code="mismatch",
        )
    return extension, content_type
