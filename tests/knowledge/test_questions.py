"""Ask a question: practitioners ask, the partnership answers and publishes, the asker is told."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.core.errors import DomainError
from resettle.knowledge import asking
from resettle.knowledge.identifying import identifying_flags
from resettle.knowledge.models import Expert, Question

from .conftest import actor

pytestmark = pytest.mark.django_db

ASK = reverse("knowledge:ask")


def page(name, question):
    return reverse(f"knowledge:{name}", args=[question.public_id])


# ---- Asking and the warning about identifying details -------------------------------------------


def test_a_case_worker_asks_a_question_that_only_she_and_the_answerers_see(
    client_for, amara, priya, ben, dev
):
    response = client_for(amara).post(ASK, {"text": "How do I explain plans B to a child?"})
    question = Question.objects.get()
    assert response.status_code == 302 and response.url == page("question", question)
    assert question.asked_by == amara and question.status == "open" and question.flags == []
    event = AuditEvent.objects.get(action="guidance.question_asked")
    assert event.detail["question"] == str(question.public_id)
    assert "plans B" not in str(event.detail)  # the words are never in the trail
    for person, status in ((amara, 200), (dev, 200), (priya, 404), (ben, 404)):
        assert client_for(person).get(page("question", question)).status_code == status


def test_an_empty_or_too_long_question_is_refused_and_kept(client_for, amara):
    response = client_for(amara).post(ASK, {"text": "   "})
    assert "Enter your question" in response.content.decode()
    long = "Why? " * 500
    response = client_for(amara).post(ASK, {"text": long})
    assert "characters or fewer" in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("What should I do now Jay has missed two appointments?", "name"),
        ("Testperson has been moved again, who leads?", "name"),
        ("The child (born 12/03/2009) was remanded, what next?", "date"),
        ("A child born on 4 March 2010 is being released", "date"),
        ("How do I plan for CAM-12345 on release?", "reference"),
    ],
)
def test_a_question_that_may_identify_a_child_is_flagged(amara, camden_child, text, flag):
    assert flag in identifying_flags(text, amara)


def test_a_name_is_flagged_only_for_a_child_the_asker_may_see(amara, ben, camden_child):
    text = "What should I do now Jay has missed two appointments?"
    assert identifying_flags(text, amara) == ["name"]
    assert identifying_flags(text, ben) == []  # Ben cannot see Jay: nothing to match, nothing told
    assert identifying_flags("How do I ask the four questions?", amara) == []


def test_the_asker_is_warned_and_may_confirm_then_a_reviewer_sees_the_flag(
    client_for, amara, dev, camden_child
):
    client = client_for(amara)
    text = "Jay keeps missing appointments. What should the plan say?"
    response = client.post(ASK, {"text": text})
    html = response.content.decode()
    assert response.status_code == 200 and not Question.objects.exists()
    assert "may identify a child" in html and "the name of a child you work with" in html
    assert 'href="#id_confirm"' in html and text in html  # kept, with the box to confirm
    response = client.post(ASK, {"text": text, "confirm": "yes"})
    question = Question.objects.get()
    assert question.flags == ["name"]
    reviewer = client_for(dev).get(page("question", question)).content.decode()
    assert "This question may identify a child" in reviewer and "Redact it" in reviewer


def test_a_reviewer_redacts_and_the_words_are_not_kept(client_for, amara, dev, ask):
    question = ask(amara, "Jay is on remand, what now?", flags=["name"])
    response = client_for(dev).post(
        page("redact", question), {"text": "A child is on remand, what now?"}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "A child is on remand, what now?" and question.flags == []
    assert question.redacted_by == dev and question.redacted_at is not None
    assert not hasattr(question, "history")  # no version history keeps the old words
    assert AuditEvent.objects.filter(action="guidance.question_redacted").exists()


def test_a_redaction_that_still_has_a_date_of_birth_is_refused(dev, amara, ask):
    question = ask(amara, "Born 01/02/2009, on remand")
    with pytest.raises(DomainError):
        asking.redact_question(actor(dev), question, text="Born 01/02/2009, remanded")


def test_partnership_leads_and_administrators_do_not_ask(dev, alex):
    for person in (dev, alex):
        with pytest.raises(PermissionDenied):
            asking.ask_question(actor(person), text="Can I ask?")


def test_a_partner_practitioner_asks_too(client_for, sam):
    assert client_for(sam).post(ASK, {"text": "What is a plan B?"}).status_code == 302


# ---- Answering, telling the asker, publishing ---------------------------------------------------


def test_the_lead_answers_and_the_asker_is_told_by_email_and_on_the_site(
    client_for, amara, dev, ask, django_capture_on_commit_callbacks
):
    question = ask(amara)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(dev).post(
            page("answer", question), {"answer": "Within **10 working days**."}
        )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "answered" and question.answered_by == dev
    assert question.owner == dev  # whoever answers an unowned question owns it
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [amara.email] and "answered" in email.subject
    assert str(question.public_id) in email.body and "remand" not in email.body
    client = client_for(amara)
    yours = client.get(reverse("knowledge:your-questions")).content.decode()
    assert "New answer" in yours
    index = client.get(reverse("knowledge:index")).content.decode()
    assert "One of your questions has a new answer" in index
    html = client.get(page("question", question)).content.decode()
    assert "<strong>10 working days</strong>" in html and "New answer" in html
    question.refresh_from_db()
    assert question.answer_seen_at is not None
    assert "New answer" not in client.get(reverse("knowledge:your-questions")).content.decode()


def test_the_asker_cannot_answer_their_own_question(client_for, amara, ask):
    question = ask(amara)
    assert client_for(amara).post(page("answer", question), {"answer": "x"}).status_code == 403
    question.refresh_from_db()
    assert question.answer == ""


def test_a_published_question_is_read_by_everyone_without_the_askers_name(
    client_for, amara, ben, chloe, dev, ask
):
    question = ask(amara, "How soon after remand should the first meeting be?")
    asking.answer_question(actor(dev), question, answer="Within 10 working days.")
    response = client_for(dev).post(
        page("publish", question),
        {"faq_question": "How soon after remand is the first planning meeting?"},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "published" and question.published_at is not None
    for reader in (ben, chloe):
        client = client_for(reader)
        html = client.get(page("question", question)).content.decode()
        assert "How soon after remand is the first planning meeting?" in html
        assert "Amara" not in html and "Within 10 working days." in html
        faq = client.get(reverse("knowledge:faq")).content.decode()
        assert "first planning meeting" in faq and "Amara" not in faq


def test_an_open_question_cannot_be_published(client_for, dev, amara, ask):
    question = ask(amara)
    assert client_for(dev).get(page("publish", question)).status_code == 404
    with pytest.raises(DomainError):
        asking.publish_question(actor(dev), question, faq_question="x")


def test_faq_wording_with_a_reference_is_refused(client_for, dev, amara, ask):
    question = ask(amara)
    asking.answer_question(actor(dev), question, answer="Yes.")
    response = client_for(dev).post(
        page("publish", question), {"faq_question": "What about CAM-12345?"}
    )
    assert response.status_code == 200 and "may identify a child" in response.content.decode()
    question.refresh_from_db()
    assert question.status == "answered"


def test_the_lead_gives_a_question_an_owner_from_the_answerers(client_for, dev, amara, priya, ask):
    question = ask(amara)
    client = client_for(dev)
    client.post(page("assign", question), {"owner": str(dev.public_id)})
    question.refresh_from_db()
    assert question.owner == dev
    client.post(page("assign", question), {"owner": str(priya.public_id)})  # not an answerer
    question.refresh_from_db()
    assert question.owner == dev
    client.post(page("assign", question), {"owner": ""})
    question.refresh_from_db()
    assert question.owner is None


def test_a_named_expert_answers_questions_until_removed(client_for, dev, priya, amara, ask):
    question = ask(amara)
    client = client_for(dev)
    response = client.post(reverse("knowledge:experts"), {"email": priya.email, "topics": "Remand"})
    assert response.status_code == 302
    assert Expert.objects.get().user == priya
    expert = client_for(priya)
    assert expert.get(reverse("knowledge:queue")).status_code == 200
    assert expert.post(page("answer", question), {"answer": "Ask early."}).status_code == 302
    client.post(reverse("knowledge:experts"), {"remove": str(priya.public_id)})
    assert not Expert.objects.exists()
    assert expert.get(reverse("knowledge:queue")).status_code == 403
    # A bad value to remove changes nothing and does not fail.
    assert client.post(reverse("knowledge:experts"), {"remove": "not-an-id"}).status_code == 302


def test_only_practitioners_can_be_named_experts(client_for, dev, alex):
    response = client_for(dev).post(reverse("knowledge:experts"), {"email": alex.email})
    assert "There is no practitioner with that email address" in response.content.decode()
    assert not Expert.objects.exists()


def test_the_queue_shows_open_questions_oldest_first_with_owner_and_age(
    client_for, dev, amara, ben, ask
):
    first = ask(amara, "First?")
    second = ask(ben, "Second?", owner=dev)
    Question.objects.filter(pk=first.pk).update(created_at=first.created_at.replace(year=2020))
    response = client_for(dev).get(reverse("knowledge:queue"))
    rows = list(response.context["page"].object_list)
    assert rows == [Question.objects.get(pk=first.pk), second]
    html = response.content.decode()
    assert "No one yet" in html and "Dev Patel" in html and "days" in html
    mine = client_for(dev).get(reverse("knowledge:queue"), {"owner": "mine"})
    assert list(mine.context["page"].object_list) == [second]
    nobody = client_for(dev).get(reverse("knowledge:queue"), {"owner": "nobody", "status": "x"})
    assert list(nobody.context["page"].object_list) == [Question.objects.get(pk=first.pk)]
