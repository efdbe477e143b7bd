-- Stage states for the studio's live status (issue 17): one row per attempt of a company stage,
-- written by the step itself at its start ('running') and end ('succeeded' / 'failed', with the
-- failure's description and what the attempt spent from the `api_usage` ledger).
-- Rows are history (never updated after they finish); a stage's state is its latest row.
-- In the `supabase_realtime` publication so a Supabase frontend can subscribe to changes too.

create table if not exists public.stage_runs (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  stage text not null check (length(stage) between 1 and 64),
  status text not null check (status in ('running', 'succeeded', 'failed')),
  run_id text not null,
  started_at timestamptz not null default clock_timestamp(),
  finished_at timestamptz,
  error text,
  spend_usd numeric(12, 6) not null default 0,
  check ((status = 'running') = (finished_at is null))
);
create index if not exists stage_runs_company_stage_idx on public.stage_runs (company_id, stage, started_at desc);
create index if not exists stage_runs_run_id_idx on public.stage_runs (run_id);

alter table public.stage_runs enable row level security;
drop policy if exists stage_runs_owner on public.stage_runs;
create policy stage_runs_owner on public.stage_runs
  for select to authenticated using (public.owns_company(company_id));
grant select on public.stage_runs to authenticated;
grant all on public.stage_runs to service_role;

-- Supabase creates the publication itself; plain PostgreSQL gets it from supabase/local/bootstrap.sql.
do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime')
     and not exists (select 1 from pg_publication_tables
                     where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = 'stage_runs') then
    alter publication supabase_realtime add table public.stage_runs;
  end if;
end
$$;
