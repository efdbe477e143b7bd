"""Use-cases shared by the CLI, the studio and the demo: report, export, compliance, estimate."""
