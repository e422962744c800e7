-- The packages a done compose resolved to ("<arch> <nevra>" lines), so that regenerating it
-- (PATCH of a removed compose) gives the same NEVRAs; and which compose a copy regenerates.
create table compose_package_lists (
    compose_id bigint  not null primary key references composes (id) on delete cascade,
    packages   varchar not null
);
alter table composes add column regenerated_from bigint references composes (id);
