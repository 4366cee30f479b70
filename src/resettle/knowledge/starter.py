"""The starter guidance: tags and articles in the project's own plain words, summarising the
constructive resettlement framework as docs/domain.md describes it.

Plain data only (no models), so the data migration that loads it (0003_starter_guidance) keeps
working as the models change. `ensure_starter_guidance()` in services.py puts back anything missing
(after a test empties the database, or in a fresh demo) without touching what authors changed.
"""

from __future__ import annotations

# (kind, slug, name)
TAGS = [
    ("stage", "stage-custody-likely", "Custody likely"),
    ("stage", "stage-remand", "Remand"),
    ("stage", "stage-entry-to-custody", "Entry to custody"),
    ("stage", "stage-in-custody", "In custody"),
    ("stage", "stage-preparing-for-release", "Preparing for release"),
    ("stage", "stage-release", "Release and early community"),
    ("stage", "stage-community", "Community"),
    ("stage", "stage-sustaining", "Sustaining"),
    ("pathway", "pathway-accommodation", "Accommodation"),
    ("pathway", "pathway-ete", "Education, training and employment"),
    ("pathway", "pathway-health", "Health"),
    ("pathway", "pathway-substance-misuse", "Substance misuse"),
    ("pathway", "pathway-families", "Families and relationships"),
    ("pathway", "pathway-finance", "Finance, benefits and debt"),
    ("pathway", "pathway-case-management", "Case management and transitions"),
    ("framework", "four-key-questions", "The four key questions"),
    ("framework", "identity-shift", "Identity shift"),
    ("framework", "personal-structural-support", "Personal and structural support"),
    ("framework", "five-cs", "The 5Cs"),
    ("framework", "contingency-plans", "Contingency plans"),
    ("framework", "setbacks", "Setbacks"),
    ("framework", "lead-practitioner-broker", "The lead practitioner as broker"),
    ("framework", "networks-role-models", "Networks and role models"),
    ("framework", "remand", "Remand"),
    ("framework", "secure-estate", "Working with the secure estate"),
    ("framework", "involving-families", "Involving families"),
    ("framework", "child-friendly-plans", "Child-friendly plans"),
]

