-- A list filter from the sidebar: is the row's value selected? An empty selection means "all".
-- Parameters: selected (a list of values), row_value (the row's value).
-- Grain: a scalar macro, one boolean per row.
create or replace macro in_selection(selected, row_value) as len(selected) = 0 or list_contains(selected, row_value);
