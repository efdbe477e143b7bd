"""Imports of one platform take turns, and the first one into an empty platform is a plain INSERT.

Why it matters: the overlap rule (a new period replaces a stored overlapping one) must see every
stored period, so two imports of one platform cannot interleave; and the plain INSERT (no
ON CONFLICT) is only safe because no other import of the platform can add a key meanwhile.
"""

import threading
import time

from creative_pipeline.assets.performance_data import import_bytes
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.performance_import import IMPORT_LOCK

HEADER = "Ad name,Day,Amount spent (USD),Impressions,Link clicks\n"


def test_a_later_import_inserts_new_keys_and_updates_stored_ones(clean_db: Database) -> None:
    first = import_bytes(clean_db, (HEADER + "a,2026-11-03,1.50,100,2\nb,2026-11-03,2.25,200,4\n").encode(),
                         "one.csv", "meta")
    assert (first.inserted, first.updated) == (2, 0)
    second = import_bytes(clean_db, (HEADER + "a,2026-11-03,3.00,300,6\nc,2026-11-03,0.10,10,1\n"
                                     "c,2026-11-03,0.20,20,1\n").encode(), "two.csv", "meta")
    assert (second.inserted, second.updated, second.duplicates_summed) == (1, 1, 1)
    with clean_db.transaction() as conn:
        rows = conn.execute("select ad_name, impressions, clicks, spend::text as spend from performance_data "
                            "order by ad_name").fetchall()
        key = conn.execute(
            "select array_agg(a.attname::text order by k.i) as cols from pg_index x "
            "cross join unnest(x.indkey) with ordinality k(attnum, i) "
            "join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum "
            "where x.indrelid = 'performance_data'::regclass and x.indisprimary").fetchone()["cols"]
    assert [(r["ad_name"], r["impressions"], r["clicks"], r["spend"]) for r in rows] == [
        ("a", 300, 6, "3.0000"), ("b", 200, 4, "2.2500"), ("c", 30, 2, "0.3000")]
    assert key == ["platform", "ad_name", "date_start", "date_end"]  # the natural key, no surrogate id


def test_an_import_waits_for_the_one_before_it_of_the_same_platform(clean_db: Database) -> None:
    reports = []
    export = (HEADER + "a,2026-11-03,1.50,100,2\n").encode()
    with clean_db.transaction() as other:  # another import of meta, between its upsert and its commit
        other.execute("select pg_advisory_xact_lock(%s, hashtext('meta'))", (IMPORT_LOCK,))
        worker = threading.Thread(target=lambda: reports.append(import_bytes(clean_db, export, "w.csv", "meta")))
        worker.start()
        waiting, deadline = False, time.monotonic() + 60
        while not waiting and worker.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
            with clean_db.transaction() as conn:  # the import's backend queued behind the lock
                waiting = conn.execute("select exists (select 1 from pg_locks where locktype = 'advisory' "
                                       "and not granted and classid = %s::oid) as w", (IMPORT_LOCK,)).fetchone()["w"]
        with clean_db.transaction() as conn:
            stored_meanwhile = conn.execute("select count(*) as n from performance_data").fetchone()["n"]
    worker.join(timeout=60)
    assert waiting and stored_meanwhile == 0  # it waited for its turn instead of writing alongside
    assert reports and reports[0].status == "done" and reports[0].inserted == 1
