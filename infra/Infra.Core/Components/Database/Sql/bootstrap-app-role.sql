-- Mattermost's own database roles, run as the cluster's master user in the Mattermost database.
--
-- ONE statement (a DO block), so that it runs unchanged through psql and through the RDS Data API, which executes one
-- statement per call. Its inputs are read with current_setting(); the caller sets them in the same transaction first,
-- the password as a bound parameter (never in this text, never in a log line):
--   SELECT set_config('mattermost.app_user', :app_user, true), set_config('mattermost.owner_role', :owner_role, true),
--          set_config('mattermost.secret_user', :secret_user, true), set_config('mattermost.app_password', :password, true);
-- app_user     the login user Mattermost starts with (mattermost_app); the alternating-users rotation also uses
--              app_user || '_clone' and switches between the two on every rotation.
-- owner_role   the NOLOGIN role that owns the database, its public schema and everything Mattermost creates in it.
-- secret_user  whichever of the two users the app secret names now (AWSCURRENT); its password is set to app_password.
--
-- Idempotent: every step looks before it acts, so a second run changes nothing but the stored password hash (same
-- password, new salt). See docs/database-credentials.md.
DO $bootstrap$
DECLARE
    app_user     text := current_setting('mattermost.app_user');
    clone_user   text := current_setting('mattermost.app_user') || '_clone';
    owner_role   text := current_setting('mattermost.owner_role');
    secret_user  text := current_setting('mattermost.secret_user');
    app_password text := current_setting('mattermost.app_password');
    master       text := session_user;
    db           text := current_database();
    login_user   text;
    obj          record;
BEGIN
    IF secret_user NOT IN (app_user, clone_user) THEN
        RAISE EXCEPTION 'the app secret names user %, expected % or %', secret_user, app_user, clone_user;
    END IF;
    IF length(app_password) < 16 THEN
        RAISE EXCEPTION 'the password of % is shorter than 16 characters', secret_user;
    END IF;
    IF master IN (app_user, clone_user, owner_role) THEN
        RAISE EXCEPTION 'run this as the master user, not as %', master;
    END IF;

    -- The owner of everything Mattermost has: a role nobody logs in as.
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = owner_role) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', owner_role);
    END IF;
    -- A CREATEROLE user that is not a superuser (the RDS master) may hand a database or table to a role only when it
    -- can SET ROLE to it. PostgreSQL 16 gives a role's creator ADMIN OPTION on it but not SET, so the grant is still
    -- needed there ('SET' is the v16 name of what 'MEMBER' meant before); the creator may grant it (ADMIN OPTION on 16,
    -- CREATEROLE on 15).
    IF NOT pg_has_role(master, owner_role, CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'SET' ELSE 'MEMBER' END) THEN
        EXECUTE format('GRANT %I TO %I', owner_role, master);
    END IF;

    -- Both login users of the alternating-users rotation exist from the start, each a member of the owner role and
    -- switched to it at login (ALTER ROLE ... SET role): whichever user Mattermost logs in with, what it creates is owned
    -- by the owner role, and the other user can alter it after the next rotation. The rotation then only ever sets a
    -- password (it creates the clone itself only when it is missing, without this setting).
    FOREACH login_user IN ARRAY ARRAY[app_user, clone_user] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = login_user) THEN
            EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION', login_user);
        END IF;
        IF NOT EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                       WHERE r.rolname = owner_role AND u.rolname = login_user) THEN
            EXECUTE format('GRANT %I TO %I', owner_role, login_user);
        END IF;
        IF NOT EXISTS (SELECT FROM pg_db_role_setting s JOIN pg_roles u ON u.oid = s.setrole JOIN pg_database d ON d.oid = s.setdatabase
                       WHERE u.rolname = login_user AND d.datname = db AND format('role=%s', owner_role) = ANY (s.setconfig)) THEN
            EXECUTE format('ALTER ROLE %I IN DATABASE %I SET role = %L', login_user, db, owner_role);
        END IF;
    END LOOP;

    -- The password of the user the secret names now. A failing statement's text would be quoted in the error's
    -- context (and so in the database log): the error is re-raised without it.
    BEGIN
        EXECUTE format('ALTER ROLE %I WITH LOGIN PASSWORD %L', secret_user, app_password);
    EXCEPTION WHEN OTHERS THEN
        RAISE EXCEPTION 'setting the password of % failed: %', secret_user, SQLERRM;
    END;

    -- The database and its public schema belong to the owner role.
    IF (SELECT datdba FROM pg_database WHERE datname = db) <> (SELECT oid FROM pg_roles WHERE rolname = owner_role) THEN
        EXECUTE format('ALTER DATABASE %I OWNER TO %I', db, owner_role);
    END IF;
    IF (SELECT nspowner FROM pg_namespace WHERE nspname = 'public') <> (SELECT oid FROM pg_roles WHERE rolname = owner_role) THEN
        EXECUTE format('ALTER SCHEMA public OWNER TO %I', owner_role);
    END IF;

    -- A deployment where Mattermost ran as the master user: its objects in public move to the owner role. Object by
    -- object, not REASSIGN OWNED, which would also hand over the master's databases and objects elsewhere. Sequences
    -- owned by a column and indexes move with their table.
    FOR obj IN
        SELECT c.oid::regclass AS name, c.relkind
        FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = master)
          AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                                 AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
        ORDER BY c.relkind, c.oid
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I',
            CASE obj.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                             WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
            obj.name, owner_role);
    END LOOP;
    FOR obj IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = (SELECT oid FROM pg_roles WHERE rolname = master)
        ORDER BY p.oid
    LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO %I', obj.name, owner_role);
    END LOOP;
    -- Enums, domains, ranges and stand-alone composite types; array types and the row types of tables follow their
    -- element or table.
    FOR obj IN
        SELECT t.oid::regtype AS name FROM pg_type t
        WHERE t.typnamespace = 'public'::regnamespace AND t.typowner = (SELECT oid FROM pg_roles WHERE rolname = master)
          AND t.typtype IN ('e', 'd', 'r', 'c') AND t.typelem = 0
          AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
        ORDER BY t.oid
    LOOP
        EXECUTE format('ALTER TYPE %s OWNER TO %I', obj.name, owner_role);
    END LOOP;

    -- Only the owner role (and so its members) may connect or make temporary tables; the owner keeps both as owner.
    IF EXISTS (SELECT FROM pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
               WHERE d.datname = db AND a.grantee = 0) THEN
        EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', db);
    END IF;
    IF NOT EXISTS (SELECT FROM pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
                   WHERE d.datname = db AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = owner_role) AND a.privilege_type = 'CONNECT') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', db, owner_role);
    END IF;
END
$bootstrap$;
