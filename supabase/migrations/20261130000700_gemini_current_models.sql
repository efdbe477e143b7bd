-- Today's Gemini (issue 7): served model versions, temperature provenance, durable video renders.

-- The service routes some ids to newer models: `modelVersion` of the response says what served.
alter table public.api_usage add column if not exists model_version text;
alter table public.script_batches add column if not exists model_version text;
-- false when the model ignores temperature (Gemini 3.5+): the batch's temperature was not applied
alter table public.script_batches add column if not exists temperature_applied boolean;

-- One row per render the provider accepted (an Interactions-API id or a Veo operation name),
-- written before polling, so a crash, a deadline or a step retry polls it instead of paying again.
create table if not exists public.video_renders (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  creative_name text not null,
  brief_sha text not null,
  backend text not null check (backend in ('interactions', 'veo')),
  model text not null,
  provider_render_id text not null,
  status text not null check (status in ('submitted', 'done', 'failed', 'expired')),
  error text,
  seconds numeric(6, 2) not null default 0,
  resolution text,
  cost_usd numeric(12, 6) not null default 0,
  model_version text,
  submitted_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (backend, provider_render_id)
);
create index if not exists video_renders_lookup_idx
  on public.video_renders (company_id, creative_name, brief_sha, submitted_at desc);

alter table public.video_renders enable row level security;
drop policy if exists video_renders_owner on public.video_renders;
create policy video_renders_owner on public.video_renders
  for select to authenticated using (public.owns_company(company_id));
grant select on public.video_renders to authenticated;
