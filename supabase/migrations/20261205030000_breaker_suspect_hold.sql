-- The breaker's "suspect" hold (issue 18 item 4): once a transient failure (5xx, timeout) comes
-- back for a model, no new request for it leaves any process until a success is booked, the
-- breaker opens, or the calls in flight have come back (then one trial at a time goes).
-- `in_flight`: requests sent and not yet answered, across every process. A process that dies
-- leaks its count, so the count is only believed for a call timeout after `last_sent_at`:
-- every call sent before then has come back or timed out.
alter table public.provider_breakers add column if not exists in_flight int not null default 0;
alter table public.provider_breakers add column if not exists last_sent_at timestamptz;
alter table public.provider_breakers add column if not exists suspect_since timestamptz;
