"""`companies` repository edge cases: long names that collide after truncation, UUID-shaped slugs."""

from creative_pipeline.domain.company import SLUG_MAX_CHARS
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.companies import get_company
from creative_pipeline_tests.conftest import add_company


def test_long_names_get_distinct_slugs_even_when_the_suffix_cuts_the_base(clean_db: Database) -> None:
    name = "Extraordinarily Long Company Name For Cold Brew Coffee Delivery"
    slugs = [add_company(clean_db, f"https://long{i}.example", name=name).slug for i in range(4)]
    assert len(set(slugs)) == 4
    assert all(len(s) <= SLUG_MAX_CHARS for s in slugs)


def test_a_uuid_shaped_slug_is_found_by_slug_and_the_id_still_works(clean_db: Database) -> None:
    company = add_company(clean_db, "https://hex.example", name="0123456789abcdef0123456789abcdef")
    assert company.slug == "0123456789abcdef0123456789abcdef"
    with clean_db.transaction() as conn:
        assert get_company(conn, company.slug).id == company.id
        assert get_company(conn, str(company.id)).id == company.id


def test_concurrent_inserts_of_the_same_name_both_succeed(clean_db) -> None:
    """Two writers race for `race-co`: the loser picks the next free slug instead of failing."""
    import threading

    from creative_pipeline.domain.company import CompanyIn
    from creative_pipeline.resources.supabase.repositories.companies import insert_company

    barrier = threading.Barrier(2)
    slugs: list[str] = []
    errors: list[Exception] = []

    def writer() -> None:
        try:
            with clean_db.transaction() as conn:
                conn.execute("select 1")
                barrier.wait(timeout=10)
                slugs.append(insert_company(conn, CompanyIn(url="https://race.example", uvp="u", name="Race Co")).slug)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == [] and sorted(slugs) == ["race-co", "race-co-2"]
