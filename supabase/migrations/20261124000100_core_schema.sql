-- creative_pipeline core schema. UUID keys, timestamps, indexed foreign keys.
-- gen_random_uuid() is core PostgreSQL (13+): no extension needed.
-- Every company-owned row carries company_id so a partition's rows can be replaced in one
-- transaction (delete + insert) and RLS can check ownership with one join.


create table if not exists public.companies (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]*$' and length(slug) <= 48),
  name text not null,
  url text not null check (url ~* '^https?://'),
  uvp text not null check (length(btrim(uvp)) between 1 and 1000),
  user_id uuid references auth.users (id) on delete set null,
  context jsonb,
  context_provider text,
  context_updated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists companies_user_id_idx on public.companies (user_id);
create index if not exists companies_created_at_id_idx on public.companies (created_at, id);

create table if not exists public.personas (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  position int not null check (position between 1 and 20),
  name text not null,
  archetype text not null,
  data jsonb not null,
  provider text not null,
  model text not null,
  created_at timestamptz not null default now(),
  unique (company_id, position)
);
create index if not exists personas_company_id_idx on public.personas (company_id);

create table if not exists public.script_batches (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  persona_id uuid not null references public.personas (id) on delete cascade,
  batch_index int not null,
  template text not null,
  template_version text not null,
  temperature real not null,
  provider text not null,
  model text not null,
  tokens_in int not null default 0,
  tokens_out int not null default 0,
  status text not null default 'ok' check (status in ('ok', 'failed')),
  error text,
  created_at timestamptz not null default now(),
  unique (persona_id, batch_index)
);
create index if not exists script_batches_company_id_idx on public.script_batches (company_id);
create index if not exists script_batches_persona_id_idx on public.script_batches (persona_id);

create table if not exists public.scripts (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  persona_id uuid not null references public.personas (id) on delete cascade,
  batch_id uuid not null references public.script_batches (id) on delete cascade,
  position int not null,
  headline text not null,
  hook text not null,
  body text not null,
  cta text not null,
  keywords text[] not null default '{}',
  scene_setting text not null,
  scene_subject text not null,
  action text not null,
  driver text not null,
  format text not null,
  provider text not null,
  model text not null,
  is_winner boolean not null default false,
  winner_rank int check (winner_rank between 1 and 99),
  created_at timestamptz not null default now(),
  unique (batch_id, position)
);
create index if not exists scripts_company_id_idx on public.scripts (company_id);
create index if not exists scripts_persona_id_idx on public.scripts (persona_id);
create index if not exists scripts_batch_id_idx on public.scripts (batch_id);
create unique index if not exists scripts_company_winner_rank_idx
  on public.scripts (company_id, winner_rank) where winner_rank is not null;

create table if not exists public.scores (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  script_id uuid not null unique references public.scripts (id) on delete cascade,
  trend real not null check (trend between 0 and 100),
  trend_status text not null check (trend_status in ('ok', 'cached', 'unavailable')),
  llm real not null check (llm between 0 and 100),
  viral real not null check (viral between 0 and 100),
  performance_prior real check (performance_prior between 0 and 100),
  final real not null check (final between 0 and 100),
  weights jsonb not null,
  rationale text not null default '',
  provider text not null,
  model text not null,
  created_at timestamptz not null default now()
);
create index if not exists scores_company_id_idx on public.scores (company_id);

-- Briefs (kind image_brief / video_brief, content in data) and media objects (storage_path).
create table if not exists public.assets (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  script_id uuid references public.scripts (id) on delete cascade,
  kind text not null check (kind in ('image_brief', 'video_brief', 'image', 'thumbnail', 'video', 'contact_sheet')),
  creative_name text,
  variant int not null default 1,
  status text not null default 'ok' check (status in ('ok', 'failed')),
  error text,
  storage_bucket text,
  storage_path text,
  content_type text,
  bytes bigint,
  data jsonb not null default '{}',
  provider text not null,
  model text not null,
  created_at timestamptz not null default now(),
  unique (company_id, kind, creative_name, variant)
);
create index if not exists assets_company_id_idx on public.assets (company_id);
create index if not exists assets_script_id_idx on public.assets (script_id);
create index if not exists assets_creative_name_idx on public.assets (creative_name);

