"""Member photos: checked for what they are, size and pixels, re-encoded, served to their school only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_scopes import scopes_disabled
from PIL import ExifTags, Image

from members.models import Member
from tests.factories import member_form_data

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


@pytest.fixture(autouse=True)
def pillow_pixel_limit():
    """``process_image`` sets Pillow's global pixel limit; put it back after each test."""
    before = Image.MAX_IMAGE_PIXELS
    yield
    Image.MAX_IMAGE_PIXELS = before


def image_bytes(size=(64, 48), color="red", format="PNG", **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=format, **save_options)
    return buffer.getvalue()


def upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def post_photo(client, member, photo):
    data = member_form_data(member)
    data["photo_upload"] = photo
    return client.post("/members/{}/edit/".format(member.pk), data)


def stored(member):
    with scopes_disabled():
        return Member.objects.get(pk=member.pk)


def read(field):
    with field.open("rb") as handle:
        return handle.read()


def photo_error_codes(response):
    return [error.code for error in response.context["form"].errors.as_data()["photo_upload"]]


# --- accepted and re-encoded -------------------------------------------------------------------


def test_it_stores_an_uploaded_png_as_a_fresh_jpeg(staff_client, member):
    response = post_photo(staff_client, member, upload("my-holiday-photo.png", image_bytes((640, 480))))

    assert response.status_code == 302
    saved = stored(member)
    assert saved.photo and saved.photo_thumbnail
    assert saved.photo.name.startswith("photos/{}/".format(member.school_id))
    assert saved.photo.name.endswith(".jpg")
    assert "my-holiday-photo" not in saved.photo.name
    assert saved.photo.name != saved.photo_thumbnail.name
    with Image.open(io.BytesIO(read(saved.photo))) as photo:
        assert photo.format == "JPEG"
        assert photo.size == (640, 480)
    with Image.open(io.BytesIO(read(saved.photo_thumbnail))) as thumbnail:
        assert thumbnail.format == "JPEG"
        assert max(thumbnail.size) == 240
        assert thumbnail.size == (240, 180)


def test_it_gives_every_upload_a_new_random_name(staff_client, member):
    post_photo(staff_client, member, upload("photo.png", image_bytes()))
    first = stored(member).photo.name
    post_photo(staff_client, stored(member), upload("photo.png", image_bytes()))
    second = stored(member).photo.name
    assert first != second
    assert "photo.png" not in (first + second)


def test_it_shrinks_a_large_picture(staff_client, member, settings):
    settings.UNIONHUB = {**settings.UNIONHUB, "PHOTO_STORED_SIDE": 300}
    post_photo(staff_client, member, upload("big.png", image_bytes((1000, 500))))
    with Image.open(io.BytesIO(read(stored(member).photo))) as photo:
        assert photo.size == (300, 150)


def test_it_drops_what_rides_along_after_the_image(staff_client, member):
    payload = b"<script>alert(document.cookie)</script><html><body>hi</body></html>"
    polyglot = image_bytes() + payload
    with Image.open(io.BytesIO(polyglot)) as probe:
        assert probe.format == "PNG"  # still a picture to Pillow

    response = post_photo(staff_client, member, upload("polyglot.png", polyglot))

    assert response.status_code == 302
    saved = stored(member)
    for field in (saved.photo, saved.photo_thumbnail):
        content = read(field)
        assert b"<script" not in content
        assert b"<html" not in content
        assert content.startswith(b"\xff\xd8")  # a JPEG, not the uploaded bytes


def gps_jpeg(orientation=None, size=(40, 20)):
    """A JPEG whose left half is red and right half blue, with GPS (and orientation) EXIF tags."""
    image = Image.new("RGB", size, "blue")
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (31.0, 46.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (119.0, 57.0, 3.0)
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, quality=95)
    return buffer.getvalue()


def test_it_strips_the_location_from_a_photo(staff_client, member):
    original = gps_jpeg()
    with Image.open(io.BytesIO(original)) as probe:  # the upload really carries a location
        assert probe.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"

    response = post_photo(staff_client, member, upload("IMG_0001.jpg", original, "image/jpeg"))

    assert response.status_code == 302
    saved = stored(member)
    for field in (saved.photo, saved.photo_thumbnail):
        content = read(field)
        with Image.open(io.BytesIO(content)) as photo:
            exif = photo.getexif()
            assert ExifTags.IFD.GPSInfo not in exif
            assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
            assert "exif" not in photo.info
        assert b"PhoneMaker" not in content


def test_it_turns_a_photo_the_way_its_orientation_tag_says(staff_client, member):
    # Orientation 6: the camera was turned; the picture must be rotated 90° clockwise to show.
    response = post_photo(staff_client, member, upload("IMG_0002.jpg", gps_jpeg(orientation=6), "image/jpeg"))

    assert response.status_code == 302
    with Image.open(io.BytesIO(read(stored(member).photo))) as photo:
        assert photo.size == (20, 40)
        assert ExifTags.Base.Orientation not in photo.getexif()  # applied, not left for viewers
        rgb = photo.convert("RGB")
        top, bottom = rgb.getpixel((10, 5)), rgb.getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60  # the left (red) half is now on top
    assert bottom[2] > 200 and bottom[0] < 60


