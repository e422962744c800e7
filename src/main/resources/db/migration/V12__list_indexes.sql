-- Indexes for the compose list (GET /api/1/composes/): each equality filter is indexed together
-- with id, so that "filter, newest first" (the default order -id) reads one page of index entries
-- instead of sorting every matching row, and the page's COUNT(*) is an index-only scan. They
-- replace the single-column indexes of V1. The time_* orders get one index each. No index on
-- source: it is unbounded text (many repositories, module lists), and a PostgreSQL btree refuses
-- entries over ~2.7 kB, which would refuse the compose itself. Portable between PostgreSQL and H2.
drop index composes_owner_idx;
drop index composes_source_type_idx;
drop index composes_koji_task_id_idx;
drop index composes_pungi_compose_id_idx;
drop index composes_label_idx;
drop index composes_compose_type_idx;

create index composes_state_id_idx on composes (state, id);
create index composes_owner_id_idx on composes (owner, id);
create index composes_source_type_id_idx on composes (source_type, id);
create index composes_koji_task_id_id_idx on composes (koji_task_id, id);
create index composes_pungi_compose_id_id_idx on composes (pungi_compose_id, id);
create index composes_label_id_idx on composes (label, id);
create index composes_compose_type_id_idx on composes (compose_type, id);
create index composes_time_submitted_idx on composes (time_submitted);
create index composes_time_done_idx on composes (time_done);
create index composes_time_removed_idx on composes (time_removed);
