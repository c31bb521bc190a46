-- QA-review import check: file rows (qa_check_rows: row_no, review_id, agent_id, reviewed_on) of agents outside the
-- uploader's scope on the review's date: the team and home store are the agent's on reviewed_on (agent_team_spans;
-- no readable date: those now), and the home store's region the one it had then (agent_in_scope), as qa_review_scores
-- places a stored review, so after a move a lead uploads the reviews dated while the agent was in her team, not those
-- from before it joined (a manager those dated while the agent was homed in her stores, and the store in her
-- region). Parameters: scope. Returns row_no; the team the agent was in that day (team_code,
-- team_name; its Chinese name last, team_name_zh) for a refusal that names it, only of an agent the scope holds now (her agent, who moved in: the refusal
-- says whose review it is); and is_former: an agent the scope held on some other day but not now (her former agent:
-- the refusal says he was not hers that day, not where he went). Null / false for any other agent, whose team a
-- lead learns nothing of (probe rows would otherwise tell her every agent's team on any date). Likewise for a
-- manager, of an agent the scope holds now only: the home store that day (store_code, store_name, store_name_zh)
-- and the region it was in then (region_name_en, region_name_zh): a store that moved into her region, or an agent
-- who moved to one of her stores, so that the refusal says whose review it is.
with placed as (
    select
        k.row_no,
        k.reviewed_on,
        a.agent_id,
        a.team_id as team_now_id,
        a.home_store_id as home_now_id,
        case when k.reviewed_on is null then a.team_id else t.team_id end as team_id,
        case when k.reviewed_on is null then a.home_store_id else t.home_store_id end as home_store_id
    from (select row_no, agent_id, cast(reviewed_on as date) as reviewed_on from qa_check_rows) as k
    join agents_now as a on a.agent_id = k.agent_id
    left join agent_team_spans() as t
        on t.agent_id = a.agent_id and k.reviewed_on >= t.valid_from and k.reviewed_on < t.valid_to
),

held_once as (
    -- the agents of the file the scope holds on some day of their history: each span of team and home store, in
    -- the pieces over which the home store kept one region (store_region_spans), on the piece's first day
    select distinct s.agent_id
    from agent_team_spans() as s
    left join store_region_spans() as r
        on r.store_id = s.home_store_id and r.valid_from < s.valid_to and s.valid_from < r.valid_to
    where s.agent_id in (select p.agent_id from placed as p)
      and agent_in_scope(
          $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id,
          $scope_agent_id, s.team_id, s.agent_id, s.home_store_id, greatest(s.valid_from, r.valid_from)
      )
)

select
    p.row_no,
    case when p.is_held_now then t.team_code end as team_code,
    case when p.is_held_now then t.name end as team_name,
    p.is_held_once and not p.is_held_now as is_former,
    case when p.is_held_now then s.store_code end as store_code,
    case when p.is_held_now then s.name end as store_name,
    case when p.is_held_now then s.name_zh end as store_name_zh,
    case when p.is_held_now then g.name_en end as region_name_en,
    case when p.is_held_now then g.name_zh end as region_name_zh,
    case when p.is_held_now then t.name_zh end as team_name_zh
from (
    select
        p.*,
        agent_in_scope(
            $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id,
            $scope_agent_id, p.team_now_id, p.agent_id, p.home_now_id, null
        ) as is_held_now,
        h.agent_id is not null as is_held_once
    from placed as p
    left join held_once as h on h.agent_id = p.agent_id
) as p
left join teams as t on t.team_id = p.team_id
left join stores as s on s.store_id = p.home_store_id
left join regions as g on g.region_id = store_region_on(p.home_store_id, p.reviewed_on)
where not agent_in_scope(
    $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
    p.team_id, p.agent_id, p.home_store_id, p.reviewed_on
)
