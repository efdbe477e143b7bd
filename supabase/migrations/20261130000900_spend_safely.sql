-- Spend safely: a budget per company, one rate limit and one circuit breaker per deployment,
-- reservations against the budget, and a cache of replies already paid for.

-- NULL = the deployment default (COMPANY_BUDGET_USD); 0 = no limit, set explicitly.
alter table public.companies add column if not exists budget_usd numeric(12, 4)
  check (budget_usd is null or budget_usd >= 0);

-- Why a row was produced the way it was: "fallback from X: circuit open", "cache hit".
alter table public.api_usage add column if not exists note text;

-- One row per request family (gemini:text, gemini:image, gemini:video): the start times of the
-- requests inside the current window, and a "wait until" the provider's 429 RetryInfo set.
-- Shared by every step, run and process that uses this database (SELECT ... FOR UPDATE).
create table if not exists public.provider_rate_buckets (
  name text primary key,
  starts timestamptz[] not null default '{}',
  blocked_until timestamptz,
  updated_at timestamptz not null default now()
);

-- One row per model: consecutive transient failures in a window open it for a cool-down;
-- then one trial call (half-open) closes or re-opens it.
create table if not exists public.provider_breakers (
  name text primary key,
  state text not null default 'closed' check (state in ('closed', 'open', 'half_open')),
  failures int not null default 0,
  window_started_at timestamptz,
  open_until timestamptz,
  trial_until timestamptz,
  last_error text,
  updated_at timestamptz not null default now()
);

-- Money a step has committed but the ledger does not hold yet: open = a call in flight (its
-- ceiling, until `expires_at`), settled = its actual cost, until the step writes its ledger.
create table if not exists public.spend_reservations (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  session_id uuid not null,
  step text not null,
  model text not null,
  amount_usd numeric(12, 6) not null,
  settled boolean not null default false,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index if not exists spend_reservations_company_id_idx on public.spend_reservations (company_id);
create index if not exists spend_reservations_session_idx on public.spend_reservations (session_id);

-- Replies already paid for, keyed by a hash of (model, prompt, schema, config): a stage that
-- failed or was stopped keeps them here, outside its visible rows, and its re-run reuses them.
create table if not exists public.generation_cache (
  key text primary key,
  company_id uuid references public.companies (id) on delete cascade,
  step text not null,
  model text not null,
  response jsonb not null,
  cost_usd numeric(12, 6) not null default 0,
  created_at timestamptz not null default now()
);
create index if not exists generation_cache_company_id_idx on public.generation_cache (company_id);

alter table public.provider_rate_buckets enable row level security;
alter table public.provider_breakers enable row level security;
alter table public.spend_reservations enable row level security;
alter table public.generation_cache enable row level security;

drop policy if exists spend_reservations_owner on public.spend_reservations;
create policy spend_reservations_owner on public.spend_reservations
  for select to authenticated using (public.owns_company(company_id));
