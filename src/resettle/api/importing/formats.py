"""The documented CSV formats (docs/import.md): columns, code lists and how values are read."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _

from resettle.children.models import CareStatus, Ethnicity, Gender, LegalStatus, SentenceType

CHILD_COLUMNS = (
    "source_system",
    "source_id",
    "preferred_name",
    "legal_name",
    "date_of_birth",
    "service_code",
    "care_status",
    "gender",
    "ethnicity",
    "first_language",
    "local_reference",
)
CHILD_REQUIRED = CHILD_COLUMNS[:9]
# Columns a file may leave out; when it does, Resettle keeps what it has.
CHILD_OPTIONAL = CHILD_COLUMNS[9:]
CHILD_LENGTHS = {
    "preferred_name": 100,
    "legal_name": 200,
    "first_language": 100,
    "local_reference": 50,
}

LEGAL_COLUMNS = (
    "source_system",
    "source_id",
    "status_code",
    "start_date",
    "end_date",
    "establishment_code",
    "expected_release_date",
)
LEGAL_REQUIRED = ("source_id", "status_code", "start_date")

MAX_SOURCE_ID = 100

# Case management systems' legal outcomes, and the Resettle legal status (and sentence) each
# becomes. Out-of-court disposals and referral orders are supervised in the community, so they
# are Resettle's "community order", as a youth rehabilitation order is.
STATUS_CODES: dict[str, tuple[str, str, str]] = {
    "CUSTODY_LIKELY": (LegalStatus.CUSTODY_LIKELY, SentenceType.NONE, "Custody likely"),
    "REMAND_YDA": (LegalStatus.REMAND_YDA, SentenceType.NONE, "Remand to youth detention"),
    "REMAND_LA": (LegalStatus.REMAND_LA, SentenceType.NONE, "Remand to local authority"),
    "DTO": (LegalStatus.SENTENCED_CUSTODY, SentenceType.DTO, "Detention and training order"),
    "S250": (LegalStatus.SENTENCED_CUSTODY, SentenceType.S250, "Section 250 detention"),
    "S259": (LegalStatus.SENTENCED_CUSTODY, SentenceType.S259, "Section 259 detention"),
    "LICENCE": (LegalStatus.RELEASED_LICENCE, SentenceType.NONE, "Released on licence"),
    "NOTICE_OF_SUPERVISION": (LegalStatus.RELEASED_NOTICE, SentenceType.NONE, "Notice"),
    "RECALL": (LegalStatus.RECALL, SentenceType.NONE, "Recalled to custody"),
    "YRO": (LegalStatus.COMMUNITY_ORDER, SentenceType.NONE, "Youth rehabilitation order"),
    "REFERRAL_ORDER": (LegalStatus.COMMUNITY_ORDER, SentenceType.NONE, "Referral order"),
    "OOCD": (LegalStatus.COMMUNITY_ORDER, SentenceType.NONE, "Out-of-court disposal"),
    "ORDER_ENDED": (LegalStatus.ORDER_ENDED, SentenceType.NONE, "Order ended"),
}

CODE_LISTS = {
    "care_status": CareStatus.values,
    "gender": Gender.values,
    "ethnicity": Ethnicity.values,
}


class BadValue(ValueError):
    """A value in a row that cannot be read; its message says why, for the person."""


def read_date(text: str, column: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    raise BadValue(
        _("%(column)s '%(value)s' is not a date: write it as 2026-03-04 or 04/03/2026")
        % {"column": column, "value": text[:20]}
    )


def read_code(text: str, column: str) -> str:
    code = text.strip().lower()
    if code not in CODE_LISTS[column]:
        raise BadValue(
            _("%(column)s '%(value)s' is not one of the codes in docs/import.md")
            % {"column": column, "value": text.strip()[:40]}
        )
    return code


def read_status(text: str) -> tuple[str, str]:
    code = text.strip().upper()
    if code not in STATUS_CODES:
        raise BadValue(
            _("status_code '%(value)s' is not one of the codes in docs/import.md")
            % {"value": text.strip()[:40]}
        )
    status, sentence, _label = STATUS_CODES[code]
    return str(status), str(sentence)
