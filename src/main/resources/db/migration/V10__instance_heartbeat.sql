-- One row per running instance, refreshed every expiry period by the instance itself: the
-- celery_workers metrics count the instances seen lately (ODCS counted Celery workers answering a
-- ping). Rows of instances gone for a day are pruned. Portable between PostgreSQL and H2 2.x.
create table instance_heartbeats (
    instance_name varchar(255)             not null primary key,
    last_seen     timestamp with time zone not null
);
