-- Media stage and the approval gate.
--
-- creative_reviews.reviewer references auth.users, which a CLI reviewer or the demo does not
-- have: `reviewer_label` keeps who reviewed in words ("cli:alice", "demo (auto-approved)").
-- `brief_version` records which version of the brief the review was about, so a later
-- revision is traceable to the feedback that caused it.
alter table public.creative_reviews add column if not exists reviewer_label text;
alter table public.creative_reviews add column if not exists brief_version int;

-- video_approvals_sensor reads GREEN reviews in (created_at, id) order after its cursor;
-- "latest review per creative" reads by company and creative name, newest first.
create index if not exists creative_reviews_status_created_idx
  on public.creative_reviews (status, created_at, id);
create index if not exists creative_reviews_company_name_created_idx
  on public.creative_reviews (company_id, creative_name, created_at desc, id desc);

-- Media rows are looked up by (company, kind) on every re-render and check.
create index if not exists assets_company_kind_idx on public.assets (company_id, kind);
