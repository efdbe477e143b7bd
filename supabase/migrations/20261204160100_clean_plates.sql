-- Clean plates and composed ads (issue 19 item 3).
--
-- `image` rows are now the clean plates the image model drew (no text); `ad` rows are a plate
-- reframed for one placement (9:16, 4:5, 1:1) with the headline and CTA laid over by the project.
-- One variant has one ad per placement, so a row is keyed by its placement too ('' for every kind
-- that has none: briefs, plates, thumbnails, videos, the contact sheet). No new table: the
-- existing RLS policies of `assets` cover the new kind and column.
alter table public.assets drop constraint if exists assets_kind_check;
alter table public.assets add constraint assets_kind_check check (kind in (
  'image_brief', 'video_brief', 'image', 'ad', 'thumbnail', 'video', 'contact_sheet'));
alter table public.assets add column if not exists placement text not null default '';
alter table public.assets drop constraint if exists assets_company_id_kind_creative_name_variant_key;
alter table public.assets add constraint assets_company_kind_name_variant_placement_key
  unique (company_id, kind, creative_name, variant, placement);
