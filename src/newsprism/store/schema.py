"""The database schema (SQLAlchemy Core), one for SQLite and PostgreSQL.

Tables hold content only, keyed by content-derived ids, so a run killed and started again
ends with the same rows as an uninterrupted one. ``runs`` logs completed runs.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, LargeBinary, MetaData, PrimaryKeyConstraint, String, Table, Text

__all__ = [
    "metadata", "schema_migrations", "runs", "articles", "sentences", "article_stages", "failures",
    "mentions", "quotes", "scare_quotes", "entities", "entity_chains", "statements", "statement_quotes", "corpus_state",
    "reuse_links", "reuse_boilerplate", "reuse_duplicates",
    "time_expressions", "article_dates", "resolved_times", "lead_vectors", "events", "event_articles", "stories",
    "framing_terms", "outlet_profiles", "event_framing",
]

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("started", String(40), nullable=False),
    Column("finished", String(40), nullable=False),
    Column("newsprism_version", String(40), nullable=False),
    Column("settings", Text, nullable=False),
    Column("summary", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("url", Text),
    Column("version_key", Text, nullable=False),
    Column("previous_version", String(32)),
    Column("title", Text),
    Column("author", Text),
    Column("outlet", Text),
    Column("outlet_evidence", Text),
    Column("place", Text),
    Column("published", String(10)),
    Column("published_evidence", Text),
    Column("language", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_articles_version_key", "version_key"),
    Index("ix_articles_outlet", "outlet"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article", String(32), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("paragraph", Integer, nullable=False),
    PrimaryKeyConstraint("article", "idx"),
)

article_stages = Table(
    "article_stages",
    metadata,
    Column("article", String(32), nullable=False),
    Column("stage", String(40), nullable=False),
    Column("version", String(20), nullable=False),
    PrimaryKeyConstraint("article", "stage"),
)

failures = Table(
    "failures",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("record", Text),
    Column("stage", String(40), nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_failures_source", "source"),
)

# -- v2: who said what --------------------------------------------------------------

mentions = Table(
    "mentions",
    metadata,
    Column("article", String(32), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("chain", Integer),
    Column("head", Text),
    Column("evidence", Text),
    PrimaryKeyConstraint("article", "idx"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("article", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_chain", Integer),
    Column("speaker_name", Text),
    Column("rule", Text, nullable=False),
    # a cue in several pieces: JSON [[start, end], ...] (model.Quote.cue_parts); else NULL
    Column("cue_parts", Text),
    # content in several pieces: JSON [[start, end], ...] (model.Quote.content_parts); else NULL
    Column("content_parts", Text),
    Index("ix_quotes_article", "article"),
)

scare_quotes = Table(
    "scare_quotes",
    metadata,
    Column("article", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    PrimaryKeyConstraint("article", "start"),
)

# Corpus passes: rewritten whole by each pass (derived data, recomputed from the rows above).
entities = Table(
    "entities",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("evidence", Text, nullable=False),
)

entity_chains = Table(
    "entity_chains",
    metadata,
    Column("article", String(32), nullable=False),
    Column("chain", Integer, nullable=False),
    Column("entity", String(32), nullable=False),
    PrimaryKeyConstraint("article", "chain"),
    Index("ix_entity_chains_entity", "entity"),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("speaker", String(32)),
    Column("text", Text, nullable=False),
    Column("event", String(32)),
    Column("variants", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    Index("ix_statements_speaker", "speaker"),  # v7: an entity's page lists its statements
)

statement_quotes = Table(
    "statement_quotes",
    metadata,
    Column("quote", String(32), primary_key=True),
    Column("statement", String(32), nullable=False),
    Index("ix_statement_quotes_statement", "statement"),
)

# How many articles each corpus pass last saw: a pass whose count differs from the store's
# is stale (a run was stopped between writing articles and finishing the passes).
corpus_state = Table(
    "corpus_state",
    metadata,
    Column("pass", String(40), primary_key=True),
    Column("articles", Integer, nullable=False),
)

# -- v3: copied text (the reuse pass; rewritten whole by it) ---------------------------

reuse_links = Table(
    "reuse_links",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("a_article", String(32), nullable=False),
    Column("a_start", Integer, nullable=False),
    Column("a_end", Integer, nullable=False),
    Column("b_article", String(32), nullable=False),
    Column("b_start", Integer, nullable=False),
    Column("b_end", Integer, nullable=False),
    Column("similarity", Float, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("words", Integer, nullable=False),
    Column("syndicated", Integer, nullable=False),
    Column("boilerplate", Text),
    Column("direction", String(16)),
    Column("evidence", Text, nullable=False),
    Column("quoted", Integer, nullable=False),
    Index("ix_reuse_links_a", "a_article"),
    Index("ix_reuse_links_b", "b_article"),
)

# Text an outlet repeats across its own articles, as it stands in each of them.
reuse_boilerplate = Table(
    "reuse_boilerplate",
    metadata,
    Column("article", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("outlet", Text, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("origin", String(32), nullable=False),
    PrimaryKeyConstraint("article", "start"),
)

# Syndicated copies: each copy and the earliest article of its group.
reuse_duplicates = Table(
    "reuse_duplicates",
    metadata,
    Column("article", String(32), primary_key=True),
    Column("duplicate_of", String(32), nullable=False),
)

# -- v4: time expressions (per article), dates, events and storylines (the events pass) ---

time_expressions = Table(
    "time_expressions",
    metadata,
    Column("article", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("fields", Text, nullable=False),  # JSON: year, month, day, weekday, shift, unit, anchor, modifier
    PrimaryKeyConstraint("article", "start"),
)

# Each article's publication date (metadata or inferred, with evidence) and the day it reports.
article_dates = Table(
    "article_dates",
    metadata,
    Column("article", String(32), primary_key=True),
    Column("published", String(10)),
    Column("published_evidence", Text),
    Column("happened", String(10)),
    Column("happened_evidence", Text),
    Column("happened_rule", String(16)),
)

# Every time expression that could be resolved, with the day it names and why.
resolved_times = Table(
    "resolved_times",
    metadata,
    Column("article", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("date", String(10), nullable=False),
    Column("precision", String(8), nullable=False),
    Column("evidence", Text, nullable=False),
    PrimaryKeyConstraint("article", "start"),
)

# Sentence embeddings of each article's title and lead, computed once (L2-normalised, float16 bytes).
lead_vectors = Table(
    "lead_vectors",
    metadata,
    Column("article", String(32), primary_key=True),
    Column("model", String(64), nullable=False),
    Column("vector", LargeBinary, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("date", String(10)),
    Column("date_evidence", Text),
    Column("story", String(32)),
    Column("evidence", Text, nullable=False),
    Index("ix_events_story", "story"),  # v7: an event's page lists its story's events
)

event_articles = Table(
    "event_articles",
    metadata,
    Column("event", String(32), nullable=False),
    Column("article", String(32), nullable=False),
    Column("similarity", Float),  # to the event's other articles, on average
    PrimaryKeyConstraint("article"),
    Index("ix_event_articles_event", "event"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("evidence", Text, nullable=False),
)

# -- v5: framing (per-article terms; outlet and event profiles rewritten whole by the pass)

framing_terms = Table(
    "framing_terms",
    metadata,
    Column("article", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(16), nullable=False),  # bias | hedge | factive | assertive | implicative | act
    Column("chain", Integer, nullable=False),  # the entity's chain for an act; -1 for a lexicon hit
    Column("text", Text, nullable=False),
    Column("entry", Text, nullable=False),
    Column("voice", String(10), nullable=False),  # own | reported | quoted
    Column("family", String(16)),
    Column("scare", Integer, nullable=False),
    PrimaryKeyConstraint("article", "start", "kind", "chain"),
)

# How one outlet covers the corpus (event = '') or one event: a JSON document per row.
outlet_profiles = Table(
    "outlet_profiles",
    metadata,
    Column("outlet", Text, nullable=False),
    Column("event", String(32), nullable=False),
    Column("profile", Text, nullable=False),
    PrimaryKeyConstraint("outlet", "event"),
    Index("ix_outlet_profiles_event", "event"),  # v7: an event's page reads its outlets' profiles
)

# Per event: the alternations (how its outlets name the same referent or act), as JSON.
event_framing = Table(
    "event_framing",
    metadata,
    Column("event", String(32), primary_key=True),
    Column("framing", Text, nullable=False),
)


# -- v8: sentence vectors of quote texts, by the text's sha256 (the statements pass embeds
# only texts it has not seen; float16 bytes, like lead_vectors, so a vector does not depend
# on the batch it was computed in).

text_vectors = Table(
    "text_vectors",
    metadata,
    Column("model", String(64), nullable=False),
    Column("text", String(64), nullable=False),
    Column("vector", LargeBinary, nullable=False),
    PrimaryKeyConstraint("model", "text"),
)


# -- v9: results of a corpus pass's pure per-group work (the omissions of one event, the
# statements of one speaker), kept with a digest of their inputs, so a pass that runs again
# on a grown store recomputes only the groups whose inputs changed.

corpus_memo = Table(
    "corpus_memo",
    metadata,
    Column("pass", String(32), nullable=False),
    Column("key", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("value", Text, nullable=False),
    PrimaryKeyConstraint("pass", "key"),
)


# -- v10: the input files already read, by a digest of their bytes, path and what reading
# depends on (see newsprism.pipeline), with the ids of the articles each gave: a run skips
# reading a file it has read before whose articles the store holds.

read_inputs = Table(
    "read_inputs",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("articles", Text, nullable=False),  # JSON list of article ids, in the order read
)
