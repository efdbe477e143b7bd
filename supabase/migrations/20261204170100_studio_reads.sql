-- The studio reads as the signed-in user (role `authenticated`, RLS decides, issue 17). Spend shown per
-- company adds settled reservations to the ledger, so the owner may read their own reservations.
drop policy if exists spend_reservations_owner on public.spend_reservations;
create policy spend_reservations_owner on public.spend_reservations
  for select to authenticated using (public.owns_company(company_id));
grant select on public.spend_reservations to authenticated;
