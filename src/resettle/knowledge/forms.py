"""Forms for the knowledge hub. They check types and lengths; the rules are in the services."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from resettle.core.forms import (
    GovukDateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    StaleCheck,
)

from .models import (
    MAX_ANSWER,
    MAX_BODY,
    MAX_EVIDENCE,
    MAX_FAQ_QUESTION,
    MAX_NOTE_BODY,
    MAX_QUESTION,
    MAX_SUMMARY,
    MAX_TITLE,
    Tag,
    TagKind,
    TrainingModule,
)

YES, NO = "yes", "no"
TOO_LONG = _("This must be %(limit_value)s characters or fewer")


def _text(label, limit, *, rows=0, required=True, help_text="", empty=None):
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
        error_messages={
            "required": empty or _("Enter %(label)s") % {"label": label},
            "max_length": TOO_LONG,
        },
    )


class TagChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Tag) -> str:
        return obj.name


def _tags(kind: str, label) -> TagChoiceField:
    return TagChoiceField(
        label=label,
        queryset=Tag.objects.filter(kind=kind),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select tags from the list")},
    )


class ArticleForm(StaleCheck):
    title = _text(_("Title"), MAX_TITLE, empty=_("Enter a title"))
    slug = forms.CharField(
        label=_("Address"),
        help_text=_("The end of the page's address, for example asking-the-four-questions"),
        max_length=100,
        validators=[
            RegexValidator(
                r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                _("The address must be lower-case letters, numbers and single hyphens"),
            )
        ],
        error_messages={"required": _("Enter the address of the article"), "max_length": TOO_LONG},
    )
    summary = _text(
        _("Summary"),
        MAX_SUMMARY,
        rows=2,
        help_text=_("One or two sentences, shown in lists and search results"),
        empty=_("Enter a summary"),
    )
    body = _text(
        _("Article"),
        MAX_BODY,
        rows=20,
        help_text=_(
            "Written in Markdown: ## for a heading, - for a bullet, **bold**, [words](address) "
            "for a link. HTML is shown as text."
        ),
        empty=_("Write the article"),
    )
    framework_tags = _tags(TagKind.FRAMEWORK, _("Parts of the framework"))
    stage_tags = _tags(TagKind.STAGE, _("Stages"))
    pathway_tags = _tags(TagKind.PATHWAY, _("Pathways"))

    @staticmethod
    def initial_from(article) -> dict:
        tags = list(article.tags.all())
        return {
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "body": article.body,
            **{
                f"{kind}_tags": [t.pk for t in tags if t.kind == kind]
                for kind in ("framework", "stage", "pathway")
            },
        }

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "slug": data["slug"],
            "summary": data["summary"],
            "body": data["body"],
            "tags": [
                *data["framework_tags"],
                *data["stage_tags"],
                *data["pathway_tags"],
            ],
        }


class FilterForm(forms.Form):
    """The search box and tag filters of the guidance list. Nothing here is personal."""

    q = forms.CharField(
        label=_("Search guidance and answered questions"), required=False, max_length=200
    )
    framework = forms.ChoiceField(label=_("Part of the framework"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    pathway = forms.ChoiceField(label=_("Pathway"), required=False)

    def __init__(self, *args, tags: list[Tag], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in ("framework", "stage", "pathway"):
            self.fields[kind].choices = [
                ("", _("All")),
                *[(t.slug, t.name) for t in tags if t.kind == kind],
            ]


class QuestionForm(forms.Form):
    text = _text(
        _("Your question"),
        MAX_QUESTION,
        rows=6,
        help_text=_(
            "Do not include anything that could identify a child: no names, dates of birth or "
            "reference numbers. Describe the situation in general terms."
        ),
        empty=_("Enter your question"),
    )
    confirm = forms.MultipleChoiceField(
        label=_("Check your question"),
        choices=[(YES, _("My question does not identify a child"))],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def confirmed(self) -> bool:
        return YES in (self.cleaned_data.get("confirm") or [])


class RedactForm(StaleCheck):
    text = _text(
        _("Question without identifying details"),
        MAX_QUESTION,
        rows=6,
        help_text=_(
            "Take out names, dates of birth, references and anything else that could identify "
            "a child. The words you remove are not kept."
        ),
        empty=_("Enter the question"),
    )


class AnswerForm(StaleCheck):
    answer = _text(
        _("Answer"),
        MAX_ANSWER,
        rows=10,
        help_text=_("Written in Markdown, like guidance articles"),
        empty=_("Write the answer"),
    )


class OwnerChoiceField(ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name}, {obj.organisation.name}"


class AssignForm(forms.Form):
    owner = OwnerChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("No one yet"),
        to_field_name="public_id",
        error_messages={"invalid_choice": _("Choose a partnership lead or a named expert")},
    )

    def __init__(self, *args, answerers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = answerers


class PublishForm(StaleCheck):
    faq_question = _text(
        _("The question as it will appear in the FAQ"),
        MAX_FAQ_QUESTION,
        rows=3,
        help_text=_(
            "The asker's name is never shown. Reword the question so that it helps others."
        ),
        empty=_("Enter the question"),
    )


class ExpertForm(forms.Form):
    email = forms.EmailField(
        label=_("Practitioner's email address"),
        max_length=254,
        error_messages={
            "required": _("Enter the practitioner's email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    topics = _text(_("What they know about (optional)"), 200, required=False)


class ModuleForm(StaleCheck):
    name = _text(_("Name"), 200, empty=_("Enter the name of the module"))
    provider = _text(_("Provider"), 200, empty=_("Enter who provides it"))
    covers = _text(_("What it covers"), 2000, rows=4, empty=_("Say what it covers"))
    valid_for_months = forms.IntegerField(
        label=_("How many months it is valid for (optional)"),
        help_text=_("Leave empty if it does not need renewing"),
        required=False,
        min_value=1,
        max_value=120,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter a whole number of months"),
            "min_value": _("Enter a number of months from 1 to 120, or leave it empty"),
            "max_value": _("Enter a number of months from 1 to 120, or leave it empty"),
        },
    )
    is_active = forms.ChoiceField(
        label=_("Is it offered now?"),
        choices=[(YES, _("Yes")), (NO, _("No, it is retired"))],
        widget=forms.RadioSelect,
        initial=YES,
        error_messages={"required": _("Select whether the module is offered now")},
    )

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "provider": data["provider"],
            "covers": data["covers"],
            "valid_for_months": data["valid_for_months"],
            "is_active": data["is_active"] == YES,
        }


class ModuleChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: TrainingModule) -> str:
        return f"{obj.name} ({obj.provider})"


class CompletionForm(forms.Form):
    module = ModuleChoiceField(
        label=_("Which training did you complete?"),
        queryset=TrainingModule.objects.filter(is_active=True),
        to_field_name="public_id",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Select the training you completed"),
            "invalid_choice": _("Select the training you completed"),
        },
    )
    completed_on = GovukDateField(
        label=_("When did you complete it?"),
        label_for_errors=_("the date you completed it"),
        help_text=_("For example, 4 3 2026"),
    )
    evidence = _text(
        _("Evidence (optional)"),
        MAX_EVIDENCE,
        rows=3,
        required=False,
        help_text=_("For example, where your certificate is kept"),
    )


class ReleaseNoteForm(forms.Form):
    title = _text(_("Title"), 150, empty=_("Enter a title"))
    body = _text(
        _("What changed"),
        MAX_NOTE_BODY,
        rows=8,
        help_text=_("Written in Markdown. Say what changed and what people should do differently."),
        empty=_("Say what changed"),
    )
