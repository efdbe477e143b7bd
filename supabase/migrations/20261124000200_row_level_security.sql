-- RLS on every table: a signed-in user sees only the rows of their own companies.
-- The pipeline connects as the table owner / service_role and bypasses RLS.

alter table public.companies enable row level security;
alter table public.personas enable row level security;
alter table public.script_batches enable row level security;
alter table public.scripts enable row level security;
alter table public.scores enable row level security;
alter table public.assets enable row level security;
alter table public.creative_reviews enable row level security;
alter table public.api_usage enable row level security;
alter table public.trend_cache enable row level security;
alter table public.viral_examples enable row level security;
alter table public.abcd_dictionary enable row level security;
alter table public.performance_imports enable row level security;
alter table public.performance_data enable row level security;
alter table public.insights enable row level security;

create or replace function public.owns_company(target uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select exists (select 1 from public.companies c where c.id = target and c.user_id = auth.uid())
$$;
grant execute on function public.owns_company(uuid) to authenticated;

drop policy if exists companies_owner on public.companies;
create policy companies_owner on public.companies
  for all to authenticated using (user_id = auth.uid()) with check (user_id = auth.uid());

do $$
declare t text;
begin
  foreach t in array array['personas', 'script_batches', 'scripts', 'scores', 'assets',
                           'creative_reviews', 'api_usage', 'performance_data', 'insights']
  loop
    execute format('drop policy if exists %I on public.%I', t || '_owner', t);
    execute format(
      'create policy %I on public.%I for select to authenticated using (public.owns_company(company_id))',
      t || '_owner', t);
  end loop;
end
$$;

-- Reviews are written by people: they may add reviews for their own companies.
drop policy if exists creative_reviews_insert on public.creative_reviews;
create policy creative_reviews_insert on public.creative_reviews
  for insert to authenticated with check (public.owns_company(company_id));

drop policy if exists performance_imports_owner on public.performance_imports;
create policy performance_imports_owner on public.performance_imports
  for all to authenticated using (user_id = auth.uid()) with check (user_id = auth.uid());

-- Shared reference data: readable by every signed-in user, written by the pipeline only.
drop policy if exists viral_examples_read on public.viral_examples;
create policy viral_examples_read on public.viral_examples for select to authenticated using (true);
drop policy if exists abcd_dictionary_read on public.abcd_dictionary;
create policy abcd_dictionary_read on public.abcd_dictionary for select to authenticated using (true);

grant usage on schema public to anon, authenticated, service_role;
grant select on all tables in schema public to authenticated;
grant insert on public.companies, public.creative_reviews, public.performance_imports to authenticated;
grant update, delete on public.companies to authenticated;
grant all on all tables in schema public to service_role;
