-- Transactional outbox for submissions: a compose stored by POST commits alone (no XA with the
-- broker) with dispatched = false; the dispatcher sends its generation request and its first
-- state-changed message in one transaction that also sets dispatched = true. Every other way a
-- compose is queued sends its message in its own transaction, as before: existing and such rows
-- are dispatched already. The index finds the few undispatched rows among all of them.
-- Portable between PostgreSQL and H2 2.x.
alter table composes add column dispatched boolean default true not null;
create index composes_dispatched_id_idx on composes (dispatched, id);
