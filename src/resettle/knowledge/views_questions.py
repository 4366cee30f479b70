"""Ask a question, your questions, the FAQ, and the answerers' queue and work on a question."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from resettle.access import policy
from resettle.core.dates import today
from resettle.core.errors import DomainError

from . import asking
from .forms import AnswerForm, AssignForm, ExpertForm, PublishForm, QuestionForm, RedactForm
from .models import Expert, Question
from .pages import paginate, query_string
from .rendering import render_markdown


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None


QUEUE_STATUSES = ("open", "answered", "published", "all")
QUEUE_OWNERS = ("all", "mine", "nobody")


def _question(request, question_id) -> Question:
    """The question, if the person may see it; otherwise 404 (its existence is not confirmed)."""
    question = (
        Question.objects.select_related("asked_by__organisation", "owner", "answered_by")
        .filter(public_id=question_id)
        .first()
    )
    if question is None or not asking.can_see(request.user, question):
        raise Http404("No such question")
    return question


def _answerer_question(request, question_id) -> Question:
    question = _question(request, question_id)
    policy.require(
        asking.can_answer(request.user),
        _("Only partnership leads and the experts they name answer questions."),
    )
    return question


@require_GET
def faq(request: HttpRequest) -> HttpResponse:
    questions = Question.objects.published().order_by("-published_at", "-id")
    page, page_range = paginate(request, questions)
    for question in page.object_list:
        question.answer_html = render_markdown(question.answer)
    return render(
        request,
        "knowledge/faq.html",
        {
            "page": page,
            "page_range": page_range,
            "query_string": "",
            "can_ask": policy.can_ask_question(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    if not policy.can_ask_question(request.user):
        raise PermissionDenied(_("Only practitioners ask questions here."))
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question = asking.ask_question(
                request.actor, text=form.cleaned_data["text"], confirmed=form.confirmed()
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(
                request,
                _("Your question has been sent. You will get an email when it is answered."),
            )
            return redirect("knowledge:question", question_id=question.public_id)
    return render(request, "knowledge/ask.html", {"form": form})


@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    questions = Question.objects.filter(asked_by=request.user).order_by("-created_at", "-id")
    page, page_range = paginate(request, questions)
    return render(
        request,
        "knowledge/mine.html",
        {
            "page": page,
            "page_range": page_range,
            "query_string": "",
            "can_ask": policy.can_ask_question(request.user),
        },
    )


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """Questions for the answerers: open ones oldest first, with their owner and age."""
    if not asking.can_answer(request.user):
        raise PermissionDenied(
            _("Only partnership leads and the experts they name answer questions.")
        )
    status = request.GET.get("status", "open")
    status = status if status in QUEUE_STATUSES else "open"
    owner = request.GET.get("owner", "all")
    owner = owner if owner in QUEUE_OWNERS else "all"
    questions = Question.objects.select_related("owner")
    if status != "all":
        questions = questions.filter(status=status)
    if owner == "mine":
        questions = questions.filter(owner=request.user)
    elif owner == "nobody":
        questions = questions.filter(owner__isnull=True)
    questions = (
        questions.order_by("created_at", "id")
        if status == "open"
        else questions.order_by("-created_at", "-id")
    )
    page, page_range = paginate(request, questions)
    return render(
        request,
        "knowledge/queue.html",
        {
            "page": page,
            "page_range": page_range,
            "query_string": query_string(request),
            "status": status,
            "owner": owner,
            "today": today(),
            "can_name_experts": policy.can_name_experts(request.user),
        },
    )


@require_GET
def question(request: HttpRequest, question_id) -> HttpResponse:
    found = _question(request, question_id)
    is_asker = found.asked_by_id == request.user.pk
    new_answer = is_asker and found.has_new_answer
    if new_answer:
        asking.see_answer(request.actor, found)
    can_answer = asking.can_answer(request.user)
    return render(
        request,
        "knowledge/question.html",
        {
            "question": found,
            "answer_html": render_markdown(found.answer) if found.answer else "",
            "is_asker": is_asker,
            "new_answer": new_answer,
            "can_answer": can_answer,
            "assign_form": AssignForm(
                initial={"owner": found.owner.public_id if found.owner else None},
                answerers=asking.answerers(),
            )
            if can_answer
            else None,
            "today": today(),
        },
    )


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, question_id) -> HttpResponse:
    found = _answerer_question(request, question_id)
    form = AnswerForm(request.POST or None, initial={"answer": found.answer})
    if request.method == "POST" and form.is_valid():
        try:
            asking.answer_question(request.actor, found, answer=form.cleaned_data["answer"])
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Your answer has been saved and the asker has been told"))
            return redirect("knowledge:question", question_id=found.public_id)
    return render(request, "knowledge/answer.html", {"form": form, "question": found})


@require_http_methods(["GET", "POST"])
def redact(request: HttpRequest, question_id) -> HttpResponse:
    found = _answerer_question(request, question_id)
    form = RedactForm(request.POST or None, initial={"text": found.text})
    if request.method == "POST" and form.is_valid():
        try:
            asking.redact_question(request.actor, found, text=form.cleaned_data["text"])
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The question has been redacted"))
            return redirect("knowledge:question", question_id=found.public_id)
    return render(request, "knowledge/redact.html", {"form": form, "question": found})


@require_POST
def assign(request: HttpRequest, question_id) -> HttpResponse:
    found = _answerer_question(request, question_id)
    form = AssignForm(request.POST, answerers=asking.answerers())
    if form.is_valid():
        try:
            asking.assign_question(request.actor, found, owner=form.cleaned_data["owner"])
        except DomainError:
            pass  # the choice was not offered: nothing changes
        else:
            messages.success(request, _("The owner has been changed"))
    return redirect("knowledge:question", question_id=found.public_id)


@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, question_id) -> HttpResponse:
    found = _answerer_question(request, question_id)
    if found.status == Question.Status.OPEN:
        raise Http404("Answer the question before publishing it")
    form = PublishForm(request.POST or None, initial={"faq_question": found.faq_wording})
    if request.method == "POST" and form.is_valid():
        try:
            asking.publish_question(
                request.actor, found, faq_question=form.cleaned_data["faq_question"]
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The question and its answer are in the FAQ"))
            return redirect("knowledge:question", question_id=found.public_id)
    return render(
        request,
        "knowledge/publish.html",
        {"form": form, "question": found, "answer_html": render_markdown(found.answer)},
    )


@require_http_methods(["GET", "POST"])
def experts(request: HttpRequest) -> HttpResponse:
    if not policy.can_name_experts(request.user):
        raise PermissionDenied(_("Only partnership leads name experts."))
    form = ExpertForm(request.POST if "email" in request.POST else None)
    if request.method == "POST" and "remove" in request.POST:
        expert = Expert.objects.filter(user__public_id=_uuid(request.POST["remove"])).first()
        if expert is not None:
            asking.remove_expert(request.actor, expert)
            messages.success(request, _("%(name)s is no longer an expert") % {"name": expert.user})
        return redirect("knowledge:experts")
    if request.method == "POST" and form.is_valid():
        try:
            named = asking.name_expert(request.actor, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("%(name)s can now answer questions") % {"name": named.user})
            return redirect("knowledge:experts")
    return render(
        request,
        "knowledge/experts.html",
        {
            "form": form,
            "experts": Expert.objects.select_related("user__organisation").order_by(
                "user__full_name"
            ),
        },
    )
