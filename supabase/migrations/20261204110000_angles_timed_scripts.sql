-- Issue 15 (items 1-3, 5): scripts carry an angle, a placement, a duration, a timed structure
-- (hook with alternatives, beats, objection, proof quote, CTA button + line, Meta primary text)
-- and the reasons a script may not win (ungrounded claim, overrun, brand late, no CTA).
--
-- `template` becomes `angle`: new rows write both (template = the angle key, kept so older
-- readers keep working); old rows are backfilled with the angle their seed template argued.

alter table public.script_batches add column if not exists angle text;
alter table public.script_batches add column if not exists angle_plan jsonb not null default '{}';
update public.script_batches set angle = case template
    when 'problem_agitate_solve' then 'PAIN'
    when 'testimonial_ugc' then 'SOCIAL_PROOF'
    when 'before_after' then 'ASPIRATION'
    when 'howto_listicle' then 'DEMO_FIRST'
    else upper(template) end
  where angle is null;
alter table public.script_batches alter column template drop not null;

alter table public.scripts add column if not exists angle text;
alter table public.scripts add column if not exists placement text;
alter table public.scripts add column if not exists duration_s int check (duration_s between 1 and 120);
alter table public.scripts add column if not exists cta_button text;
alter table public.scripts add column if not exists timed jsonb not null default '{}';
alter table public.scripts add column if not exists ineligible_reasons text[] not null default '{}';
alter table public.scripts add column if not exists checks jsonb not null default '{}';
update public.scripts s set angle = b.angle from public.script_batches b where b.id = s.batch_id and s.angle is null;

-- Vocabularies beside the ABCD dictionaries (mirrors creative_pipeline/domain/vocabulary.py;
-- filled by seed.sql, a unit test keeps the two in step).
create table if not exists public.creative_vocabulary (
  dimension text not null check (dimension in ('angle', 'placement', 'cta_button')),
  code text not null check (code ~ '^[A-Z0-9_]+$'),
  label text not null,
  description text not null default '',
  primary key (dimension, code)
);
alter table public.creative_vocabulary enable row level security;
drop policy if exists creative_vocabulary_read on public.creative_vocabulary;
create policy creative_vocabulary_read on public.creative_vocabulary for select to authenticated using (true);
grant select on public.creative_vocabulary to authenticated;