# (slug, title, summary, tag slugs, body in Markdown)
ARTICLES = [
    (
        "four-key-questions",
        "Asking the four key questions",
        "Why the four questions come first, how to ask them, and why the answers are kept as a "
        "history.",
        ["four-key-questions", "identity-shift", "stage-custody-likely", "stage-in-custody"],
        """Constructive resettlement starts with the child, not with the form. Four questions open
the conversation:

1. **Who are you?**
2. **Who do you want to be?**
3. **What are your strengths?**
4. **How are you going to get there?**

## Why they matter

The answers are the child's own account of who they are becoming. Plans built on them are plans
the child recognises and wants to follow. Asked again over time, the answers show whether the
child's sense of themselves is changing.

## When to ask

Ask as soon as custody becomes likely, and again at every planning meeting and review. Do not
wait for the "right" moment: a first answer of "I don't know" is a start, and it is worth
recording.

## How to ask

- Ask in person if you can. Trust is built face to face.
- Use the child's words, not yours. Write down what they said, as they said it. If you have to
  summarise, say so.
- Let the child choose strengths from a list if an open question is hard.
- Come back to the questions; do not push for a finished answer.

## In Resettle

The Voice page keeps every conversation as a new entry, with the date, who recorded it and what
kind of conversation it was. Nothing is overwritten, so the history is the record of change.
""",
    ),
    (
        "identity-shift",
        "Identity shift: helping a child see who they could be",
        "Personal support helps a child move from a pro-offending identity to a pro-social one. "
        "Here is what that looks like in practice.",
        ["identity-shift", "personal-structural-support", "stage-in-custody", "stage-community"],
        """Most children who leave custody go on to offend again. Practical support alone (a bed,
a college place, a doctor) rarely changes that. What helps is a shift in how the child sees
themselves: from someone who offends to someone with a different future.

## What helps the shift

- **A trusted relationship.** One adult the child trusts, who stays with them across custody and
  community.
- **Activities that fit who they want to be.** A boxing club for a child who wants discipline, a
  music studio for a child who wants to make tracks, work experience with a mechanic for a child
  who wants to fix cars.
- **Recognition.** Noticing and saying out loud what the child does well.
- **Role models.** People like the child who have made the same move.

## Identity activities

Small, regular activities that let the child try out the new identity: leading a session,
teaching a younger child, finishing a course. Link each one to what the child said they want to
be.

## Signs of change

Listen to how the child's answers to the four key questions change over time. A child who
starts saying "I'm going to be" rather than "I am what I am" is moving.
""",
    ),
    (
        "personal-and-structural-support",
        "Personal and structural support",
        "Structural support is organised by pathway; personal support serves the child's goals. "
        "A good plan links the two.",
        [
            "personal-structural-support",
            "pathway-accommodation",
            "pathway-ete",
            "pathway-health",
            "pathway-families",
        ],
        """A resettlement plan needs two kinds of support, and they work best together.

## Structural support

The practical things a child needs, organised by resettlement pathway:

- accommodation
- education, training and employment
- health (physical, mental, and speech, language and communication)
- substance misuse
- families and relationships
- finance, benefits and debt
- case management and transitions

## Personal support

Help for the child to become the person they said they want to be: a trusted relationship, a
mentor, an activity that fits their goals.

## Linking them

Every structural action should say which of the child's goals it serves. Not just *an* ETE place,
but the *right* one for who the child wants to be. In Resettle, each action in the plan can name
the goal it serves, and the 5Cs check notices when structural actions are not linked to a goal.
""",
    ),
    (
        "the-5cs",
        "The 5Cs",
        "Constructive, co-created, customised, consistent and coordinated: what each C asks of a "
        "plan and the work around it.",
        ["five-cs", "personal-structural-support"],
        """The 5Cs describe good resettlement practice. Resettle's 5Cs check looks for signs of
each in the record. It is a prompt for practice, never a grade of the child.

## Constructive

Future-focused, built on strengths, and motivating. Record the child's vision and strengths,
word goals positively ("get my level 1 in motor vehicle" rather than "stop offending"), and link
structural actions to the goals they serve.

## Co-created

Made with the child, their family and supporters. Keep the child's words recent, involve the
child in planning meetings, record that the child agreed the plan (with the date and their own
comment), and involve the family, or note why not.

## Customised

Fits this child and their diversity. Record the child's needs, such as communication needs, make
adjustments in the plan, and name specific services rather than general ones.

## Consistent

Resettlement-focused from day one, seamless and stable. Keep the same lead practitioner where you
can, avoid long gaps in contact, revisit the plan at every meeting, and meet the touchpoint
deadlines.

## Coordinated

A partnership of agencies, brokered by the lead practitioner. Give every action an owner and a
date, make sure the agencies involved attend meetings, confirm accommodation and ETE before
release, and make plans B that the child knows about.
""",
    ),
    (
        "contingency-plans",
        "Plans B: contingency plans the child knows about",
        "The arrangements that matter most need a back-up, and the child should hear it from you "
        "before it is needed.",
        [
            "contingency-plans",
            "pathway-accommodation",
            "pathway-ete",
            "stage-preparing-for-release",
        ],
        """Arrangements fall through. A placement is withdrawn the week before release; a college
place is not confirmed in time. When that happens without a plan B, the child's first days out
are spent in crisis.

## Which arrangements need a plan B

Above all, **accommodation** and **education, training or employment** on release. Then anything
else the plan leans on heavily: a key appointment, a mentor, transport on release day.

## What a good plan B says

- what happens instead, and who arranges it;
- when the decision to switch to plan B will be made;
- that the child has been told, and when.

## Tell the child

A plan B the child has not heard about does not reduce their worry. Tell them, in plain words,
and record the date you did. In Resettle, a contingency on an action records when the child was
told.
""",
    ),
    (
        "setbacks",
        "Setbacks are snakes and ladders",
        "Children do not progress in a straight line. How to respond to a setback so that it stays "
        "temporary.",
        ["setbacks", "identity-shift", "stage-community", "stage-release"],
        """Progress after custody is rarely steady. There will be ladders (a course finished, a
good week at work) and snakes (a missed appointment, an arrest, a fall-out at home).

## Responding to a setback

1. **Find out what led to it.** Talk to the child and to the people around them.
2. **Change the plan if it needs to change.** A setback often shows an action that was not
   working.
3. **Talk it through with the child as temporary.** The message is "this is a bump, not who you
   are". A setback handled this way can strengthen the new identity rather than undo it.

## Recording it

Record setbacks and progress as events on the child's journey, and record your response to each
setback: what led to it, what changes, and how you talked it through. Over time the journey shows
the whole picture, not just the bad days.
""",
    ),
    (
        "lead-practitioner-as-broker",
        "The lead practitioner as broker",
        "The youth justice case worker leads the case throughout, even in custody, and ties the "
        "agencies together.",
        ["lead-practitioner-broker", "pathway-case-management", "stage-in-custody"],
        """The youth justice service case worker is the lead practitioner. They lead the case from
the moment custody becomes likely, through custody, and on into the community.

## What brokering means

- Knowing which agencies are involved and what each is doing.
- Making sure each action has an owner and a date, including owners in other agencies.
- Bringing the right people to planning meetings, and recording who came.
- Sharing what each partner needs to know, and no more.
- Keeping the child at the centre: the agencies serve the child's plan, not the other way round.

## Staying in touch during custody

Children in custody are hard to reach. Visit, phone, and work closely with the secure
establishment's resettlement practitioner. A relationship kept up during custody is far easier to
build on after release than one started at the gate.
""",
    ),
    (
        "networks-and-role-models",
        "Networks and role models",
        "The people, places and activities around a child can support or undermine the person they "
        "want to be.",
        ["networks-role-models", "involving-families", "pathway-families"],
        """Every child has a network: family, friends, carers, coaches, mentors, youth workers. Each
person can support the child's pro-social identity, undermine it, or a bit of both. Places and
activities are the same.

## Mapping the network

With the child, list the people and places that matter. For each, think about whether they are a
positive role model, supportive, mixed or undermining. Be careful and respectful: these are
people the child cares about.

## Using it in the plan

- Build on the positive: a coach who believes in the child can be part of the plan.
- Be honest about the undermining: if an action relies on someone who pulls the child back, find
  another way.
- Look for new role models, especially people with experience like the child's.

## In Resettle

The Network page records people, places and professionals, and the plan warns when an action
relies on someone or something flagged as undermining.
""",
    ),
    (
        "resettlement-on-remand",
        "Resettlement on remand",
        "Remanded children often get less support than sentenced ones. Start resettlement planning "
        "on remand just as you would for a sentence.",
        ["remand", "stage-remand", "pathway-accommodation", "lead-practitioner-broker"],
        """Children on remand are in custody without a sentence. Many are released with little
notice, for example when they are found not guilty or given a community sentence. Because release
is uncertain, remanded children tend to get less resettlement support than sentenced children.
They should not.

## What to do

- **Treat remand like a sentence.** Hold an initial planning meeting within 10 working days and
  review regularly.
- **Plan for release at any time.** Keep an up-to-date release plan, with accommodation and ETE,
  ready to use.
- **Remember looked-after status.** A child remanded to youth detention accommodation or to local
  authority accommodation becomes looked after. Involve children's social care from the start.
- **Ask the four key questions early.** Remand is a chance to start the conversation about who the
  child wants to be.

## Recording it

Record the remand as the child's legal status. Resettle then shows the remand stage and its
touchpoints, so the initial planning meeting deadline is not missed.
""",
    ),
    (
        "working-with-the-secure-estate",
        "Working with the secure estate",
        "How youth justice services and secure establishments share the work while a child is in "
        "custody.",
        ["secure-estate", "lead-practitioner-broker", "stage-entry-to-custody", "stage-in-custody"],
        """Young offender institutions, secure training centres, secure children's homes and secure
schools all have resettlement practitioners. They see the child every day; the youth justice
service leads the case.

## Sharing the work

- **Share the record.** The youth justice service shares the child's record with the
  establishment for the time the child is placed there, with a purpose and an end date.
- **Plan together.** The establishment's practitioner attends planning meetings and adds to the
  plan and the child's voice.
- **Agree who does what.** Education in custody, family visits, and preparation for release often
  sit with the establishment; accommodation and community services with the youth justice
  service and its partners.

## Moves between establishments

Children move. When they do, the share moves with them: end the old one and start a new one, and
make sure the new establishment knows the plan.
""",
    ),
    (
        "involving-families",
        "Involving families and carers",
        "Families and carers can make a plan work. Involve them, or record why not.",
        ["involving-families", "networks-role-models", "pathway-families"],
        """Families and carers know the child, and the child will usually go back to them. A plan
made with them is more likely to hold.

## How to involve them

- Invite them to planning meetings, at times and places they can manage.
- Ask them the questions too: who do they think the child is, and who could they be?
- Give them a part in the plan that fits: meeting the child at the gate, helping with college
  applications.
- Keep them informed about release dates and plans B.

## When not to

Sometimes involving a family member is not safe or not what the child wants. That is a decision
to make carefully, and to record with the reason. The 5Cs check looks for either the family's
involvement or a recorded reason.
""",
    ),
    (
        "child-friendly-plans",
        "Writing a plan the child can read",
        "The child should be able to read their own plan. Short words, their words first, and "
        "paper as well as screens.",
        ["child-friendly-plans", "four-key-questions"],
        """A plan the child cannot read is a plan made about them, not with them.

## Plain words

- Aim for a reading age of 9 to 11: short sentences, everyday words.
- Put the child's own words first: what they said about who they are and who they want to be.
- Say who will do what, and by when, in a way the child can check.

## Paper and screens

Children in custody have little access to technology. Print the plan and take it in. On a shared
device, child mode lets the child answer the four questions and see their plan, and nothing else.

## In Resettle

My plan shows the plan in child-friendly words, with the child's words first, and prints as a
PDF.
""",
    ),
    (
        "the-days-before-release",
        "The days before release",
        "What must be in place before release day, and the deadlines that apply.",
        [
            "stage-preparing-for-release",
            "stage-release",
            "contingency-plans",
            "pathway-accommodation",
            "pathway-ete",
        ],
        """Preparation for release starts about three months before the release date and gets
sharper in the last weeks.

## The deadlines

- **Release-preparation meeting** at least 20 working days before release.
- **Accommodation confirmed** at least 10 working days before release. No child should leave
  custody without a confirmed address.
- **Education, training or employment** arranged from day one.

Working days leave out weekends and bank holidays.

## Release day

Plan the day itself: who meets the child, how they travel, where they go first, and who they see
that week. Make contact on the day.

## After release

Hold a post-release review within 10 working days. Keep the plans B ready, and keep asking the
four questions.

## In Resettle

The Release page checks accommodation, ETE and the release-day plan, and shows a red, amber or
green status with the reason.
""",
    ),
]
