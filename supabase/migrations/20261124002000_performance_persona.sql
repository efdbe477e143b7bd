-- Performance rows keep the persona archetype captured when they were matched, so learned
-- effectiveness survives a company's scripts being regenerated (ABCD tags live in the name).
alter table public.performance_data add column if not exists persona text;
create index if not exists performance_data_date_start_idx on public.performance_data (date_start);
create index if not exists insights_type_dimension_key_idx on public.insights (type, dimension, key);
