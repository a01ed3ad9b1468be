"""Permission-matrix entries of the congress (教代会): see the package docstring.

Teachers read sessions and proposals of their school (another school's: 404); they submit
and second proposals with their own member record — the matrix's teacher has none, so
those answer 403. Chair and staff manage the rest; the chair deletes and restores.
"""

import datetime

from congress.choices import ProposalState

from ..test_permission_matrix_constants import (
    LOGIN,
    RECORD_DELETE,
    RECORD_RESTORE,
    RECORD_UPDATE,
    STAFF_CREATE,
    STAFF_LIST,
    a_member,
)

# (anonymous, chair, staff, teacher, district)
LIST_TEACHERS = {"GET": {"own": (LOGIN, 200, 200, 200, 403)}}
DETAIL_TEACHERS = {
    "GET": {
        "own": (LOGIN, 200, 200, 200, 403),
        "other": (LOGIN, 404, 404, 404, 403),
    }
}
DETAIL_STAFF = {
    "GET": {
        "own": (LOGIN, 200, 200, 403, 403),
        "other": (LOGIN, 404, 404, 403, 403),
    }
}
STAFF_POST = {
    "POST": {
        "own": (LOGIN, 302, 302, 403, 403),
        "other": (LOGIN, 404, 404, 403, 403),
    }
}
# Only a proposer may answer; no user of the matrix has a member record.
PROPOSER_POST = {
    "POST": {
        "own": (LOGIN, 403, 403, 403, 403),
        "other": (LOGIN, 403, 403, 403, 403),
    }
}

MATRIX = {
    "congress:session_list": LIST_TEACHERS,
    "congress:session_create": STAFF_CREATE,
    "congress:session_detail": DETAIL_TEACHERS,
    "congress:session_update": RECORD_UPDATE,
    "congress:session_delete": RECORD_DELETE,
    "congress:session_restore": RECORD_RESTORE,
    "congress:session_attendance": STAFF_POST,
    "congress:session_agenda": STAFF_POST,
    "congress:motion_vote": STAFF_POST,
    "congress:document_download": DETAIL_TEACHERS,
    "congress:term_groups": STAFF_POST,
    "congress:term_list": STAFF_LIST,
    "congress:term_create": STAFF_CREATE,
    "congress:term_detail": DETAIL_STAFF,
    "congress:term_update": RECORD_UPDATE,
    "congress:proposal_list": LIST_TEACHERS,
    "congress:proposal_create": STAFF_CREATE,
    "congress:proposal_detail": DETAIL_TEACHERS,
    "congress:proposal_update": RECORD_UPDATE,
    "congress:proposal_delete": RECORD_DELETE,
    "congress:proposal_restore": RECORD_RESTORE,
    "congress:proposal_second": STAFF_POST,
    "congress:proposal_transition": STAFF_POST,
    "congress:proposal_feedback": PROPOSER_POST,
    "congress:evaluation_list": STAFF_LIST,
    "congress:evaluation_create": STAFF_CREATE,
    "congress:evaluation_detail": DETAIL_STAFF,
    "congress:evaluation_update": RECORD_UPDATE,
    "congress:evaluation_delete": RECORD_DELETE,
    "congress:evaluation_restore": RECORD_RESTORE,
    "congress:drive_list": STAFF_LIST,
    "congress:drive_create": STAFF_CREATE,
    "congress:drive_detail": DETAIL_STAFF,
    "congress:drive_update": RECORD_UPDATE,
    "congress:drive_delete": RECORD_DELETE,
    "congress:drive_restore": RECORD_RESTORE,
    "congress:suggestion_add": STAFF_POST,
    "congress:suggestion_update": STAFF_POST,
    "congress:settings": STAFF_CREATE,
}

OBJECT_KINDS = {
    "congress:session_detail": "congress_session",
    "congress:document_download": "congress_document",
    "congress:term_groups": "congress_term",
    "congress:session_update": "congress_session",
    "congress:session_delete": "congress_session",
    "congress:session_restore": "congress_deleted_session",
    "congress:session_attendance": "congress_session",
    "congress:session_agenda": "congress_session",
    "congress:motion_vote": "congress_motion",
    "congress:term_detail": "congress_term",
    "congress:term_update": "congress_term",
    "congress:proposal_detail": "congress_proposal",
    "congress:proposal_update": "congress_proposal",
    "congress:proposal_delete": "congress_proposal",
    "congress:proposal_restore": "congress_deleted_proposal",
    "congress:proposal_second": "congress_proposal",
    "congress:proposal_transition": "congress_proposal",
    "congress:proposal_feedback": "congress_replied_proposal",
    "congress:evaluation_detail": "congress_evaluation",
    "congress:evaluation_update": "congress_evaluation",
    "congress:evaluation_delete": "congress_evaluation",
    "congress:evaluation_restore": "congress_deleted_evaluation",
    "congress:drive_detail": "congress_drive",
    "congress:drive_update": "congress_drive",
    "congress:drive_delete": "congress_drive",
    "congress:drive_restore": "congress_deleted_drive",
    "congress:suggestion_add": "congress_drive",
    "congress:suggestion_update": "congress_suggestion",
}


