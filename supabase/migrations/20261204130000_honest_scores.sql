-- Honest scores (issue 15, items 4 and 6).
--
-- scores: what each part of a script's score rests on.
--   trend_keywords     the company's Trends keywords the script's trend part rests on (empty: the
--                      company baseline, the mean of every answered keyword)
--   rubric             the model's rubric sub-scores (0-10 each: hook, clarity, proof, persona_fit,
--                      platform_fit, cta, viral) and the example pattern it compared against
--   llm_raw            the rubric's 0-100 value before the pack's anchor remapping
--   calibration        'anchored' (remapped through the pack's anchor scripts) or 'raw: <why not>'
--   template_version   the score_scripts prompt version that produced it
--   prior_weight       the performance prior's weight for this script (0 = no matched evidence:
--                      the final score is exactly the seed formula)
--   prior_impressions, prior_creatives, prior_evidence   the evidence behind that weight
alter table public.scores add column if not exists trend_keywords text[] not null default '{}';
alter table public.scores add column if not exists rubric jsonb not null default '{}';
alter table public.scores add column if not exists llm_raw real check (llm_raw between 0 and 100);
alter table public.scores add column if not exists calibration text not null default 'raw';
alter table public.scores add column if not exists template_version text;
alter table public.scores add column if not exists prior_weight real not null default 0
  check (prior_weight between 0 and 1);
alter table public.scores add column if not exists prior_impressions bigint not null default 0
  check (prior_impressions >= 0);
alter table public.scores add column if not exists prior_creatives integer not null default 0
  check (prior_creatives >= 0);
alter table public.scores add column if not exists prior_evidence jsonb not null default '[]';

-- viral_examples become curated ad patterns (supabase/seed.sql, mirrored from
-- creative_pipeline/prompts/ad_patterns.v1.yaml): a stable key, the vertical they are retrieved
-- by, what the first frame shows, and the pattern file's version. `body` holds the structure,
-- `why_it_worked` why the pattern works; `metrics` stays for rows a team adds with its own data.
alter table public.viral_examples add column if not exists pattern_key text;
alter table public.viral_examples add column if not exists vertical text not null default 'general';
alter table public.viral_examples add column if not exists first_frame text not null default '';
alter table public.viral_examples add column if not exists pattern_version text;
create unique index if not exists viral_examples_pattern_key_idx on public.viral_examples (pattern_key);
create index if not exists viral_examples_vertical_idx on public.viral_examples (vertical);
