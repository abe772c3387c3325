"""One audit chain per agency, heads that only move forward, and append-only checkpoints.

The rows recorded before this migration form one global chain. They stay as they are (their
hashes are the evidence) and become the opening of the chain of rows with no agency (""): each
gets its position in that chain, the single head becomes that chain's head, and new rows with an
agency code start their own chains from the genesis hash. See
docs/decisions/0009-audit-chains-and-checkpoints.md.
"""

from django.db import migrations, models

GENESIS_HASH = "0" * 64

# -- PostgreSQL -------------------------------------------------------------------------------
# Heads: an update must keep the chain, raise seq and chain onto the old hash; no delete.
# Checkpoints: no update, no delete. (TRUNCATE, which test databases use to empty tables, needs
# the table owner; checkpoints kept outside the database catch what a table owner could do.)
POSTGRES_UP = """
CREATE OR REPLACE FUNCTION core_auditchainhead_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit chain heads cannot be deleted';
  END IF;
  IF NEW.chain <> OLD.chain OR NEW.seq <= OLD.seq OR NEW.previous_hash <> OLD.last_hash THEN
    RAISE EXCEPTION 'an audit chain head can only move forward';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditchainhead_forward_only BEFORE UPDATE OR DELETE ON core_auditchainhead
FOR EACH ROW EXECUTE FUNCTION core_auditchainhead_forward_only();

CREATE OR REPLACE FUNCTION core_auditcheckpoint_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit checkpoints are append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditcheckpoint_append_only BEFORE UPDATE OR DELETE ON core_auditcheckpoint
FOR EACH ROW EXECUTE FUNCTION core_auditcheckpoint_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS core_auditchainhead_forward_only ON core_auditchainhead;
DROP FUNCTION IF EXISTS core_auditchainhead_forward_only();
DROP TRIGGER IF EXISTS core_auditcheckpoint_append_only ON core_auditcheckpoint;
DROP FUNCTION IF EXISTS core_auditcheckpoint_append_only();
"""

# -- SQLite -------------------------------------------------------------------------------------
# Updates only, as for the events (Django's test flush empties tables with DELETE). SQLite drops a
# table's triggers when Django rebuilds the table (adding a NOT NULL column, a constraint), so the
# events' trigger from 0003 is created again here.
SQLITE_UP = [
    """CREATE TRIGGER IF NOT EXISTS core_auditevent_append_only BEFORE UPDATE ON core_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS core_auditchainhead_forward_only
    BEFORE UPDATE ON core_auditchainhead
    WHEN NEW.chain <> OLD.chain OR NEW.seq <= OLD.seq OR NEW.previous_hash <> OLD.last_hash
    BEGIN SELECT RAISE(ABORT, 'an audit chain head can only move forward'); END""",
    """CREATE TRIGGER IF NOT EXISTS core_auditcheckpoint_append_only
    BEFORE UPDATE ON core_auditcheckpoint
    BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS core_auditchainhead_forward_only",
    "DROP TRIGGER IF EXISTS core_auditcheckpoint_append_only",
]


def number_existing_rows(apps, schema_editor):
    """Give every existing row its position in the no-agency chain, and make the single head that
    chain's head (same hash, now with its length and the hash before it)."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")
            cursor.execute(
                "UPDATE core_auditevent e SET seq = n.position FROM "
                "(SELECT id, row_number() OVER (ORDER BY id) AS position FROM core_auditevent) n "
                "WHERE e.id = n.id"
            )
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS core_auditevent_append_only")
            cursor.execute("SELECT id FROM core_auditevent ORDER BY id")
            ids = [row[0] for row in cursor.fetchall()]
            cursor.executemany(
                "UPDATE core_auditevent SET seq = %s WHERE id = %s",
                [(position, pk) for position, pk in enumerate(ids, start=1)],
            )
        cursor.execute("SELECT count(*) FROM core_auditevent")
        count = cursor.fetchone()[0]
        cursor.execute("SELECT hash, previous_hash FROM core_auditevent ORDER BY id DESC LIMIT 1")
        newest = cursor.fetchone()
    Head = apps.get_model("core", "AuditChainHead")
    last_hash, previous_hash = newest if newest else (GENESIS_HASH, GENESIS_HASH)
    head = Head.objects.order_by("pk").first()
    # A head that no longer matches the newest row is left as it is: verify_audit reports it.
    if head is not None and head.last_hash != last_hash:
        last_hash, previous_hash = head.last_hash, GENESIS_HASH
    Head.objects.exclude(pk=getattr(head, "pk", None)).delete()
    Head.objects.update_or_create(
        chain="",
        defaults={"seq": count, "last_hash": last_hash, "previous_hash": previous_hash},
    )
    if connection.vendor == "postgresql":
        # 0003 created the head with an explicit id, which left the id sequence behind it: the
        # next chain's head would collide with it.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('core_auditchainhead', 'id'), "
                "(SELECT coalesce(max(id), 1) FROM core_auditchainhead))"
            )


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)
    elif vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)
    elif vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_domain_events")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="chain"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(default=0, verbose_name="position in the chain"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditchainhead",
            name="chain",
            field=models.CharField(
                blank=True, default="", max_length=64, unique=True, verbose_name="chain"
            ),
        ),
        migrations.AddField(
            model_name="auditchainhead",
            name="seq",
            field=models.PositiveBigIntegerField(default=0, verbose_name="events in the chain"),
        ),
        migrations.AddField(
            model_name="auditchainhead",
            name="previous_hash",
            field=models.CharField(
                default=GENESIS_HASH, max_length=64, verbose_name="hash before the newest"
            ),
        ),
        migrations.AlterField(
            model_name="auditchainhead",
            name="last_hash",
            field=models.CharField(max_length=64, verbose_name="newest hash"),
        ),
        migrations.AlterModelOptions(
            name="auditchainhead",
            options={
                "verbose_name": "audit chain head",
                "verbose_name_plural": "audit chain heads",
            },
        ),
        migrations.CreateModel(
            name="AuditCheckpoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("taken_at", models.DateTimeField(db_index=True, verbose_name="taken at (UTC)")),
                ("chain", models.CharField(blank=True, max_length=64, verbose_name="chain")),
                ("seq", models.PositiveBigIntegerField(verbose_name="events in the chain")),
                ("hash", models.CharField(max_length=64, verbose_name="newest hash")),
            ],
            options={
                "verbose_name": "audit checkpoint",
                "verbose_name_plural": "audit checkpoints",
                "ordering": ["taken_at", "chain"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("taken_at", "chain"), name="core_auditcheckpoint_once_per_run"
                    )
                ],
            },
        ),
        migrations.RunPython(number_existing_rows, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                fields=("chain", "seq"), name="core_auditevent_chain_seq"
            ),
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
