-- Save (or replace) a column mapping of an upload kind under its name, with the import options it was saved with.
insert into column_mappings (kind, name, mapping, options, created_by)
values ($kind, $name, $mapping, $options, $created_by)
on conflict (kind, name) do update set
    mapping = excluded.mapping,
    options = excluded.options,
    created_by = excluded.created_by
