"""Pages of the congress (教代会).

Chair and staff manage terms, sessions, votes and proposals; the chair deletes and
restores. Teachers read sessions, motions, results and proposals; they submit proposals
and second others' with their own member record. District users get 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, UpdateView

from members.models import Member
from unionhub.forms import parse_id
from unionhub.pagination import CappedPaginator
from unionhub.queries import correlated_count
from unionhub.record_views import (
    RecordCreateView,
    RecordDeleteView,
    RecordDetailView,
    RecordPermissionMixin,
    RecordRestoreView,
    RecordUpdateView,
    TeachersReadMixin,
    own_member,
)
from unionhub.roles import Action, Role, user_can
from unionhub.submissions import OneTimeSubmissionOnSaveMixin
from unionhub.views import RoleRequiredMixin

from . import services
from .choices import ProposalState
from .forms import (
    AgendaItemForm,
    CongressSettingsForm,
    EvaluationForm,
    ProposalForm,
    SessionForm,
    StaffProposalForm,
    SuggestionDriveForm,
    SuggestionForm,
    TermForm,
    TransitionForm,
    VoteForm,
)
from .models import (
    AgendaItem,
    CongressSettings,
    CongressTerm,
    DemocraticEvaluation,
    Motion,
    Proposal,
    Seconding,
    Session,
    SessionDocument,
    Suggestion,
    SuggestionDrive,
)

PAGE_SIZE = 50


def refuse(request, error):
    for message in error.messages:
        messages.error(request, message)


# --- Terms and delegates -----------------------------------------------------------------


class TermListView(RecordPermissionMixin, ListView):
    template_name = "congress/term_list.html"
    context_object_name = "terms"

    def get_queryset(self):
        return (
            CongressTerm.objects.filter(school=self.request.school)
            .annotate(delegate_count=Count("delegates", distinct=True), session_count=Count("sessions", distinct=True))
            .order_by("-number")
        )


class TermDetailView(RecordDetailView):
    model = CongressTerm
    template_name = "congress/term_detail.html"
    context_object_name = "term"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["delegates"] = self.object.delegates.select_related("member__department")
        context["sessions"] = self.object.sessions.all()
        return context


class TermFormMixin:
    model = CongressTerm
    form_class = TermForm
    template_name = "congress/term_form.html"

    @transaction.atomic
    def form_valid(self, form):
        # The term and its delegates are saved together or not at all.
        response = super().form_valid(form)
        if not form.errors:
            services.set_delegates(self.object, form.cleaned_data["delegates"], form.cleaned_data["group"])
        return response


class TermCreateView(TermFormMixin, RecordCreateView):
    pass


class TermUpdateView(TermFormMixin, RecordUpdateView):
    pass


# --- Sessions ----------------------------------------------------------------------------


class SessionListView(TeachersReadMixin, RecordPermissionMixin, ListView):
    template_name = "congress/session_list.html"
    context_object_name = "sessions"
    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator

    def get_queryset(self):
        return (
            Session.objects.filter(school=self.request.school)
            .select_related("term")
            .annotate(motion_count=Count("agenda__motions", distinct=True))
            .order_by("-held_on", "-pk")
        )


class SessionDetailView(TeachersReadMixin, RecordDetailView):
    model = Session
    template_name = "congress/session_detail.html"
    context_object_name = "session"

    def get_queryset(self):
        return super().get_queryset().select_related("term")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.object
        agenda = list(
            AgendaItem.objects.filter(session=session).prefetch_related(
                Prefetch("motions", queryset=Motion.objects.prefetch_related("clauses__vote", "votes"))
            )
        )
        for item in agenda:
            for motion in item.motions.all():
                motion.whole_vote = next((v for v in motion.votes.all() if v.clause_id is None), None)
                motion.sentence = services.motion_sentence(motion, motion.votes.all())
        context.update(
            agenda=agenda,
            documents=list(session.documents.all()),
            quorum=services.quorum(session),
            agenda_form=AgendaItemForm(),
        )
        if user_can(self.request.user, Action.EDIT_RECORDS):
            present = set(session.attendances.filter(present=True).values_list("member_id", flat=True))
            context["voters"] = [
                (member, member.pk in present) for member in services.voters(session.term).select_related("department")
            ]
        return context


class SessionFormMixin:
    model = Session
    form_class = SessionForm
    template_name = "congress/session_form.html"

    @transaction.atomic
    def form_valid(self, form):
        # The session and its new document are saved together or not at all.
        response = super().form_valid(form)
        document = form.cleaned_data.get("document")
        if document and not form.errors:
            services.save_session_document(self.object, document)
        return response


class SessionCreateView(SessionFormMixin, RecordCreateView):
    pass


class SessionUpdateView(SessionFormMixin, RecordUpdateView):
    pass


class DocumentDownloadView(RoleRequiredMixin, View):
    """A session's document, for everyone who reads the session."""

    def has_role_permission(self):
        return user_can(self.request.user, Action.VIEW_RECORDS) or self.request.user.role == Role.TEACHER

    def get(self, request, pk):
        documents = SessionDocument.objects.filter(school=request.school, session__deleted_at__isnull=True)
        document = get_object_or_404(documents, pk=pk)
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class SessionDeleteView(RecordDeleteView):
    model = Session
    success_url_name = "congress:session_list"


