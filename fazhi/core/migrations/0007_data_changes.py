"""The change log behind cached figures (`fazhi.core.changes`): one row per transaction that
wrote to a table of the platform, naming the transaction. The statement-level trigger that
writes it is attached to every table after each migrate (`changes.attach_triggers`)."""

from django.db import migrations

CREATE = """
CREATE TABLE core_datachange (
    xid xid8 PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE OR REPLACE FUNCTION fazhi_note_change() RETURNS trigger AS $$
DECLARE
    _xid text := pg_current_xact_id()::text;
BEGIN
    -- once per transaction: the setting is local, and undone with a rolled-back savepoint
    IF current_setting('fazhi.noted_change', true) IS DISTINCT FROM _xid THEN
        INSERT INTO core_datachange (xid) VALUES (_xid::xid8) ON CONFLICT (xid) DO NOTHING;
        PERFORM set_config('fazhi.noted_change', _xid, true);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp;
"""

DROP = """
DROP FUNCTION IF EXISTS fazhi_note_change() CASCADE;
DROP TABLE IF EXISTS core_datachange;
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0006_accessevent_api_call")]

    operations = [migrations.RunSQL(CREATE, reverse_sql=DROP)]
