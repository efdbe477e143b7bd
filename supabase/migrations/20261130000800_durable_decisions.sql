-- Human decisions and money records are never deleted by regeneration (issue 8).
--
-- Before: creative_reviews cascaded from scripts (re-running ad_scripts took every approval with
-- it) and from companies; api_usage cascaded from companies. Now:
--   * a review outlives the script it was about (script_id set null; it is matched by creative name);
--   * a review and a ledger row block the hard delete of their company: companies are archived
--     (archived_at), not deleted;
--   * media rows (images, approved videos) outlive their script row too: the stages decide what
--     to remove, never a cascade;
--   * a review pins the exact brief it judged (brief_hash), so a changed brief reads "approval stale";
--   * companies remember when their pipeline was first launched, whoever launched it, so the
--     new-companies sensor never launches a company twice.

alter table public.creative_reviews alter column script_id drop not null;
alter table public.creative_reviews drop constraint if exists creative_reviews_script_id_fkey;
alter table public.creative_reviews add constraint creative_reviews_script_id_fkey
  foreign key (script_id) references public.scripts (id) on delete set null;
alter table public.creative_reviews drop constraint if exists creative_reviews_company_id_fkey;
alter table public.creative_reviews add constraint creative_reviews_company_id_fkey
  foreign key (company_id) references public.companies (id) on delete restrict;
alter table public.creative_reviews add column if not exists brief_hash text;

alter table public.api_usage drop constraint if exists api_usage_company_id_fkey;
alter table public.api_usage add constraint api_usage_company_id_fkey
  foreign key (company_id) references public.companies (id) on delete restrict;

alter table public.assets drop constraint if exists assets_script_id_fkey;
alter table public.assets add constraint assets_script_id_fkey
  foreign key (script_id) references public.scripts (id) on delete set null;

alter table public.companies add column if not exists archived_at timestamptz;
alter table public.companies add column if not exists pipeline_launched_at timestamptz;
-- companies generated before this migration were launched already
update public.companies set pipeline_launched_at = coalesce(context_updated_at, created_at)
  where pipeline_launched_at is null and context is not null;

-- the video sensor reads approvals still waiting for a render
create index if not exists creative_reviews_unprocessed_green_idx
  on public.creative_reviews (created_at, id) where status = 'GREEN' and processed_at is null;
