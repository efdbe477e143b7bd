-- Reviewer compliance overrides are human decisions: like creative_reviews and api_usage (see
-- 20261130000800_durable_decisions.sql) they block the hard delete of their company instead of
-- cascading away with it. Companies are archived, not deleted.

alter table public.compliance_overrides drop constraint if exists compliance_overrides_company_id_fkey;
alter table public.compliance_overrides add constraint compliance_overrides_company_id_fkey
  foreign key (company_id) references public.companies (id) on delete restrict;

-- A render the provider accepted is a money record too (its id and booked cost).
alter table public.video_renders drop constraint if exists video_renders_company_id_fkey;
alter table public.video_renders add constraint video_renders_company_id_fkey
  foreign key (company_id) references public.companies (id) on delete restrict;
