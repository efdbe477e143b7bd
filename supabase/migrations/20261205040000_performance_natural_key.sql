-- performance_data is keyed by what identifies a result: (platform, ad name, period start, period
-- end), the key every import already upserts on. Two things every imported row paid for and
-- nothing used go (issue 18 item 2, measured in benchmarks/performance_import.py):
--
-- 1. The surrogate `id uuid default gen_random_uuid()`: no foreign key points at it, no query, view,
--    policy or studio page reads it (the overlap rule of the importer deletes by the key instead).
--    It cost a random uuid and a randomly placed btree insert per row, and its volatile default
--    kept `COPY` from batching rows. The unique key becomes the primary key: same columns, same
--    ON CONFLICT arbiter, one index instead of two.
-- 2. `performance_data_creative_name_idx`: no query filters on creative_name alone (insights read
--    a date range through performance_data_date_start_idx; the rest goes through company_id).
--
-- Kept: import_id / company_id / script_id indexes (the ON DELETE SET NULL / CASCADE of their
-- foreign keys: scripts are deleted whenever a company's scripts are regenerated, companies from
-- the studio), date_start (insights' period reads). RLS is unchanged: its policy reads company_id.
alter table public.performance_data drop constraint if exists performance_data_pkey;
alter table public.performance_data drop column if exists id;
alter table public.performance_data
  drop constraint if exists performance_data_platform_ad_name_date_start_date_end_key;
alter table public.performance_data
  add constraint performance_data_pkey primary key (platform, ad_name, date_start, date_end);
drop index if exists public.performance_data_creative_name_idx;