class SessionRestoreView(RecordRestoreView):
    model = Session


class StaffPostView(RoleRequiredMixin, View):
    required_action = Action.EDIT_RECORDS
    model = Session

    def get_object(self, pk):
        return get_object_or_404(self.model.objects.filter(school=self.request.school), pk=pk)


class TermGroupsView(StaffPostView):
    """Put each delegate of a term in a delegation group."""

    model = CongressTerm

    def post(self, request, pk):
        term = self.get_object(pk)
        groups = {
            parse_id(key.removeprefix("group-")): value
            for key, value in request.POST.items()
            if key.startswith("group-") and parse_id(key.removeprefix("group-"))
        }
        services.set_delegate_groups(term, groups)
        messages.success(request, _("The delegation groups have been saved."))
        return redirect(term)


class SessionAttendanceView(StaffPostView):
    def post(self, request, pk):
        session = self.get_object(pk)
        ids = [value for value in request.POST.getlist("present") if parse_id(value)]
        services.record_attendance(session, ids)
        status = services.quorum(session)
        messages.success(request, _("Attendance saved: %(present)s of %(electorate)s present.") % status)
        return redirect(session)


class SessionAgendaView(OneTimeSubmissionOnSaveMixin, StaffPostView):
    def post(self, request, pk):
        session = self.get_object(pk)
        form = AgendaItemForm(request.POST)
        if form.is_valid():
            clauses = [line.strip() for line in form.cleaned_data["clauses"].splitlines() if line.strip()]
            services.add_agenda_item(session, form.cleaned_data["title"], form.cleaned_data["motion"].strip(), clauses)
            self.submission_saved()
            messages.success(request, _("The agenda item has been added."))
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        return redirect(session)


class MotionVoteView(StaffPostView):
    model = Motion

    def post(self, request, pk):
        motion = self.get_object(pk)
        session = motion.agenda_item.session
        form = VoteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter the number of ballots for, against and abstaining."))
            return redirect(session)
        clause = None
        if form.cleaned_data["clause"]:
            clause = motion.clauses.filter(pk=form.cleaned_data["clause"]).first()
            if clause is None:
                messages.error(request, _("This clause belongs to another motion."))
                return redirect(session)
        try:
            vote = services.record_vote(
                motion,
                form.cleaned_data["votes_for"],
                form.cleaned_data["votes_against"],
                form.cleaned_data["abstentions"],
                clause=clause,
            )
        except ValidationError as error:
            refuse(request, error)
        else:
            messages.success(request, _("Vote recorded: approval rate %(rate)s%%.") % {"rate": vote.approval_rate})
        return redirect(session)


# --- Proposals ---------------------------------------------------------------------------


class ProposalListView(TeachersReadMixin, RecordPermissionMixin, ListView):
    template_name = "congress/proposal_list.html"
    context_object_name = "proposals"
    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator

    def get_queryset(self):
        queryset = (
            Proposal.objects.filter(school=self.request.school)
            .select_related("proposer", "department")
            # A subquery, not Count("secondings"): a join would group by every column of the
            # proposal and its relations, long texts included.
            .annotate(seconder_count=correlated_count(Seconding._base_manager.all(), "proposal"))
            .only("title", "state", "submitted_on", "school_id", "proposer__name", "department__name")
            .order_by("-submitted_on", "-pk")
        )
        state = self.request.GET.get("state")
        if state in ProposalState.values:
            queryset = queryset.filter(state=state)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            states=ProposalState.choices,
            state=self.request.GET.get("state", ""),
            state_query="state={}".format(self.request.GET["state"])
            if self.request.GET.get("state") in ProposalState.values
            else "",
            can_propose=user_can(self.request.user, Action.EDIT_RECORDS) or own_member(self.request.user) is not None,
        )
        return context


