-- Each paid reply is booked in api_usage as it arrives (issue 18 item 7), not when its step ends:
-- a step killed mid-way (kill -9, a lost worker) keeps the rows of every call it paid for.
-- The row names its step's session, so the budget counts a call once while the session is open
-- (its settled reservation and its ledger row hold the same money; the larger of the two sums is
-- what the session spent) and exactly once after the session closes (its reservations go).
alter table public.api_usage add column if not exists session_id uuid;
create index if not exists api_usage_company_session_idx on public.api_usage (company_id, session_id);

create or replace function public.company_spent_usd(p_company uuid) returns numeric
language sql stable as $$
  with open_sessions as (
    select session_id, coalesce(sum(amount_usd) filter (where settled), 0) as settled
    from public.spend_reservations where company_id = p_company group by session_id
  ), booked as (
    select session_id, sum(cost_usd) as cost from public.api_usage where company_id = p_company group by session_id
  )
  select coalesce((select sum(b.cost) from booked b
                   where b.session_id is null or b.session_id not in (select session_id from open_sessions)), 0)
       + coalesce((select sum(greatest(o.settled, coalesce(b.cost, 0)))
                   from open_sessions o left join booked b on b.session_id = o.session_id), 0)
$$;
