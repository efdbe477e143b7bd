-- A name per variant (issue 19 item 5): an exported ad name `<creative>_V<n>` is matched to its
-- variant and rolled up to its creative. `creative_name` stays the creative (the bare name every
-- existing row and insight keys on); `variant` is the `_V<n>` the ad ran (null: a bare name, as
-- exported before variants had names). No new table: RLS of performance_data covers the column.
alter table public.performance_data add column if not exists variant smallint
    check (variant is null or variant between 1 and 99);
comment on column public.performance_data.variant is
    'The variant (_V<n>) of creative_name this ad ran; null when the ad name carried none.';