# --- refused -----------------------------------------------------------------------------------


def test_it_refuses_a_text_file_named_like_a_picture(staff_client, member):
    response = post_photo(staff_client, member, upload("photo.jpg", b"just some text, not a JPEG\n" * 10, "image/jpeg"))

    assert response.status_code == 200
    assert photo_error_codes(response) == ["invalid_image"]
    assert not stored(member).photo
    assert stored(member).version == 1  # nothing else of the form was saved either


def test_it_refuses_html_named_like_a_picture(staff_client, member):
    html = b"<html><script>alert(1)</script></html>"
    response = post_photo(staff_client, member, upload("photo.png", html))
    assert photo_error_codes(response) == ["invalid_image"]
    assert not stored(member).photo


def test_it_refuses_a_picture_format_it_does_not_take(staff_client, member):
    response = post_photo(staff_client, member, upload("photo.tif", image_bytes(format="TIFF"), "image/tiff"))
    assert photo_error_codes(response) == ["type"]
    assert not stored(member).photo


def test_it_refuses_a_file_too_large_in_bytes(staff_client, member, settings):
    content = image_bytes((64, 48))
    settings.UNIONHUB = {**settings.UNIONHUB, "PHOTO_MAX_BYTES": len(content) - 1}

    response = post_photo(staff_client, member, upload("photo.png", content))

    assert response.status_code == 200
    assert photo_error_codes(response) == ["too_large"]
    assert not stored(member).photo


def test_it_accepts_a_file_just_at_the_byte_limit(staff_client, member, settings):
    content = image_bytes((64, 48))
    settings.UNIONHUB = {**settings.UNIONHUB, "PHOTO_MAX_BYTES": len(content)}
    assert post_photo(staff_client, member, upload("photo.png", content)).status_code == 302
    assert stored(member).photo


@pytest.mark.parametrize("size", [(11, 10), (100, 100)], ids=["just-over", "far-over"])
def test_it_refuses_a_picture_with_too_many_pixels(staff_client, member, settings, size):
    # Just over the limit Pillow only warns; far over (a decompression bomb) it raises.
    settings.UNIONHUB = {**settings.UNIONHUB, "PHOTO_MAX_PIXELS": 100}

    response = post_photo(staff_client, member, upload("photo.png", image_bytes(size)))

    assert response.status_code == 200
    assert photo_error_codes(response) == ["pixels"]
    assert not stored(member).photo


def test_it_refuses_a_small_file_that_unpacks_to_huge_pixels(staff_client, member, settings):
    settings.UNIONHUB = {**settings.UNIONHUB, "PHOTO_MAX_PIXELS": 1_000_000}
    bomb = image_bytes((4000, 4000), color="white")  # one colour: compresses to a few kB
    assert len(bomb) < 100_000
    response = post_photo(staff_client, member, upload("bomb.png", bomb))
    assert photo_error_codes(response) == ["pixels"]


# --- served to the member's school only --------------------------------------------------------


@pytest.fixture
def with_photo(staff_client, member):
    assert post_photo(staff_client, member, upload("photo.png", image_bytes())).status_code == 302
    return stored(member)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", ["photo/", "photo/thumbnail/"])
def test_it_serves_the_photo_to_the_school(chair, with_photo, path):
    response = logged_in(chair).get("/members/{}/{}".format(with_photo.pk, path))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    field = with_photo.photo_thumbnail if "thumbnail" in path else with_photo.photo
    assert b"".join(response.streaming_content) == read(field)


@pytest.mark.parametrize("path", ["photo/", "photo/thumbnail/"])
def test_it_answers_404_to_another_school(other_chair, with_photo, path):
    response = logged_in(other_chair).get("/members/{}/{}".format(with_photo.pk, path))
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["photo/", "photo/thumbnail/"])
def test_it_sends_anonymous_visitors_to_log_in(with_photo, path):
    response = Client().get("/members/{}/{}".format(with_photo.pk, path))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_serves_a_teacher_their_own_photo_only(teacher, school, with_photo):
    client = logged_in(teacher)
    assert client.get("/members/{}/photo/".format(with_photo.pk)).status_code == 404
    with scopes_disabled():
        with_photo.user = teacher
        with_photo.save()
    assert client.get("/members/{}/photo/".format(with_photo.pk)).status_code == 200


def test_it_answers_404_for_a_member_without_a_photo(chair_client, member):
    assert chair_client.get("/members/{}/photo/".format(member.pk)).status_code == 404


def test_it_never_routes_the_media_folder(chair_client, with_photo):
    assert chair_client.get("/media/" + with_photo.photo.name).status_code == 404
    assert chair_client.get("/media-not-served/" + with_photo.photo.name).status_code == 404
