"""Synthetic demo voice entries: invented answers, in a young person's voice, over recent months.

Most demo children get one to four conversations; some get none, so the demo shows the gaps a
service would want to close. Self-ratings mostly rise over time, with the odd dip ("snakes and
ladders").
"""

from __future__ import annotations

import random
from datetime import timedelta

from faker import Faker
from simple_history.utils import bulk_create_with_history

from resettle.accounts.models import Role, User
from resettle.children.models import Child
from resettle.core.dates import today
from resettle.voice.models import Conversation, Strength, VoiceEntry, WordsAre
from resettle.voice.services import tenth_birthday

WHO_ARE_YOU = [
    "I'm a good big brother. My little sister looks up to me.",
    "Someone who's loyal. If you're my friend, I've got your back.",
    "I'm quiet until I know people, then I'm a joker.",
    "I'm into football and music. I make beats on my phone.",
    "I'm not my mistakes. I'm more than what's on my file.",
    "Honestly I don't know yet. Still working it out.",
    "I'm the one my mum relies on at home.",
    "I'm good with my hands. I like taking stuff apart to see how it works.",
    "Someone who gets angry quick but is calming down more now.",
    "A gamer. And I look after my nan on weekends.",
    "I'm funny, people say I light up the room.",
    "I'm a hard worker when I care about something.",
    "I'm a boxer. Been training since I was 11.",
    "I'm someone who's been let down a lot but I still try.",
    "Creative. I draw all the time, mainly trainers and characters.",
    "I'm a dad soon. That changes everything.",
]
WHO_DO_YOU_WANT_TO_BE = [
    "I want to be a mechanic like my uncle.",
    "A youth worker, so kids like me have someone to talk to.",
    "I want my own barber shop one day.",
    "Someone my little brother can be proud of.",
    "A chef. I want to cook in a proper restaurant.",
    "I want to be a plumber or an electrician, something with a trade.",
    "A music producer. Or at least do a course in it.",
    "Someone who's stayed out of trouble and has their own place.",
    "A personal trainer.",
    "I want to work with animals, maybe at a farm or a vet's.",
    "I want to be a good dad.",
    "A football coach for little kids.",
    "Someone with a job and a car and a normal life.",
    "A graphic designer.",
    "Don't know the job yet but I want to be calm and happy.",
    "I want to go to college and be the first one in my family to do it.",
]
STRENGTHS_IN_OWN_WORDS = [
    "I don't give up once I've started something.",
    "I'm good at calming people down, my mates come to me.",
    "I can fix bikes and phones.",
    "My trainer says I've got discipline.",
    "I'm good at cooking, I make dinner for my brothers.",
    "I'm honest, even when it gets me in trouble.",
    "I can talk to anyone.",
    "I'm good at drawing and I'm patient with it.",
    "I learn fast when I'm actually interested.",
    "I'm kind to little kids and old people.",
    "I show up. If I say I'll be there, I'm there.",
    "Good at maths in my head, money and that.",
    "I'm strong and fit.",
    "I listen more than people think.",
    "I'm brave. I've been through a lot and I'm still here.",
]
HOW_TO_GET_THERE = [
    "Do the motor vehicle course and get my CSCS card.",
    "Stay away from the estate on weekends and keep going to the gym.",
    "Finish my English and maths, then apply to college.",
    "Keep seeing my mentor every week.",
    "Get a Saturday job so I've got my own money.",
    "Move in with my auntie when I get out, away from the old crowd.",
    "Go to the boxing club three times a week.",
    "Do the barbering course they've got here, then find an apprenticeship.",
    "Keep my head down in here and get my release on time.",
    "Talk to someone when I'm getting angry instead of kicking off.",
    "Ask my uncle if I can help at his garage.",
    "Get my provisional licence and save for lessons.",
    "Go to the music studio project on Thursdays.",
    "One step at a time. Don't know yet, need help with that.",
    "Get my CV done and apply for the kitchen job.",
]
SUMMARISED = [
    "Said he sees himself as protective of his family and wants to be a role model.",
    "Talked about wanting a trade; unsure which one. Agreed to try a taster day.",
    "Described herself as creative and sociable; wants to study art at college.",
    "Found the questions hard today; said 'don't know' to most. Will revisit next visit.",
]
CONVERSATIONS = [
    Conversation.MEETING,
    Conversation.MEETING,
    Conversation.CUSTODY_VISIT,
    Conversation.CUSTODY_VISIT,
    Conversation.CALL,
    Conversation.VIDEO,
    Conversation.OTHER,
]
NO_ENTRIES = 0.22  # about a fifth of demo children have not been asked yet


