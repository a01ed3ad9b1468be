"""Partnerships for the tests, and the bytes of files an agreement may or may not be."""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory

from activities.choices import PartnerKind
from activities.models import Partnership

from ..factories import SchoolFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="共建协议.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    partner = factory.Sequence(lambda n: "清溪村{}组".format(n))
    kind = PartnerKind.VILLAGE
    programme = "村校共建"
    started_on = datetime.date(2024, 9, 1)
    agreement_signed_on = datetime.date(2024, 9, 1)

    @factory.post_generation
    def activities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.activities.set(extracted)
