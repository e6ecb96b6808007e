-- Slack feedback votes, one row per click, written by the Worker (src/runtime/worker/d1-feedback.ts).
-- Every field of a vote (src/server/feedback/record.ts) has its own column, so a vote can be
-- rebuilt whole; the list and the map are JSON text. Applied by
-- `npx wrangler d1 migrations apply iskp-feedback --remote` (see docs/workers.md).
CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,       -- insertion order; breaks ties between equal times
  time TEXT NOT NULL,           -- when the vote was cast, ISO 8601 in UTC (sorts as text)
  vote TEXT NOT NULL,           -- helpful | not_helpful
  mode TEXT,                    -- how the answer was made: extractive | llm; NULL if not recorded
  answerable INTEGER NOT NULL,  -- 1: it answered, 0: it said the sources do not answer
  question TEXT NOT NULL,
  sources TEXT NOT NULL,        -- JSON array of the cited sources' ids, in citation order
  answer TEXT NOT NULL,         -- as shown, possibly shortened to fit a Slack button
  channel TEXT NOT NULL,        -- where the vote came from: slack
  user TEXT NOT NULL,           -- the voter's id on that channel
  context TEXT                  -- JSON object tracing the vote to its message (conversation, message); NULL if none
) STRICT;

CREATE INDEX feedback_by_time ON feedback (time);
