"""The one error a business operation raises when one of its rules is broken.

Every service function (`verb(actor, child, **values)`) checks two things and reports them in two
ways:

* **not allowed**: the access policy refuses the person. That is `PermissionDenied`, raised by
  `resettle.access.policy.require`, which Django turns into a 403 page.
* **not valid**: the values break one of the domain's rules. That is `DomainError`, carrying a
  message for each form field it is about (or `None` for the form as a whole). A view shows it as
  a GOV.UK error summary with `error.add_to(form)`; an API turns it into a 400 response.

Nothing is saved when either is raised: services run in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class DomainError(Exception):
    """A rule was broken. `errors` maps a form field (or None) to a message for the person."""

    def __init__(self, errors: Mapping[str | None, Any] | str, *, field: str | None = None):
        if not isinstance(errors, Mapping):
            errors = {field: errors}
        self.errors: dict[str | None, str] = {
            key: str(_first(value)) for key, value in errors.items()
        }
        super().__init__("; ".join(self.errors.values()))

    @classmethod
    def raise_if(cls, errors: Mapping[str | None, Any]) -> None:
        """Raise with `errors` if there are any."""
        if errors:
            raise cls(errors)

    def prefixed(self, prefix: str) -> DomainError:
        """The same messages, for a form whose fields carry `prefix` (a nested operation)."""
        return DomainError({f"{prefix}{k}" if k else None: v for k, v in self.errors.items()})

    def renamed(self, names: Mapping[str, str]) -> DomainError:
        """The same messages, with some fields renamed for the form that shows them."""
        return DomainError({names.get(k, k) if k else None: v for k, v in self.errors.items()})

    def add_to(self, form) -> None:
        """Show the messages on the form, beside the fields they are about (or at the top)."""
        for field, message in self.errors.items():
            form.add_error(field if field in form.fields else None, message)

    @property
    def message_dict(self) -> dict[str, list[str]]:
        """As Django's ValidationError gives them: {"field" or "__all__": [messages]}."""
        return {(k or "__all__"): [v] for k, v in self.errors.items()}


def _first(value: Any) -> Any:
    """A single message from a message or a list of them (as ValidationError keeps them)."""
    if isinstance(value, list | tuple):
        return value[0] if value else ""
    return value
