-- The private bucket for creatives (images, thumbnails, videos, contact sheets) and the
-- uploaded ad-platform exports. Private: people get signed URLs, never public links.
insert into storage.buckets (id, name, public, file_size_limit)
values ('creatives', 'creatives', false, 524288000)
on conflict (id) do nothing;

insert into storage.buckets (id, name, public, file_size_limit)
values ('performance-exports', 'performance-exports', false, 104857600)
on conflict (id) do nothing;
