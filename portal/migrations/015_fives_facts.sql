-- 015_fives_facts: the 5S figures' facts, stored (issue 11, speed). Computed by the models fives_item_rollup,
-- fives_section_rollup and fives_inspection_rollup from fives_inspections, fives_item_scores and the template
-- tables; kept in step by the write path (portal.writes.refresh_fives_facts: on every inspection commit and
-- undo, the demo's generation, and on a read-write connect when stale), store by store. The read macros
-- fives_item_results, fives_section_scores and fives_inspection_scores filter these tables.
-- Grains: one row per inspection x template item; per inspection x section; per inspection.
create table fives_item_facts (
    inspection_id bigint not null,
    store_id integer not null,
    region_id integer,
    template_id integer not null,
    inspected_on date not null,
    inspector varchar,
    previous_inspection_id bigint,
    previous_inspected_on date,
    item_code varchar not null,
    section_code varchar not null,
    item_position smallint,
    item_weight double,
    max_score smallint,
    is_red_line boolean,
    score smallint,
    is_not_applicable boolean,
    is_excluded boolean,
    is_failed boolean,
    item_comment varchar,
    is_repeat boolean,
    previous_score smallint
);

create table fives_section_facts (
    inspection_id bigint not null,
    section_code varchar not null,
    store_id integer not null,
    region_id integer,
    template_id integer not null,
    inspected_on date not null,
    inspector varchar,
    items_n bigint,
    applicable_n bigint,
    excluded_n bigint,
    not_applicable_n bigint,
    failed_n bigint,
    repeat_n bigint,
    score_weighted double,
    max_weighted double,
    is_red_line_failed boolean,
    section_position smallint,
    section_weight double,
    section_name_en varchar,
    section_name_zh varchar,
    section_pct double
);

create table fives_inspection_facts (
    inspection_id bigint not null,
    store_id integer not null,
    region_id integer,
    template_id integer not null,
    inspected_on date not null,
    inspector varchar,
    sections_scored_n bigint,
    items_n bigint,
    applicable_n bigint,
    excluded_n bigint,
    failed_n bigint,
    repeat_n bigint,
    red_line_sections_n bigint,
    overall_pct double
);
