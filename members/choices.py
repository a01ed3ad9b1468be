from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentKind(models.TextChoices):
    GRADE = "grade", _("Grade group")
    SUBJECT = "subject", _("Teaching and research group")
    ADMINISTRATION = "administration", _("Administration")
    LOGISTICS = "logistics", _("Logistics")
    OTHER = "other", _("Other")


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("In service")
    RETIRED = "retired", _("Retired")
    TRANSFERRED = "transferred", _("Transferred out")


class ProfessionalTitle(models.TextChoices):
    PROFESSOR = "professor", _("Professor-level senior teacher")
    SENIOR = "senior", _("Senior teacher")
    FIRST = "first", _("First-grade teacher")
    SECOND = "second", _("Second-grade teacher")
    THIRD = "third", _("Third-grade teacher")
    NONE = "none", _("Not yet rated")


class Education(models.TextChoices):
    DOCTORATE = "doctorate", _("Doctorate")
    MASTER = "master", _("Master's degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    COLLEGE = "college", _("Junior college")
    SECONDARY = "secondary", _("Secondary school")
    OTHER = "other", _("Other")


class PartyMembership(models.TextChoices):
    CPC = "cpc", _("Member of the Communist Party of China")
    CPC_PROBATIONARY = "cpc_probationary", _("Probationary Party member")
    LEAGUE = "league", _("Communist Youth League member")
    DEMOCRATIC = "democratic", _("Member of a democratic party")
    MASSES = "masses", _("No party affiliation")