class ProposalDetailView(TeachersReadMixin, RecordDetailView):
    model = Proposal
    template_name = "congress/proposal_detail.html"
    context_object_name = "proposal"

    def get_queryset(self):
        return super().get_queryset().select_related("proposer", "department")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.object
        member = own_member(self.request.user)
        secondings = list(proposal.secondings.select_related("member"))
        context.update(
            secondings=secondings,
            min_seconders=services.min_seconders(proposal.school_id),
            can_second=(
                member is not None
                and proposal.state == ProposalState.SUBMITTED
                and member.pk != proposal.proposer_id
                and all(s.member_id != member.pk for s in secondings)
            ),
            is_proposer=member is not None and member.pk == proposal.proposer_id,
            next_states=[s for s in ProposalState if s in services.PROPOSAL_TRANSITIONS[ProposalState(proposal.state)]],
            transition_form=TransitionForm(school=self.request.school, initial={"on": timezone.localdate()}),
        )
        if user_can(self.request.user, Action.EDIT_RECORDS):
            context["members"] = Member.objects.filter(school=self.request.school).exclude(pk=proposal.proposer_id)
        return context


class ProposalCreateView(RecordCreateView):
    model = Proposal
    template_name = "congress/proposal_form.html"

    def has_role_permission(self):
        return user_can(self.request.user, Action.EDIT_RECORDS) or own_member(self.request.user) is not None

    def get_form_class(self):
        return StaffProposalForm if user_can(self.request.user, Action.EDIT_RECORDS) else ProposalForm

    def form_valid(self, form):
        if not user_can(self.request.user, Action.EDIT_RECORDS):
            form.instance.proposer = own_member(self.request.user)
        form.instance.submitted_on = timezone.localdate()
        return super().form_valid(form)


class ProposalUpdateView(RecordUpdateView):
    model = Proposal
    form_class = StaffProposalForm
    template_name = "congress/proposal_form.html"


class ProposalDeleteView(RecordDeleteView):
    model = Proposal
    success_url_name = "congress:proposal_list"


class ProposalRestoreView(RecordRestoreView):
    model = Proposal


class ProposalSecondView(RoleRequiredMixin, View):
    """A teacher seconds with their own member record; staff record a paper seconding."""

    def has_role_permission(self):
        return user_can(self.request.user, Action.EDIT_RECORDS) or own_member(self.request.user) is not None

    def post(self, request, pk):
        proposal = get_object_or_404(Proposal.objects.filter(school=request.school), pk=pk)
        if user_can(request.user, Action.EDIT_RECORDS):
            member_id = parse_id(request.POST.get("member"))
            member = Member.objects.filter(school=request.school, pk=member_id).first() if member_id else None
            if member is None:
                messages.error(request, _("Choose the member who seconds the proposal."))
                return redirect(proposal)
        else:
            member = own_member(request.user)
        try:
            services.second(proposal, member)
        except ValidationError as error:
            refuse(request, error)
        else:
            messages.success(request, _("%(name)s seconded the proposal.") % {"name": member.name})
        return redirect(proposal)


class ProposalTransitionView(RoleRequiredMixin, View):
    """Staff decide, assign, record the reply and the proposer's answer."""

    required_action = Action.EDIT_RECORDS

    def post(self, request, pk):
        proposal = get_object_or_404(Proposal.objects.filter(school=request.school), pk=pk)
        form = TransitionForm(request.POST, school=request.school)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(proposal)
        data = form.cleaned_data
        try:
            services.transition(
                proposal,
                data["state"],
                on=data["on"],
                reason=data["reason"],
                department=data["department"],
                reply=data["reply"],
            )
        except ValidationError as error:
            refuse(request, error)
        else:
            messages.success(
                request, _("The proposal is now “%(state)s”.") % {"state": ProposalState(data["state"]).label}
            )
        return redirect(proposal)


class ProposalFeedbackView(RoleRequiredMixin, View):
    """The proposer says whether the reply satisfies them."""

    def has_role_permission(self):
        return own_member(self.request.user) is not None

    def post(self, request, pk):
        proposal = get_object_or_404(Proposal.objects.filter(school=request.school), pk=pk)
        if proposal.proposer_id != own_member(request.user).pk:
            raise PermissionDenied
        state = ProposalState.SATISFIED if request.POST.get("satisfied") == "yes" else ProposalState.UNSATISFIED
        try:
            services.transition(proposal, state)
        except ValidationError as error:
            refuse(request, error)
        else:
            messages.success(request, _("Thank you: your answer has been recorded."))
        return redirect(proposal)


