-- A DELETE of a done/failed compose asks the expiry timer to remove it now; the flag tells the
-- timer to record "Removed by <user>." instead of "Compose is expired.".
alter table composes add column removal_requested boolean default false not null;
