-- Progress of a generating compose (phase name and percentage), shown in its JSON.
alter table composes add column progress_phase varchar(64);
alter table composes add column progress_percent integer;
