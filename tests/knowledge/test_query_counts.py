"""The knowledge hub's list pages make the same number of queries however many rows they show."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resettle.core.dates import today
from resettle.knowledge.models import Article, Tag, TrainingCompletion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def warmed(client_for, user, url):
    client = client_for(user)
    assert client.get(url).status_code == 200  # the session is stamped on the first request
    return client


def make_articles(count):
    tag = Tag.objects.get(slug="five-cs")
    for n in range(count):
        article = Article.objects.create(
            slug=f"extra-{n}", title=f"Extra {n}", summary="x", body="x", status="published"
        )
        article.tags.add(tag)


# Session, user, the tags for the filters, the count of new answers, the count for the paginator,
# the page of articles, their tags, and the user's organisation for the page header.
INDEX_QUERIES = 8


@pytest.mark.parametrize("count", [1, 30])
def test_the_guidance_list_query_count_is_pinned(
    client_for, amara, django_assert_num_queries, count
):
    make_articles(count)
    url = reverse("knowledge:index")
    client = warmed(client_for, amara, url)
    with django_assert_num_queries(INDEX_QUERIES):
        assert client.get(url, {"framework": "five-cs", "page": "2"}).status_code == 200


# Session, user, the tags for the filters, the count of new answers, the matching articles, their
# tags, the matching questions, and the user's organisation for the page header.
SEARCH_QUERIES = 8


@pytest.mark.parametrize("count", [1, 30])
def test_the_search_query_count_is_pinned(client_for, amara, ask, django_assert_num_queries, count):
    make_articles(count)
    for n in range(count):
        ask(amara, f"Extra question {n}", status="published", answer="x")
    url = reverse("knowledge:index")
    client = warmed(client_for, amara, url)
    with django_assert_num_queries(SEARCH_QUERIES):
        assert client.get(url, {"q": "extra"}).status_code == 200


# Session, user, the count, the page of questions with owners, whether the person is an expert
# (twice: the page's rule and the link to experts), and the user's organisation for the header.
QUEUE_QUERIES = 6


@pytest.mark.parametrize("count", [1, 30])
def test_the_question_queue_query_count_is_pinned(
    client_for, dev, amara, ask, django_assert_num_queries, count
):
    for n in range(count):
        ask(amara, f"Question {n}", owner=dev if n % 2 else None)
    url = reverse("knowledge:queue")
    client = warmed(client_for, dev, url)
    with django_assert_num_queries(QUEUE_QUERIES):
        assert client.get(url).status_code == 200


# Session, user, the count, the page of questions (answers rendered from the row), organisation.
FAQ_QUERIES = 5


@pytest.mark.parametrize("count", [1, 30])
def test_the_faq_and_your_questions_query_counts_are_pinned(
    client_for, amara, ask, django_assert_num_queries, count
):
    for n in range(count):
        ask(amara, f"Question {n}", status="published", answer="**x**")
    for url in (reverse("knowledge:faq"), reverse("knowledge:your-questions")):
        client = warmed(client_for, amara, url)
        with django_assert_num_queries(FAQ_QUERIES):
            assert client.get(url).status_code == 200


# Session, user, the modules, the team, their completions, and the organisation for the header.
TEAM_QUERIES = 6


@pytest.mark.parametrize("count", [1, 20])
def test_the_team_training_query_count_is_pinned(
    client_for, priya, camden, module, django_assert_num_queries, count
):
    for _ in range(count):
        person = UserFactory(organisation=camden, role="case_worker")
        TrainingCompletion.objects.create(user=person, module=module, completed_on=today())
    url = reverse("knowledge:training-team")
    client = warmed(client_for, priya, url)
    with django_assert_num_queries(TEAM_QUERIES):
        assert client.get(url).status_code == 200


# Session, user, the modules, staff by organisation, current training by organisation and module,
# the organisations, and the user's organisation for the header.
SERVICES_QUERIES = 7


@pytest.mark.parametrize("count", [1, 20])
def test_the_training_by_service_query_count_is_pinned(
    client_for, dev, camden, hackney, module, django_assert_num_queries, count
):
    for n in range(count):
        person = UserFactory(organisation=camden if n % 2 else hackney, role="case_worker")
        TrainingCompletion.objects.create(user=person, module=module, completed_on=today())
    url = reverse("knowledge:training-services")
    client = warmed(client_for, dev, url)
    with django_assert_num_queries(SERVICES_QUERIES):
        assert client.get(url).status_code == 200
