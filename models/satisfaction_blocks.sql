-- The building blocks of the satisfaction index, CSAT and NPS over a group of survey responses (SPEC: the
-- portal computes each figure, its n and its interval from these counts in portal/satisfaction).
-- satisfaction_blocks(index_points, overall_satisfaction, recommend_score) is an aggregate macro: use it as
-- `unnest(satisfaction_blocks(...))` in a select with `group by`, one column per block.
-- Parameters: a response's index points (0-100, null without an overall answer), its overall answer (1-5) and
--   its recommendation score (0-10).
-- Grain: one struct per group: responses, overall_n, index_points (mean), index_sd (sample SD), satisfied_n
--   (overall 4 or 5), recommend_n, promoters_n (9-10), detractors_n (0-6).
create or replace macro satisfaction_blocks(index_points, overall_satisfaction, recommend_score) as {
    'responses': count(*),
    'overall_n': count(overall_satisfaction),
    'index_points': avg(index_points),
    'index_sd': stddev_samp(index_points),
    'satisfied_n': count(*) filter (where overall_satisfaction >= 4),
    'recommend_n': count(recommend_score),
    'promoters_n': count(*) filter (where recommend_score >= 9),
    'detractors_n': count(*) filter (where recommend_score <= 6)
};
