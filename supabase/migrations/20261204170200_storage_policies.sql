-- storage.objects policies (issue 17, item 4). The pipeline and the studio's server use the service
-- role, which bypasses them; these are for a Supabase frontend reading Storage as a signed-in user.
-- Creative objects live under `<company slug>/...` in the private `creatives` bucket: an owner of
-- the company may read them. Exports a user uploads go under `<their user id>/...` in
-- `performance-exports`: they may write and read their own folder only.
-- (`split_part` rather than Supabase's storage.foldername(), so the local stub accepts it too.)

drop policy if exists creatives_company_owner_read on storage.objects;
create policy creatives_company_owner_read on storage.objects for select to authenticated using (
  bucket_id = 'creatives'
  and exists (select 1 from public.companies c where c.slug = split_part(name, '/', 1) and c.user_id = auth.uid())
);

drop policy if exists exports_own_folder on storage.objects;
create policy exports_own_folder on storage.objects for all to authenticated
  using (bucket_id = 'performance-exports' and split_part(name, '/', 1) = auth.uid()::text)
  with check (bucket_id = 'performance-exports' and split_part(name, '/', 1) = auth.uid()::text);