# --- Democratic evaluations --------------------------------------------------------------


class EvaluationListView(RecordPermissionMixin, ListView):
    template_name = "congress/evaluation_list.html"
    context_object_name = "evaluations"
    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator

    def get_queryset(self):
        return DemocraticEvaluation.objects.filter(school=self.request.school).order_by("-evaluated_on", "-pk")


class EvaluationDetailView(RecordDetailView):
    model = DemocraticEvaluation
    template_name = "congress/evaluation_detail.html"
    context_object_name = "evaluation"


class EvaluationCreateView(RecordCreateView):
    model = DemocraticEvaluation
    form_class = EvaluationForm
    template_name = "congress/simple_form.html"

    def heading(self):
        return DemocraticEvaluation._meta.verbose_name


class EvaluationUpdateView(RecordUpdateView):
    model = DemocraticEvaluation
    form_class = EvaluationForm
    template_name = "congress/simple_form.html"

    def heading(self):
        return DemocraticEvaluation._meta.verbose_name


class EvaluationDeleteView(RecordDeleteView):
    model = DemocraticEvaluation
    success_url_name = "congress:evaluation_list"


class EvaluationRestoreView(RecordRestoreView):
    model = DemocraticEvaluation


# --- Suggestion drives -------------------------------------------------------------------


class DriveListView(RecordPermissionMixin, ListView):
    template_name = "congress/drive_list.html"
    context_object_name = "drives"
    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator

    def get_queryset(self):
        return (
            SuggestionDrive.objects.filter(school=self.request.school)
            .annotate(
                received=Count("suggestions", distinct=True),
                adopted=Count("suggestions", filter=Q(suggestions__adopted=True), distinct=True),
            )
            .order_by("-opens_on", "-pk")
        )


class DriveDetailView(RecordDetailView):
    model = SuggestionDrive
    template_name = "congress/drive_detail.html"
    context_object_name = "drive"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["suggestions"] = self.object.suggestions.select_related("member")
        context["suggestion_form"] = SuggestionForm(
            school=self.request.school, initial={"received_on": timezone.localdate()}, prefix="new"
        )
        return context


class DriveCreateView(RecordCreateView):
    model = SuggestionDrive
    form_class = SuggestionDriveForm
    template_name = "congress/simple_form.html"

    def heading(self):
        return SuggestionDrive._meta.verbose_name


class DriveUpdateView(RecordUpdateView):
    model = SuggestionDrive
    form_class = SuggestionDriveForm
    template_name = "congress/simple_form.html"

    def heading(self):
        return SuggestionDrive._meta.verbose_name


class DriveDeleteView(RecordDeleteView):
    model = SuggestionDrive
    success_url_name = "congress:drive_list"


class DriveRestoreView(RecordRestoreView):
    model = SuggestionDrive


class SuggestionAddView(OneTimeSubmissionOnSaveMixin, StaffPostView):
    model = SuggestionDrive

    def post(self, request, pk):
        drive = self.get_object(pk)
        form = SuggestionForm(request.POST, school=request.school, prefix="new")
        if form.is_valid():
            form.instance.school = request.school
            form.instance.drive = drive
            form.save()
            self.submission_saved()
            messages.success(request, _("The suggestion has been recorded."))
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        return redirect(drive)


class SuggestionUpdateView(StaffPostView):
    """Evaluate a suggestion and say whether it is adopted."""

    model = Suggestion

    def post(self, request, pk):
        suggestion = self.get_object(pk)
        suggestion.evaluation = request.POST.get("evaluation", "").strip()
        suggestion.adopted = request.POST.get("adopted") == "on"
        suggestion.save()
        messages.success(request, _("The evaluation has been saved."))
        return redirect(suggestion.drive)


# --- Settings ----------------------------------------------------------------------------


class SettingsView(RoleRequiredMixin, UpdateView):
    """The school's rules for proposals (minimum seconders)."""

    required_action = Action.EDIT_RECORDS
    form_class = CongressSettingsForm
    template_name = "congress/settings_form.html"

    def get_object(self, queryset=None):
        settings = CongressSettings.objects.filter(school=self.request.school).first()
        return settings or CongressSettings(school=self.request.school)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["school"] = self.request.school
        return kwargs

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("The settings have been saved."))
        return redirect("congress:proposal_list")
