"""The studio: the creative team's web app (FastAPI + Jinja2, server-rendered, a little plain JS).

It reads and acts only through `services/` (never a repository), and starts no run itself: the
rows it writes (a company, a GREEN review, an upload) are what the sensors launch runs from."""
