"""One fact, recorded once: every contradiction found in the record (issue 10) is gone, because
touchpoints, release readiness, the 5Cs and the child's own plan read the same records."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from resettle.access.models import Share
from resettle.audit.actors import WEB, Actor
from resettle.audit.models import AuditEvent
from resettle.children import services as children
from resettle.core.dates import today
from resettle.journey.models import Touchpoint, TouchpointStatus
from resettle.journey.services import record_meeting
from resettle.network.models import Influence, Person, PlaceOrActivity, Safety
from resettle.notes.services import add_note
from resettle.plans import services as plans
from resettle.plans.models import ActionKind, Pathway
from resettle.quality.queries import five_cs
from resettle.release.services import save_release_plan
from resettle.voice.services import record_voice

from .conftest import date_fields

pytestmark = pytest.mark.django_db


def actor(user):
    return Actor(user, via=WEB)


def status(user, child, code, starts_on, **values):
    return children.record_legal_status(
        actor(user), child, status=code, starts_on=starts_on, **values
    )


def touchpoint(child, name):
    return Touchpoint.across_children.filter(child=child, name=name).latest("id")


def indicator(check, key):
    return next(i for c in check.cs for i in c.indicators if i.key == key)


def fetched(child):
    return type(child).objects.select_related("lead_practitioner").get(pk=child.pk)


# ---- Touchpoints are met by what meets them ------------------------------------------------------


def test_custody_likely_touchpoints_done_on_the_day_of_remand_are_met_not_no_longer_needed(
    amara, camden_child, feltham
):
    day = today()
    status(amara, camden_child, "custody_likely", day)
    record_voice(
        actor(amara),
        camden_child,
        recorded_on=day,
        conversation="custody_visit",
        words_are="verbatim",
        who_are_you="A big brother",
    )
    plans.add_action(
        actor(amara),
        camden_child,
        pathway=Pathway.objects.get(slug="ete"),
        kind=ActionKind.STRUCTURAL,
        description="Find a college place",
        owner_person=amara,
    )
    status(amara, camden_child, "remand_yda", day, establishment=feltham)
    for name in ("Four key questions asked", "Early resettlement plan"):
        met = touchpoint(camden_child, name)
        assert met.status == TouchpointStatus.DONE, name
        assert met.completed_on == day
    family = touchpoint(camden_child, "Family contacted")  # not met, and its stage has passed
    assert family.status == TouchpointStatus.NOT_NEEDED


def test_accommodation_confirmed_on_the_checklist_meets_the_touchpoint(
    amara, camden_child, feltham
):
    status(
        amara,
        camden_child,
        "sentenced_custody",
        today() - timedelta(days=30),
        establishment=feltham,
        sentence_type="dto",
        expected_release_on=today() + timedelta(days=40),
    )
    assert touchpoint(camden_child, "Accommodation confirmed").status == TouchpointStatus.DUE
    save_release_plan(actor(amara), camden_child, accommodation_confirmed_on=today())
    met = touchpoint(camden_child, "Accommodation confirmed")
    assert (met.status, met.completed_on, met.met_by_kind) == (
        TouchpointStatus.DONE,
        today(),
        "accommodation",
    )
    save_release_plan(actor(amara), camden_child, accommodation_confirmed_on=None)
    assert touchpoint(camden_child, "Accommodation confirmed").status == TouchpointStatus.DUE


def test_no_review_falls_due_after_the_release_date(amara, camden_child, feltham):
    status(
        amara,
        camden_child,
        "sentenced_custody",
        today(),
        establishment=feltham,
        sentence_type="dto",
        expected_release_on=today() + timedelta(days=40),
    )
    names = set(
        Touchpoint.across_children.filter(child=camden_child).values_list("name", flat=True)
    )
    assert "Review meeting" not in names  # 65 working days on is after release
    assert "Release preparation meeting" in names


# ---- Release readiness, the plan and the 5Cs agree ------------------------------------------


def _accommodation_with_plan_b(amara, child, told_on=None):
    action = plans.add_action(
        actor(amara),
        child,
        pathway=Pathway.objects.get(slug="accommodation"),
        kind=ActionKind.STRUCTURAL,
        description="Confirm the flat",
        owner_person=amara,
    )
    plans.record_contingency(
        actor(amara), child, action, plan_b="Supported lodgings", child_told_on=told_on
    )
    return action


def test_plans_b_told_on_the_checklist_is_what_the_plan_says(
    client_for, amara, camden_child, feltham
):
    status(
        amara,
        camden_child,
        "sentenced_custody",
        today() - timedelta(days=30),
        establishment=feltham,
        sentence_type="dto",
        expected_release_on=today() + timedelta(days=40),
    )
    action = _accommodation_with_plan_b(amara, camden_child)
    page = client_for(amara).get(reverse("release:checklist", args=[camden_child.public_id]))
    items = {i.key: i.done for i in page.context["readiness"].items}
    assert items["contingencies"] is False  # the plan says "Child not told yet": so does this
    assert "has not been told to the child yet" in page.content.decode()
    plans.record_contingency(
        actor(amara), camden_child, action, plan_b="Supported lodgings", child_told_on=today()
    )
    page = client_for(amara).get(reverse("release:checklist", args=[camden_child.public_id]))
    assert {i.key: i.done for i in page.context["readiness"].items}["contingencies"] is True
    check = five_cs(fetched(camden_child), amara)
    assert indicator(check, "plans-b").status == "met"


def test_the_plan_b_prompt_goes_to_the_structural_arrangement_not_a_mentor(amara, camden_child):
    ete = Pathway.objects.get(slug="ete")
    plans.add_action(
        actor(amara),
        camden_child,
        pathway=ete,
        kind=ActionKind.PERSONAL,
        description="Mentor visits",
        owner_person=amara,
    )
    college = plans.add_action(
        actor(amara),
        camden_child,
        pathway=ete,
        kind=ActionKind.STRUCTURAL,
        description="College place",
        owner_person=amara,
    )
    found = indicator(five_cs(fetched(camden_child), amara), "plans-b")
    assert str(college.public_id) in found.fix_url
    assert "College place" in found.reason


def test_contact_includes_a_conversation_recorded_on_the_voice_page(amara, camden_child, feltham):
    status(amara, camden_child, "remand_yda", today() - timedelta(days=5), establishment=feltham)
    record_voice(
        actor(amara),
        camden_child,
        recorded_on=today(),
        conversation="custody_visit",
        words_are="verbatim",
        who_are_you="Me",
    )
    check = five_cs(fetched(camden_child), amara)
    gaps = indicator(check, "contact-gaps")
    assert gaps.status == "met"
    assert "No contact recorded" not in gaps.reason
    assert indicator(check, "own-words-recent").status == "met"  # the same panel agrees


def test_a_case_note_that_says_the_child_was_seen_is_contact(amara, camden_child, feltham):
    status(amara, camden_child, "remand_yda", today() - timedelta(days=5), establishment=feltham)
    add_note(actor(amara), camden_child, text="Saw Jay at Feltham", contact_on=today())
    assert indicator(five_cs(fetched(camden_child), amara), "contact-gaps").status == "met"


def test_three_conversations_on_one_day_are_three_times_asked(amara, camden_child):
    for answer in ("One", "Two", "Three"):
        record_voice(
            actor(amara),
            camden_child,
            conversation="call",
            words_are="verbatim",
            who_are_you=answer,
        )
    found = indicator(five_cs(fetched(camden_child), amara), "questions-revisited")
    assert found.status == "met" and "3 conversations" in found.reason


def test_release_ready_needs_the_checklist_not_just_actions(amara, camden_child, feltham):
    status(
        amara,
        camden_child,
        "sentenced_custody",
        today() - timedelta(days=30),
        establishment=feltham,
        sentence_type="dto",
        expected_release_on=today() + timedelta(days=40),
    )
    for slug in ("accommodation", "ete"):
        plans.add_action(
            actor(amara),
            camden_child,
            pathway=Pathway.objects.get(slug=slug),
            kind=ActionKind.STRUCTURAL,
            description=slug,
            owner_person=amara,
        )
    save_release_plan(actor(amara), camden_child, accommodation_confirmed_on=today())
    found = indicator(five_cs(fetched(camden_child), amara), "release-ready")
    assert found.status != "met"
    assert "Education, training or employment is not arranged yet." in found.reason


# ---- The child's words, typed once ----------------------------------------------------------


def test_the_plans_vision_follows_the_childs_words(client_for, amara, camden_child):
    plans.get_or_start_plan(camden_child, by=amara)
    record_voice(
        actor(amara),
        camden_child,
        conversation="call",
        words_are="verbatim",
        who_do_you_want_to_be="A chef",
    )
    plan = plans.get_or_start_plan(camden_child)
    plan.refresh_from_db()
    assert (plan.vision, plan.vision_said_on) == ("A chef", today())
    record_voice(
        actor(amara),
        camden_child,
        conversation="call",
        words_are="verbatim",
        who_do_you_want_to_be="A chef with my own kitchen",
    )
    plan.refresh_from_db()
    assert plan.vision == "A chef with my own kitchen"
    page = client_for(amara).get(reverse("childview:my-plan", args=[camden_child.public_id]))
    assert page.content.decode().count("A chef with my own kitchen") == 1  # shown once


def test_words_typed_in_the_plan_keep_their_date_and_are_not_overwritten(amara, camden_child):
    said = today() - timedelta(days=3)
    plans.set_vision(actor(amara), camden_child, vision="Work with cars", vision_said_on=said)
    record_voice(
        actor(amara),
        camden_child,
        conversation="call",
        words_are="verbatim",
        who_do_you_want_to_be="A chef",
    )
    plan = plans.get_or_start_plan(camden_child)
    plan.refresh_from_db()
    assert (plan.vision, plan.vision_said_on, plan.vision_entry) == ("Work with cars", said, None)


# ---- Agreement is for a version -------------------------------------------------------------


def test_a_change_after_the_child_agreed_says_so_and_asks_for_agreement_again(
    client_for, amara, camden_child
):
    plans.add_goal(actor(amara), camden_child, text="Be a mechanic")
    plans.agree_plan(
        actor(amara), camden_child, agreed_on=today(), how="meeting", child_comment="Yes"
    )
    assert indicator(five_cs(fetched(camden_child), amara), "child-agreed").status == "met"
    url = reverse("plans:plan", args=[camden_child.public_id])
    assert 'id="changed-since-agreed"' not in client_for(amara).get(url).content.decode()
    plans.add_goal(actor(amara), camden_child, text="Live with my nan")
    page = client_for(amara).get(url).content.decode()
    assert 'id="changed-since-agreed"' in page and "Live with my nan" in page
    found = indicator(five_cs(fetched(camden_child), amara), "child-agreed")
    assert found.status == "partly" and "has changed since" in found.reason
    plans.agree_plan(
        actor(amara), camden_child, agreed_on=today(), how="meeting", child_comment="Still yes"
    )
    assert indicator(five_cs(fetched(camden_child), amara), "child-agreed").status == "met"


def test_progress_on_an_action_is_not_a_change_to_agree_again(amara, camden_child):
    action = plans.add_action(
        actor(amara),
        camden_child,
        pathway=Pathway.objects.get(slug="ete"),
        kind=ActionKind.STRUCTURAL,
        description="College",
        owner_person=amara,
    )
    plans.agree_plan(
        actor(amara), camden_child, agreed_on=today(), how="meeting", child_comment="Yes"
    )
    from resettle.plans.models import ActionStatus

    plans.change_action(
        actor(amara), camden_child, action, status=ActionStatus.objects.get(slug="in-progress")
    )
    assert indicator(five_cs(fetched(camden_child), amara), "child-agreed").status == "met"


# ---- Undermining warnings wherever a person or place appears --------------------------------


def test_an_undermining_person_is_warned_about_on_release_day_and_on_my_plan(
    client_for, amara, camden_child
):
    Person.objects.create(
        child=camden_child, name="Tyler", relationship="friend", influence=Influence.UNDERMINING
    )
    save_release_plan(actor(amara), camden_child, who_meets="Tyler, at the gate")
    page = client_for(amara).get(reverse("release:checklist", args=[camden_child.public_id]))
    assert "Tyler is flagged as undermining" in page.content.decode()
    plans.add_action(
        actor(amara),
        camden_child,
        pathway=Pathway.objects.get(slug="families"),
        kind=ActionKind.PERSONAL,
        description="Lifts",
        owner_name="Tyler",
    )
    my_plan = client_for(amara).get(reverse("childview:my-plan", args=[camden_child.public_id]))
    assert "Tyler is flagged as undermining" in my_plan.content.decode()
    child_mode_text = my_plan.context["my"].helpers
    assert any(h.warnings for h in child_mode_text)


def test_an_undermining_person_at_a_meeting_is_warned_about_on_the_journey(
    client_for, amara, camden_child
):
    Person.objects.create(
        child=camden_child, name="Tyler", relationship="friend", influence=Influence.UNDERMINING
    )
    record_meeting(
        actor(amara), camden_child, kind="call", held_on=today(), other_attendees="Tyler"
    )
    page = client_for(amara).get(reverse("journey:journey", args=[camden_child.public_id]))
    assert "Tyler is flagged as undermining" in page.content.decode()


def test_places_are_rated_safe_or_unsafe_not_as_role_models(client_for, amara, camden_child):
    page = client_for(amara).get(reverse("network:place-add", args=[camden_child.public_id]))
    html = page.content.decode()
    assert "Unsafe" in html and "Positive role model" not in html
    assert {value for value, _ in Safety.choices} == {"safe", "mixed", "unsafe", "unknown"}
    PlaceOrActivity.objects.create(
        child=camden_child, name="The car park", kind="place", influence=Safety.UNSAFE
    )
    save_release_plan(actor(amara), camden_child, who_meets="Mum, at the car park")
    page = client_for(amara).get(reverse("release:checklist", args=[camden_child.public_id]))
    assert "The car park is flagged as unsafe" in page.content.decode()


# ---- Shares follow the child ----------------------------------------------------------------


def test_a_share_made_for_a_placement_ends_after_the_placement(
    client_for, amara, chloe, camden_child, feltham, settings
):
    settings.PLACEMENT_SHARE_DAYS = 28
    client = client_for(amara)
    response = client.post(
        reverse("children:legal-status-add", args=[camden_child.public_id]),
        {
            "status": "remand_yda",
            "establishment": feltham.pk,
            **date_fields("starts_on", today() - timedelta(days=60)),
        },
    )
    share_url = response["Location"]
    assert "placement=" in share_url
    client.post(
        share_url,
        {
            "organisation": feltham.pk,
            "purpose": "Placed at Feltham",
            **date_fields("ends_on", today() + timedelta(days=300)),
        },
    )
    share = Share.across_children.get(child=camden_child, organisation=feltham)
    assert share.placement is not None
    placed = client_for(chloe).get(reverse("children:caseload"), {"scope": "placed"})
    assert "Jay" in placed.content.decode()
    response = client.post(
        reverse("children:legal-status-add", args=[camden_child.public_id]),
        {"status": "community_order", **date_fields("starts_on", today())},
        follow=True,
    )
    assert "stops on" in response.content.decode()  # the owning service is told
    share.refresh_from_db()
    assert share.ends_on == today() + timedelta(days=28)
    assert AuditEvent.objects.filter(action="share.placement_ended", child=camden_child).exists()
    assert share.placement_left_on == today()
    sharing = client.get(reverse("access:sharing", args=[camden_child.public_id])).content.decode()
    assert "Ending because the child left the placement on" in sharing
    # The lead practitioner is emailed once, by the notifications job.
    for _run in range(2):
        call_command(
            "send_notifications", "--base-url", "https://resettle.example", stdout=StringIO()
        )
    ending = [
        email for email in mail.outbox if "share with a secure establishment" in email.subject
    ]
    assert len(ending) == 1 and ending[0].to == [amara.email]
    assert feltham.name in ending[0].body and "Testperson" not in ending[0].body
    chloe_lists = client_for(chloe)
    assert (
        "Jay"
        not in chloe_lists.get(reverse("children:caseload"), {"scope": "placed"}).content.decode()
    )
    assert (
        "Jay" in chloe_lists.get(reverse("children:caseload"), {"scope": "other"}).content.decode()
    )


# ---- Refused attempts are audited ------------------------------------------------------------


def test_a_refused_attempt_is_audited_for_managers_without_telling_the_person(
    client_for, ben, priya, camden_child
):
    url = reverse("voice:overview", args=[camden_child.public_id])
    assert client_for(ben).get(url).status_code == 404
    refused = AuditEvent.objects.get(action="access.refused", child=camden_child)
    assert refused.actor == ben and refused.detail["page"] == "voice:overview"
    log = client_for(priya).get(reverse("children:access-log", args=[camden_child.public_id]))
    assert "Was refused the child" in log.content.decode()


# ---- Smaller points ----------------------------------------------------------------------------


def test_a_placement_address_typed_by_hand_is_not_a_server_error(client_for, amara, camden_child):
    url = reverse("access:share-add", args=[camden_child.public_id])
    assert client_for(amara).get(url, {"placement": "zzz"}).status_code == 200


def test_an_error_page_title_says_error_once(client_for, amara, camden_child):
    response = client_for(amara).post(reverse("notes:notes", args=[camden_child.public_id]), {})
    html = response.content.decode()
    assert "<title>Error: Case notes: Jay - Resettle</title>" in html
    assert "Error: Error:" not in html


def test_a_meeting_offers_the_organisations_involved_not_all_of_them(
    client_for, amara, camden_child, feltham
):
    Share.objects.create(
        child=camden_child, organisation=feltham, purpose="x", ends_on=today() + timedelta(days=30)
    )
    page = client_for(amara).get(reverse("journey:meeting-add", args=[camden_child.public_id]))
    offered = {o.name for o in page.context["form"].fields["organisations"].queryset}
    assert offered == {"Camden Youth Justice Service", "HMYOI Feltham"}
    assert 'list="all-organisations"' in page.content.decode()


def test_an_action_added_at_a_meeting_can_serve_a_goal_and_be_owned_by_an_organisation(
    amara, camden_child, camden_social_care
):
    goal = plans.add_goal(actor(amara), camden_child, text="Live with nan")
    meeting = record_meeting(
        actor(amara),
        camden_child,
        kind="review",
        held_on=today(),
        plan_action={
            "pathway": Pathway.objects.get(slug="accommodation"),
            "kind": ActionKind.STRUCTURAL,
            "description": "Housing assessment",
            "owner_organisation": camden_social_care,
            "goals": [goal],
        },
    )
    action = meeting.actions.get()
    assert action.owner_organisation == camden_social_care
    assert list(action.goals.all()) == [goal]
