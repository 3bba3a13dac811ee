"""Client records, caseloads and family links.

What other domains use: ``record_of``, ``records_of`` and ``records_in`` (a team's or a
coach's clients, without their mentors; ``InScope`` and ``among``, the same clients as a
condition of a read above) (a client's record as a typed
``ClientRow``: the client, coach, team, stage), ``visible_record`` and ``audit_read`` (the
prologue of every handler about one client: the record or 404, then the audit entry for a read
by staff), ``caseload`` (and a page of it: ``caseload_request``, ``caseload_page``),
``set_stage`` and ``set_stage_dues`` (the client's journey keeps the current stage, since when
and until when, on the record for the caseload's one query; ``StageChosen`` tells it that the
stage was chosen through the record itself), ``create_record``, ``link_family`` and ``update``
(the command line's demo organisation);
``start_mentoring``, ``end_mentoring`` and ``mentored_by`` (mentors: opened and closed by the
agreement between a client and a mentor);
``open_record_of_enrolled`` and ``follow_coach_to_team``, listeners of the accounts domain's
events, and ``CASELOAD``, its answers to the accounts domain's caseload questions (``app.py``
wires them); ``router``. Who may see or change a record: ``backend.clients.access``.
"""

from backend.clients.caseloads import caseload, caseload_page, caseload_request
from backend.clients.controllers import router
from backend.clients.events import StageChosen
from backend.clients.reading import InScope, among, record_of, records_in, records_of
from backend.clients.record import ClientRow
from backend.clients.services import (
    CASELOAD,
    NO_CLIENT,
    audit_read,
    create_record,
    detail,
    end_mentoring,
    follow_coach_to_team,
    link_family,
    mentored_by,
    open_record_of_enrolled,
    set_stage,
    set_stage_dues,
    start_mentoring,
    update,
    visible_record,
)

__all__ = [
    "CASELOAD",
    "NO_CLIENT",
    "ClientRow",
    "InScope",
    "StageChosen",
    "among",
    "audit_read",
    "caseload",
    "caseload_page",
    "caseload_request",
    "create_record",
    "detail",
    "end_mentoring",
    "follow_coach_to_team",
    "link_family",
    "mentored_by",
    "open_record_of_enrolled",
    "record_of",
    "records_in",
    "records_of",
    "router",
    "set_stage",
    "set_stage_dues",
    "start_mentoring",
    "update",
    "visible_record",
]
