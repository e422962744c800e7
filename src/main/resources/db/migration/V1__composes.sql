-- The compose table: every field of the ODCS compose, plus internal columns
-- (reused_id, source_fingerprint). Portable between PostgreSQL and H2 2.x.
create sequence compose_id_seq start with 1 increment by 1;

create table composes (
    id                                bigint       not null primary key,
    owner                             varchar(255) not null,
    source_type                       integer      not null,
    source                            varchar      not null,
    state                             integer      not null,
    state_reason                      varchar,
    time_submitted                    timestamp with time zone not null,
    time_started                      timestamp with time zone,
    time_done                         timestamp with time zone,
    time_removed                      timestamp with time zone,
    time_to_expire                    timestamp with time zone not null,
    removed_by                        varchar(255),
    flags                             integer      not null default 0,
    results                           integer      not null default 0,
    sigkeys                           varchar,
    koji_event                        bigint,
    koji_task_id                      bigint,
    packages                          varchar,
    builds                            varchar,
    arches                            varchar      not null,
    multilib_arches                   varchar,
    multilib_method                   integer      not null default 0,
    lookaside_repos                   varchar,
    modular_koji_tags                 varchar,
    module_defaults_url               varchar,
    label                             varchar(255),
    compose_type                      varchar(64),
    pungi_compose_id                  varchar(255),
    target_dir                        varchar      not null,
    scratch_modules                   varchar,
    parent_pungi_compose_ids          varchar,
    scratch_build_tasks               varchar,
    modules                           varchar,
    respin_of                         varchar(255),
    base_module_br_name               varchar(255),
    base_module_br_stream             varchar(255),
    base_module_br_stream_version_lte bigint,
    base_module_br_stream_version_gte bigint,
    pungi_config_dump                 varchar,
    reused_id                         bigint references composes (id),
    source_fingerprint                varchar
);

-- The list filters and the expiry timer's queries.
create index composes_state_expire_idx on composes (state, time_to_expire);
create index composes_owner_idx on composes (owner);
create index composes_source_type_idx on composes (source_type);
create index composes_time_to_expire_idx on composes (time_to_expire);
create index composes_koji_task_id_idx on composes (koji_task_id);
create index composes_pungi_compose_id_idx on composes (pungi_compose_id);
create index composes_label_idx on composes (label);
create index composes_compose_type_idx on composes (compose_type);
create index composes_reused_id_idx on composes (reused_id);
