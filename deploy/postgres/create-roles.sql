-- Stappenplan on a PostgreSQL server: two roles and one database. Run once, as a superuser.
--
--   stappenplan_owner  owns the tables and runs the migrations       (MIGRATION_DATABASE_URL)
--   stappenplan_bot    the bot itself; at every start the owner grants
--                      it only what it uses, and on audit_event only
--                      SELECT and INSERT, so the audit trail stays
--                      append-only even for someone with its password  (DATABASE_URL)
--
-- The passwords come from the environment, so they are in no file and no shell history:
--
--   export STAPPENPLAN_OWNER_PASSWORD='…' STAPPENPLAN_BOT_PASSWORD='…'
--   psql -U postgres -d postgres -f deploy/postgres/create-roles.sql
--
-- Other names: add -v owner_role=… -v bot_role=… -v database=…
-- docker-compose.yml mounts this file into the postgres image's /docker-entrypoint-initdb.d/.
-- Needs psql 15 or newer (for \getenv); the server may be PostgreSQL 13 or newer.

\set ON_ERROR_STOP on
\if :{?owner_role}
\else
  \set owner_role stappenplan_owner
\endif
\if :{?bot_role}
\else
  \set bot_role stappenplan_bot
\endif
\if :{?database}
\else
  \set database stappenplan
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

create role :"owner_role" login password :'owner_password';
create role :"bot_role" login password :'bot_password';
create database :"database" owner :"owner_role";

-- By default every role may connect to a new database and make temporary tables in it.
revoke all on database :"database" from public;
grant connect on database :"database" to :"bot_role";

\connect :"database"
-- The owner creates the tables; nobody else may create anything in the schema. (Before
-- PostgreSQL 15 every role could create tables in "public".)
alter schema public owner to :"owner_role";
revoke create on schema public from public;
grant usage on schema public to :"bot_role";
