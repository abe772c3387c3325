"""Two ways to insert rows given as dicts: the ORM's bulk_create (every engine) and, on
PostgreSQL, COPY, which skips building model instances and SQL text and is several times faster."""

import json

from django.db import connection, models


class OrmWriter:
    """bulk_create with the ORM: the reference path, and the only one on SQLite."""

    def __init__(self, *, batch: int) -> None:
        self.batch = batch

    def insert(self, model: type[models.Model], rows: list[dict], *, ids: bool = False) -> list:
        objects = model.objects.bulk_create([model(**row) for row in rows], batch_size=self.batch)
        return [obj.pk for obj in objects] if ids else []


class CopyWriter:
    """COPY FROM STDIN through psycopg 3. Every column is written (the database holds no
    defaults for Django's fields); ids the caller needs come from the table's sequence first."""

    def __init__(self, *, batch: int) -> None:
        self.batch = batch
        self._layouts: dict = {}

    def _layout(self, model):
        if model not in self._layouts:
            columns = [field for field in model._meta.concrete_fields if not field.primary_key]
            defaults = {}
            for field in columns:
                default = field.get_default()
                if isinstance(field, models.JSONField):
                    default = json.dumps(default)
                defaults[field.attname] = default
            self._layouts[model] = ([field.attname for field in columns], columns, defaults)
        return self._layouts[model]

    def insert(self, model: type[models.Model], rows: list[dict], *, ids: bool = False) -> list:
        attnames, columns, defaults = self._layout(model)
        table = model._meta.db_table
        names = [field.column for field in columns]
        new_ids: list = []
        with connection.cursor() as cursor:
            if ids:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, len(rows)],
                )
                new_ids = [row[0] for row in cursor.fetchall()]
                names = ["id", *names]
            quoted = ", ".join(connection.ops.quote_name(name) for name in names)
            raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no copy()
            with raw.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for index, row in enumerate(rows):
                    values = [row.get(name, defaults[name]) for name in attnames]
                    if ids:
                        values.insert(0, new_ids[index])
                    copy.write_row(values)
        return new_ids


def writer_for(*, batch: int, use_copy: bool | None = None):
    """COPY on PostgreSQL unless told otherwise; bulk_create everywhere else."""
    if use_copy is None:
        use_copy = connection.vendor == "postgresql"
    return CopyWriter(batch=batch) if use_copy else OrmWriter(batch=batch)
