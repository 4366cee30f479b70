from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from resettle.core.dates import today
from resettle.core.forms import GovukDateField

from .models import MAX_NOTE_LENGTH


class CaseNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Add a note"),
        help_text=_(
            "Everyone working with the child can read it, in every agency. A note cannot be "
            "changed once it is saved: to correct one, add a new note."
        ),
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Enter the note"),
            "max_length": _("A note must be %(limit_value)s characters or fewer"),
        },
    )
    contact_on = GovukDateField(
        label=_("Did you see or speak with the child? (optional)"),
        label_for_errors=_("the date you saw or spoke with the child"),
        help_text=_(
            "If this note records contact with the child, enter the date. It counts as contact on "
            "their journey. For example, 4 3 2026"
        ),
        required=False,
    )

    def clean_contact_on(self):
        value = self.cleaned_data["contact_on"]
        if value is not None and value > today():
            raise ValidationError(_("The date you saw the child must be today or in the past"))
        return value
