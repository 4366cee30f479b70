"""The knowledge hub's records: guidance, questions, training and what's new."""

from .articles import MAX_BODY, MAX_SUMMARY, MAX_TITLE, Article, ArticleStatus, Tag, TagKind
from .questions import MAX_ANSWER, MAX_FAQ_QUESTION, MAX_QUESTION, Expert, Question
from .training import MAX_EVIDENCE, TrainingCompletion, TrainingModule
from .whatsnew import MAX_NOTE_BODY, ReleaseNote, ReleaseNoteSeen

__all__ = [
    "MAX_ANSWER",
    "MAX_BODY",
    "MAX_EVIDENCE",
    "MAX_FAQ_QUESTION",
    "MAX_NOTE_BODY",
    "MAX_QUESTION",
    "MAX_SUMMARY",
    "MAX_TITLE",
    "Article",
    "ArticleStatus",
    "Expert",
    "Question",
    "ReleaseNote",
    "ReleaseNoteSeen",
    "Tag",
    "TagKind",
    "TrainingCompletion",
    "TrainingModule",
]
