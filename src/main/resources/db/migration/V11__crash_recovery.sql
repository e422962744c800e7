-- Crash recovery: who generates a compose (the instance's name and the id of its current boot),
-- how many times it was claimed (the claim check of a late result) and how many times its
-- generation was interrupted by a crash (failed after the third). An instance's heartbeat row
-- carries its boot id, so a compose whose generator is gone or restarted is recognised.
-- Portable between PostgreSQL and H2 2.x.
alter table composes add column generating_instance varchar(255);
alter table composes add column generating_boot varchar(64);
alter table composes add column generation_attempts integer default 0 not null;
alter table composes add column generation_interruptions integer default 0 not null;
alter table instance_heartbeats add column boot_id varchar(64);