def _factories():
    from ...congress import factories

    return factories


def make_term(school):
    return _factories().term_with_delegates(school, 3)[0]


def make_session(school):
    return _factories().SessionFactory(term=make_term(school))


def make_document(school):
    from django.core.files.base import ContentFile

    from congress.models import SessionDocument

    document = SessionDocument(
        school=school,
        session=make_session(school),
        original_name="学校工作报告.pdf",
        content_type="application/pdf",
        size=13,
    )
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


def make_motion(school):
    from congress.services import record_attendance, voters

    session = make_session(school)
    record_attendance(session, list(voters(session.term).values_list("pk", flat=True)))
    return _factories().MotionFactory(agenda_item=_factories().AgendaItemFactory(session=session))


def make_proposal(school):
    return _factories().ProposalFactory(school=school)


def make_replied_proposal(school):
    proposal = make_proposal(school)
    proposal.state = ProposalState.REPLIED
    proposal.save()
    return proposal


def make_evaluation(school):
    return _factories().DemocraticEvaluationFactory(school=school)


def make_drive(school):
    return _factories().SuggestionDriveFactory(school=school)


def make_suggestion(school):
    return _factories().SuggestionFactory(drive__school=school)


def deleted(maker):
    def make(school):
        record = maker(school)
        record.soft_delete()
        return record

    return make


OBJECT_MAKERS = {
    "congress_term": make_term,
    "congress_session": make_session,
    "congress_deleted_session": deleted(make_session),
    "congress_motion": make_motion,
    "congress_document": make_document,
    "congress_proposal": make_proposal,
    "congress_deleted_proposal": deleted(make_proposal),
    "congress_replied_proposal": make_replied_proposal,
    "congress_evaluation": make_evaluation,
    "congress_deleted_evaluation": deleted(make_evaluation),
    "congress_drive": make_drive,
    "congress_deleted_drive": deleted(make_drive),
    "congress_suggestion": make_suggestion,
}


def versioned(obj, data):
    data["loaded_version"] = obj.version if obj is not None else 1
    return data


def term_data(obj, school):
    return versioned(obj, {"number": 5, "start_year": 2026, "kind": "congress", "delegates": [a_member(school).pk]})


def session_data(obj, school):
    from django_scopes import scopes_disabled

    if obj is not None:
        term = obj.term_id
    else:
        with scopes_disabled():
            term = make_term(school).pk
    return versioned(
        obj, {"term": term, "number": 2, "kind": "regular", "held_on": "2025-03-14", "place": "报告厅", "theme": "审议"}
    )


def proposal_data(obj, school):
    return versioned(
        obj, {"title": "关于食堂的提案", "reasons": "理由", "measures": "措施", "proposer": a_member(school).pk}
    )


def attendance_data(obj, school):
    return {"present": []}


def agenda_data(obj, school):
    return {"title": "审议绩效方案", "motion": "绩效方案修改稿", "clauses": "第一条\n第二条"}


def vote_data(obj, school):
    return {"votes_for": 3, "votes_against": 0, "abstentions": 0}


def second_data(obj, school):
    return {"member": a_member(school).pk}


def transition_data(obj, school):
    return {"state": ProposalState.OPINION, "on": datetime.date(2025, 3, 20).isoformat()}


def evaluation_data(obj, school):
    return versioned(
        obj,
        {
            "subject": "校长张明",
            "evaluated_on": "2025-06-20",
            "excellent": 40,
            "competent": 15,
            "basically_competent": 3,
            "incompetent": 2,
            "result": "称职",
        },
    )


def drive_data(obj, school):
    return versioned(obj, {"title": "金点子征集", "opens_on": "2025-04-01", "closes_on": "2025-04-30"})


def suggestion_add_data(obj, school):
    return {"new-text": "增设饮水机", "new-received_on": "2025-04-10", "new-member": a_member(school).pk}


def suggestion_update_data(obj, school):
    return {"evaluation": "可行", "adopted": "on"}


POST_DATA = {
    "congress:term_create": term_data,
    "congress:term_update": term_data,
    "congress:session_create": session_data,
    "congress:session_update": session_data,
    "congress:proposal_create": proposal_data,
    "congress:proposal_update": proposal_data,
    "congress:session_attendance": attendance_data,
    "congress:term_groups": lambda obj, school: {"group-1": "第一代表团"},
    "congress:session_agenda": agenda_data,
    "congress:motion_vote": vote_data,
    "congress:proposal_second": second_data,
    "congress:proposal_transition": transition_data,
    "congress:evaluation_create": evaluation_data,
    "congress:evaluation_update": evaluation_data,
    "congress:drive_create": drive_data,
    "congress:drive_update": drive_data,
    "congress:suggestion_add": suggestion_add_data,
    "congress:suggestion_update": suggestion_update_data,
    "congress:settings": lambda obj, school: {"min_seconders": 3},
}