create table if not exists public.creative_reviews (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  script_id uuid not null references public.scripts (id) on delete cascade,
  creative_name text not null,
  status text not null check (status in ('GREEN', 'YELLOW', 'RED')),
  feedback text,
  reviewer uuid references auth.users (id) on delete set null,
  processed_at timestamptz,
  created_at timestamptz not null default now()
);
create index if not exists creative_reviews_company_id_idx on public.creative_reviews (company_id);
create index if not exists creative_reviews_script_id_idx on public.creative_reviews (script_id);
create index if not exists creative_reviews_reviewer_idx on public.creative_reviews (reviewer);

create table if not exists public.api_usage (
  id uuid primary key default gen_random_uuid(),
  company_id uuid references public.companies (id) on delete cascade,
  step text not null,
  provider text not null,
  model text not null,
  kind text not null check (kind in ('text', 'image', 'video', 'trends')),
  tokens_in int not null default 0,
  tokens_out int not null default 0,
  latency_ms int not null default 0,
  cost_usd numeric(12, 6) not null default 0,
  status text not null check (status in ('ok', 'retry', 'failed')),
  error text,
  created_at timestamptz not null default now()
);
create index if not exists api_usage_company_id_idx on public.api_usage (company_id);
create index if not exists api_usage_created_at_idx on public.api_usage (created_at);

create table if not exists public.trend_cache (
  keyword text not null,
  geo text not null default '',
  timeframe text not null,
  score real check (score between 0 and 100),
  status text not null check (status in ('ok', 'unavailable')),
  error text,
  fetched_at timestamptz not null default now(),
  primary key (keyword, geo, timeframe)
);

create table if not exists public.viral_examples (
  id uuid primary key default gen_random_uuid(),
  platform text not null,
  hook text not null unique,
  body text not null,
  why_it_worked text not null,
  metrics jsonb not null default '{}',
  created_at timestamptz not null default now()
);

create table if not exists public.abcd_dictionary (
  dimension text not null check (dimension in ('scene_setting', 'scene_subject', 'action', 'driver', 'format')),
  code text not null check (code ~ '^[A-Z0-9]+$'),
  label text not null,
  description text not null default '',
  primary key (dimension, code)
);

create table if not exists public.performance_imports (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references auth.users (id) on delete set null,
  platform text not null check (platform in ('meta', 'google_ads', 'tiktok', 'auto')),
  source text not null check (source in ('cli', 'storage')),
  storage_path text,
  file_name text not null,
  file_sha256 text,
  status text not null default 'pending' check (status in ('pending', 'processing', 'done', 'failed')),
  report jsonb not null default '{}',
  error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index if not exists performance_imports_status_idx on public.performance_imports (status, created_at);
create index if not exists performance_imports_user_id_idx on public.performance_imports (user_id);

create table if not exists public.performance_data (
  id uuid primary key default gen_random_uuid(),
  import_id uuid references public.performance_imports (id) on delete set null,
  platform text not null,
  ad_name text not null,
  date_start date not null,
  date_end date not null,
  creative_name text,
  company_id uuid references public.companies (id) on delete cascade,
  script_id uuid references public.scripts (id) on delete set null,
  impressions bigint not null check (impressions >= 0),
  clicks bigint not null check (clicks >= 0),
  spend numeric(14, 4) not null default 0,
  currency text,
  conversions numeric(14, 4) not null default 0,
  revenue numeric(14, 4),
  updated_at timestamptz not null default now(),
  unique (platform, ad_name, date_start, date_end)
);
create index if not exists performance_data_import_id_idx on public.performance_data (import_id);
create index if not exists performance_data_company_id_idx on public.performance_data (company_id);
create index if not exists performance_data_script_id_idx on public.performance_data (script_id);
create index if not exists performance_data_creative_name_idx on public.performance_data (creative_name);

create table if not exists public.insights (
  id uuid primary key default gen_random_uuid(),
  period_start date not null,
  period_end date not null,
  company_id uuid references public.companies (id) on delete cascade,
  type text not null,
  dimension text,
  key text not null,
  value double precision not null,
  confidence double precision not null check (confidence between 0 and 1),
  data jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index if not exists insights_period_idx on public.insights (period_end, type);
create index if not exists insights_company_id_idx on public.insights (company_id);
