"""The knowledge hub: guidance articles, "Ask a question", training records and what's new
(docs/knowledge.md)."""
