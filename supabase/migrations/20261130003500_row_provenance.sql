-- Fallback models (issue 9, point 7): every stage row records the model that actually produced it
-- (the `model` column, unchanged) and, when a fallback model answered, why (`fallback_reason`,
-- null when the configured model answered).
alter table public.personas add column if not exists fallback_reason text;
alter table public.script_batches add column if not exists fallback_reason text;
alter table public.scripts add column if not exists fallback_reason text;
alter table public.scores add column if not exists fallback_reason text;
alter table public.script_compliance add column if not exists fallback_reason text;
alter table public.assets add column if not exists fallback_reason text;

-- Results already paid for by a stopped stage (issue 9, point 2): the generation cache keeps the
-- fallback reason of a cached reply, and the bytes of a generated image (`body`; `response`
-- then holds its small description: mime type, model version, tokens).
alter table public.generation_cache add column if not exists note text;
alter table public.generation_cache add column if not exists body bytea;
