"""Choosing many members fast: by pinyin, or a whole department, women staff, retirees, everyone.

Without JavaScript the field is a plain multiple select of the school's members. With it,
``static/js/member_picker.js`` hides the select and shows the chosen members as chips, a
search box that asks ``members:member_search`` (htmx) for members by pinyin initials,
full pinyin or name, and buttons that add a whole department, all women staff, all
retirees or everyone in service. Members in service come first and are the only ones
the search finds unless "include leavers and retirees" is ticked; the others are shown
with their status. The buttons work from data attributes on the select's
options, so adding a group costs no request. Any field name, and several pickers on one
page, work: everything is keyed by the select's id.
"""

from django import forms
from django.template import loader
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_scopes.manager import DisabledQuerySet

from members.choices import Gender, MemberStatus
from members.models import Member


def member_label(member):
    """张三（语文组）: the member's name with their department, so that namesakes differ;
    a member no longer in service also with their status: 李四（数学组）· 退休."""
    label = "{}（{}）".format(member.name, member.department.name) if member.department_id else member.name
    # A form that loaded only some fields gets no status rather than a query per member.
    if "status" not in member.get_deferred_fields() and member.status != MemberStatus.ACTIVE:
        label = "{} · {}".format(label, member.get_status_display())
    return label


class CurrentMembersFirstMixin:
    """A member widget's options: members in service first; members who left or retired
    after them, in a group of their own, each with their status, so that a record of an
    earlier year can still name them and a record that already names one keeps it."""

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        current, former = [], []
        for _group, options, _index in groups:
            for option in options:
                member = getattr(option["value"], "instance", None)
                is_former = isinstance(member, Member) and member.status != MemberStatus.ACTIVE
                (former if is_former else current).append(option)
        regrouped = [(None, current, 0)]
        if former:
            regrouped.append((str(_("Left or retired")), former, 1))
        return regrouped


class MemberSelect(CurrentMembersFirstMixin, forms.Select):
    """One member of the school: in-service members first, with departments and status."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        member = getattr(value, "instance", None)
        if isinstance(member, Member):
            option["label"] = member_label(member)
        return option


def member_choices(field):
    """Shows a single member choice the way every member choice reads: in-service members
    first, leavers and retirees apart with their status, namesakes told apart by department
    (one query: the departments come with the members)."""
    field.queryset = field.queryset.select_related("department")
    field.label_from_instance = member_label
    widget = MemberSelect(attrs=field.widget.attrs)
    widget.is_required = field.widget.is_required
    widget.choices = field.choices
    field.widget = widget


class MemberPickerWidget(CurrentMembersFirstMixin, forms.SelectMultiple):
    template_name = "members/widgets/member_picker.html"

    def _render(self, template_name, context, renderer=None):
        # The project's template engine (the widget's template lives in templates/),
        # whatever form renderer the form uses.
        return mark_safe(loader.render_to_string(template_name, context))

    def __init__(self, attrs=None, choices=()):
        attrs = {"class": "form-select member-picker-select", "size": "10", **(attrs or {})}
        super().__init__(attrs, choices)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        member = getattr(value, "instance", None)
        if isinstance(member, Member):
            option["attrs"].update(
                {
                    "data-department": member.department_id or "",
                    "data-woman": "1" if member.gender == Gender.FEMALE else "",
                    "data-status": member.status,
                }
            )
            # The label says which of two namesakes is meant.
            option["label"] = member_label(member)
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        departments = {}
        for _group, options, _index in context["widget"]["optgroups"]:
            for option in options:
                member = getattr(option["value"], "instance", None)
                if isinstance(member, Member) and member.department_id:
                    departments[member.department_id] = member.department
        context["widget"]["departments"] = sorted(departments.values(), key=lambda d: (d.position, d.name))
        context["widget"]["picker_id"] = context["widget"]["attrs"].get("id") or "picker-{}".format(name)
        context["widget"]["search_url"] = reverse("members:member_search")
        context["widget"]["status_active"] = MemberStatus.ACTIVE
        context["widget"]["status_retired"] = MemberStatus.RETIRED
        return context


class MemberPickerField(forms.ModelMultipleChoiceField):
    """A multiple choice of the school's members (the form narrows the queryset to the school).

    The members come with their departments in the same query, for the labels and the
    department buttons. A pk of another school's member is refused with a clear message.
    """

    widget = MemberPickerWidget
    default_error_messages = {
        "invalid_choice": _("%(value)s is not a member of this school: choose the school's own members."),
    }

    def __init__(self, queryset=None, **kwargs):
        if queryset is None:
            queryset = Member.objects.none()
        super().__init__(queryset, **kwargs)

    def _set_queryset(self, queryset):
        if isinstance(queryset, DisabledQuerySet):
            # Declared outside a scope (a form class being built): the form narrows it later.
            queryset = queryset.none()
        if queryset is not None and not queryset.query.select_related:
            queryset = queryset.select_related("department")
        super()._set_queryset(queryset)

    queryset = property(forms.ModelMultipleChoiceField._get_queryset, _set_queryset)
