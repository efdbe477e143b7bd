"""Spend: list prices, per-attempt ceilings, the chain's cost model, the shared rate limit and breaker guard, and the per-call ledger."""
