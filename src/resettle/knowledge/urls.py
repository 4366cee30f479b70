from django.urls import path

from resettle.core.routing import Routes

from . import views_articles as articles
from . import views_questions as questions
from . import views_training as training
from . import views_whatsnew as whatsnew

routes = {
    "knowledge": Routes(
        site=[
            path("guidance/", articles.index, name="index"),
            path("guidance/manage/", articles.manage, name="manage"),
            path("guidance/articles/new/", articles.article_form, name="article-new"),
            path("guidance/articles/<slug:slug>/", articles.article, name="article"),
            path("guidance/articles/<slug:slug>/edit/", articles.article_form, name="article-edit"),
            path(
                "guidance/articles/<slug:slug>/status/", articles.article_move, name="article-move"
            ),
            path(
                "guidance/articles/<slug:slug>/history/", articles.history, name="article-history"
            ),
            path(
                "guidance/articles/<slug:slug>/history/<int:history_id>/",
                articles.version,
                name="article-version",
            ),
            path("guidance/questions/", questions.faq, name="faq"),
            path("guidance/questions/ask/", questions.ask, name="ask"),
            path("guidance/questions/yours/", questions.mine, name="your-questions"),
            path("guidance/questions/queue/", questions.queue, name="queue"),
            path("guidance/questions/experts/", questions.experts, name="experts"),
            path("guidance/questions/<uuid:question_id>/", questions.question, name="question"),
            path("guidance/questions/<uuid:question_id>/answer/", questions.answer, name="answer"),
            path("guidance/questions/<uuid:question_id>/redact/", questions.redact, name="redact"),
            path("guidance/questions/<uuid:question_id>/owner/", questions.assign, name="assign"),
            path(
                "guidance/questions/<uuid:question_id>/publish/", questions.publish, name="publish"
            ),
            path("training/", training.mine, name="training"),
            path("training/record/", training.record, name="training-record"),
            path("training/team/", training.team, name="training-team"),
            path("training/services/", training.services, name="training-services"),
            path("training/modules/", training.modules, name="training-modules"),
            path("training/modules/new/", training.module_form, name="training-module-new"),
            path(
                "training/modules/<uuid:module_id>/edit/",
                training.module_form,
                name="training-module-edit",
            ),
            path("whats-new/", whatsnew.whats_new, name="whats-new"),
            path("whats-new/add/", whatsnew.add, name="whats-new-add"),
        ]
    )
}
