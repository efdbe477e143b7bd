-- Brand assets and brand kit (issue 19): the brand's own product photos and logo, checked
-- before they are kept, and the kit (colours, typeface, tone of voice, logo) read from the site
-- or set by the user.
--
-- brand_assets holds where each checked image is in Storage (never the bytes), where it came
-- from (the site's image URL, or file:<name> for a user's upload), its kind, size and sha256.
-- Site images are replaced by each company_context run; a user's images stay until removed.
create table if not exists public.brand_assets (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  kind text not null check (kind in ('product', 'logo', 'other')),
  origin text not null check (origin in ('site', 'user')),
  source_url text not null,
  storage_bucket text not null,
  storage_path text not null,
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  bytes bigint not null check (bytes > 0 and bytes <= 10485760),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  width int not null check (width > 0),
  height int not null check (height > 0),
  created_at timestamptz not null default now(),
  unique (company_id, sha256)
);
create index if not exists brand_assets_company_id_idx on public.brand_assets (company_id);

alter table public.companies add column if not exists brand_kit jsonb;

alter table public.brand_assets enable row level security;
drop policy if exists brand_assets_owner on public.brand_assets;
create policy brand_assets_owner on public.brand_assets
  for select to authenticated using (public.owns_company(company_id));
grant select on public.brand_assets to authenticated;
grant all on public.brand_assets to service_role;