def _answer(rng: random.Random, choices: list[str], blank: float = 0.12) -> str:
    return "" if rng.random() < blank else rng.choice(choices)


def _ratings(rng: random.Random, count: int) -> list[int | None]:
    """Mostly rising, with the odd setback; sometimes not asked."""
    rating = rng.randint(2, 6)
    ratings: list[int | None] = []
    for _ in range(count):
        ratings.append(None if rng.random() < 0.15 else rating)
        rating = max(1, min(10, rating + rng.choice([-2, -1, 0, 1, 1, 2, 2, 3])))
    return ratings


def load_voice(fake: Faker, rng: random.Random) -> None:
    """A demo step (core.demo.DEMO_STEPS): voice entries for most demo children."""
    if not VoiceEntry.across_children.exists():
        # After a reset the children are new (and ids may be reused): drop history left behind.
        VoiceEntry.history.all().delete()
    now = today()
    strengths = list(Strength.objects.filter(is_active=True))
    staff_by_service: dict[int, list[int]] = {}
    for user_id, org_id in User.objects.filter(
        role__in=[Role.CASE_WORKER, Role.YJS_MANAGER]
    ).values_list("id", "organisation_id"):
        staff_by_service.setdefault(org_id, []).append(user_id)

    entries: list[VoiceEntry] = []
    chosen: list[list[Strength]] = []
    children = Child.objects.exclude(voice_entries__isnull=False).values_list(
        "id", "date_of_birth", "owning_service_id", "lead_practitioner_id"
    )
    for child_id, date_of_birth, service_id, lead_id in children.order_by("id"):
        staff = staff_by_service.get(service_id)
        if rng.random() < NO_ENTRIES or not (lead_id or staff):
            continue
        count = rng.choice([1, 1, 2, 2, 3, 3, 4])
        earliest = max(tenth_birthday(date_of_birth), now - timedelta(days=300))
        span = max((now - earliest).days, count)
        days_ago = sorted(rng.sample(range(span), count), reverse=True)
        for days, rating in zip(days_ago, _ratings(rng, count), strict=True):
            entered_by_child = rng.random() < 0.08
            summarised = not entered_by_child and rng.random() < 0.15
            if summarised:
                words = {"who_are_you": rng.choice(SUMMARISED)}
            else:
                words = {
                    "who_are_you": _answer(rng, WHO_ARE_YOU),
                    "who_do_you_want_to_be": _answer(rng, WHO_DO_YOU_WANT_TO_BE),
                    "strengths_in_own_words": _answer(rng, STRENGTHS_IN_OWN_WORDS, blank=0.3),
                    "how_to_get_there": _answer(rng, HOW_TO_GET_THERE, blank=0.2),
                }
                if not any(words.values()):
                    words["who_are_you"] = rng.choice(WHO_ARE_YOU)
            recorder = lead_id or rng.choice(staff)
            entries.append(
                VoiceEntry(
                    child_id=child_id,
                    recorded_on=now - timedelta(days=days),
                    recorded_by_id=recorder,
                    created_by_id=recorder,
                    changed_by_id=recorder,
                    conversation=Conversation.CHILD_MODE
                    if entered_by_child
                    else rng.choice(CONVERSATIONS),
                    words_are=WordsAre.SUMMARISED if summarised else WordsAre.VERBATIM,
                    share_with_partners=rng.random() < 0.7,
                    self_rating=rating,
                    entered_by_child=entered_by_child,
                    **words,
                )
            )
            picked = rng.sample(strengths, min(len(strengths), rng.choice([0, 1, 2, 2, 3])))
            chosen.append(picked)

    created = bulk_create_with_history(entries, VoiceEntry, batch_size=500)
    through = VoiceEntry.strengths.through
    through.objects.bulk_create(
        [
            through(voiceentry_id=entry.pk, strength_id=strength.pk)
            for entry, picked in zip(created, chosen, strict=True)
            for strength in picked
        ],
        batch_size=1000,
    )
