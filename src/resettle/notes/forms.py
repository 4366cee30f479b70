from django import forms
from django.utils.translation import gettext_lazy as _

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
