-- performance_imports.source: the demo records its made-up export as 'demo' (services/performance.py
-- import_export(source="demo")), which the original check ('cli', 'storage') refused. 'demo' also lets
-- the studio label insights built from it SYNTHETIC. Idempotent: drop, then add the wider check.
alter table public.performance_imports drop constraint if exists performance_imports_source_check;
alter table public.performance_imports add constraint performance_imports_source_check
  check (source in ('cli', 'storage', 'demo'));
