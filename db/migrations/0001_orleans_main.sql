-- 0001: the query catalogue that Orleans' ADO.NET providers read at start-up.
--
-- Why: the Microsoft.Orleans.{Clustering,Persistence,Reminders}.AdoNet packages (10.x) ship no SQL.
-- With Invariant "Npgsql" each provider runs `SELECT QueryKey, QueryText FROM OrleansQuery`
-- (unquoted, so PostgreSQL looks up the table orleansquery), keeps the texts in memory and from then
-- on only executes those texts, looked up by key, with its own named parameters (@DeploymentId, ...).
-- Migrations 0002-0004 create the tables behind those queries and register the texts here.
--
-- Contract notes for whoever edits the catalogue:
--  * The key names, the @parameter names and the result column names are fixed by the provider code;
--    everything else (tables, functions, indexes) is GoChat's own.
--  * Result columns are read by name through Npgsql, which falls back to a case-insensitive match,
--    so lowercase (unquoted) names such as newgrainstateversion satisfy "NewGrainStateVersion".
--  * Providers cache the catalogue: a changed query text takes effect only after the silos
--    (and clients) restart.

CREATE TABLE orleansquery
(
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,
    CONSTRAINT orleansquery_pk PRIMARY KEY (querykey)
);

COMMENT ON TABLE orleansquery IS
    'Orleans ADO.NET providers load their SQL from here by QueryKey (see db/migrations/0001-0004).';
