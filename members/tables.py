import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Member


class MemberTable(tables.Table):
    name = tables.Column(linkify=True, order_by=("name_pinyin",))
    department = tables.Column(order_by=("department__position", "department__name"))
    phone = tables.Column(orderable=False)

    class Meta:
        model = Member
        fields = ["name", "gender", "department", "post", "title", "status", "phone", "employee_number"]
        attrs = {"class": "table table-hover table-sm align-middle text-nowrap"}
        empty_text = _("No member matches.")
        per_page = 50
        # Rows rendered by a plain template (see there): keep it in step with ``fields``.
        template_name = "members/member_table_rows.html"
