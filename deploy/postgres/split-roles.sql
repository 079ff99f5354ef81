-- Moves an existing Stappenplan database from one role (DATABASE_URL only, or the superuser of the
-- earlier docker-compose.yml) to the two roles of create-roles.sql. Nothing in it is copied or
-- removed: the tables, sequences and functions change owner. Run once, as a superuser, connected
-- to the bot's database, with the bot stopped:
--
--   export STAPPENPLAN_OWNER_PASSWORD='…' STAPPENPLAN_BOT_PASSWORD='…'
--   psql -U postgres -d stappenplan -f deploy/postgres/split-roles.sql
--
-- Then start the bot with DATABASE_URL as stappenplan_bot and MIGRATION_DATABASE_URL as
-- stappenplan_owner. Other names: -v owner_role=… -v bot_role=…  Needs psql 15 or newer.

\set ON_ERROR_STOP on
\if :{?owner_role}
\else
  \set owner_role stappenplan_owner
\endif
\if :{?bot_role}
\else
  \set bot_role stappenplan_bot
\endif
\getenv owner_password STAPPENPLAN_OWNER_PASSWORD
\getenv bot_password STAPPENPLAN_BOT_PASSWORD
\if :{?owner_password}
\else
  do $$ begin raise exception 'STAPPENPLAN_OWNER_PASSWORD is not set'; end $$;
\endif
\if :{?bot_password}
\else
  do $$ begin raise exception 'STAPPENPLAN_BOT_PASSWORD is not set'; end $$;
\endif
select current_database() as database \gset

begin;
create role :"owner_role" login password :'owner_password';
create role :"bot_role" login password :'bot_password';
alter database :"database" owner to :"owner_role";
revoke all on database :"database" from public;
grant connect on database :"database" to :"bot_role";
alter schema public owner to :"owner_role";
revoke create on schema public from public;
grant usage on schema public to :"bot_role";
-- A table's indexes and its identity and serial sequences change owner with it.
select format('alter table public.%I owner to %I', c.relname, :'owner_role')
  from pg_class c
  where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f') \gexec
select format('alter sequence public.%I owner to %I', c.relname, :'owner_role')
  from pg_class c
  where c.relnamespace = 'public'::regnamespace and c.relkind = 'S'
    and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
      and d.deptype in ('a', 'i')) \gexec
select format('alter function %s owner to %I', p.oid::regprocedure, :'owner_role')
  from pg_proc p
  where p.pronamespace = 'public'::regnamespace \gexec
commit;
