"""Spending safely across the deployment: the Postgres answers to the live client's questions
(rate limit, circuit breaker, budget, replies already paid for). See `guard.PostgresGuard`."""
