-- Ad-policy compliance (issue 11): a verdict per script, and reviewers' overrides.
--
-- script_compliance is stage output: replaced with the company's scripts (cascade) and by each
-- run of the script_compliance asset. `reasons` holds the rules' and the Gemini check's reasons
-- side by side (each with rule_id, policy_area, matched phrase, source).
create table if not exists public.script_compliance (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  script_id uuid not null unique references public.scripts (id) on delete cascade,
  content_sha text not null,
  verdict text not null check (verdict in ('GREEN', 'YELLOW', 'RED')),
  rules_verdict text not null check (rules_verdict in ('GREEN', 'YELLOW', 'RED')),
  model_status text not null check (model_status in ('checked', 'not_checked', 'failed')),
  model_verdict text check (model_verdict in ('GREEN', 'YELLOW', 'RED')),
  model_note text not null default '',
  reasons jsonb not null default '[]'::jsonb,
  ruleset_version text not null,
  provider text not null,
  model text not null,
  created_at timestamptz not null default now()
);
create index if not exists script_compliance_company_id_idx on public.script_compliance (company_id);

-- A reviewer's override of a verdict, with the reason: an audit trail, appended to and never
-- rewritten. It names the copy by content_sha (not only the script id), so regenerating the
-- scripts neither deletes it nor moves it to different words: it applies again exactly when
-- the same copy comes back.
create table if not exists public.compliance_overrides (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  script_id uuid references public.scripts (id) on delete set null,
  content_sha text not null,
  verdict_before text check (verdict_before in ('GREEN', 'YELLOW', 'RED')),
  verdict text not null check (verdict in ('GREEN', 'YELLOW', 'RED')),
  reason text not null check (length(btrim(reason)) > 0),
  reviewer uuid references auth.users (id) on delete set null,
  reviewer_label text,
  created_at timestamptz not null default clock_timestamp()
);
create index if not exists compliance_overrides_company_sha_idx
  on public.compliance_overrides (company_id, content_sha, created_at desc);
create index if not exists compliance_overrides_script_id_idx on public.compliance_overrides (script_id);
create index if not exists compliance_overrides_reviewer_idx on public.compliance_overrides (reviewer);

create or replace function public.compliance_overrides_append_only() returns trigger
language plpgsql as $$
begin
  if tg_op = 'UPDATE' and (new.script_id is null and old.script_id is not null)
     and new.content_sha = old.content_sha and new.reason = old.reason and new.verdict = old.verdict then
    return new;  -- the foreign key's ON DELETE SET NULL when scripts are regenerated
  end if;
  raise exception 'compliance_overrides is an audit trail: rows are never changed';
end
$$;
drop trigger if exists compliance_overrides_append_only on public.compliance_overrides;
create trigger compliance_overrides_append_only before update on public.compliance_overrides
  for each row execute function public.compliance_overrides_append_only();

alter table public.script_compliance enable row level security;
alter table public.compliance_overrides enable row level security;

drop policy if exists script_compliance_owner on public.script_compliance;
create policy script_compliance_owner on public.script_compliance
  for select to authenticated using (public.owns_company(company_id));
drop policy if exists compliance_overrides_owner on public.compliance_overrides;
create policy compliance_overrides_owner on public.compliance_overrides
  for select to authenticated using (public.owns_company(company_id));
drop policy if exists compliance_overrides_insert on public.compliance_overrides;
create policy compliance_overrides_insert on public.compliance_overrides
  for insert to authenticated with check (public.owns_company(company_id));

grant select on public.script_compliance, public.compliance_overrides to authenticated;
grant insert on public.compliance_overrides to authenticated;
grant all on public.script_compliance, public.compliance_overrides to service_role;
