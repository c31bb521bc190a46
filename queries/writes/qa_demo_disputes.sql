-- Demo data: disputes of the low QA reviews of the last 60 days, for the first three agents of each team.
-- The team's first agent has one open, one accepted (corrected +10 points) and one rejected dispute; its
-- second and third agent one open each. Parameters: none. Run by portal/qa/demo.py after the demo's reviews.
insert into qa_disputes (qa_review_id, agent_id, reason, raised_by, raised_at, status, resolution,
                         corrected_score, decision_comment, decided_by, decided_at)
with
last_day as (select max(reviewed_on) as day from qa_reviews),

agent_rank as (
    select agent_id, team_id, row_number() over (partition by team_id order by agent_id) as n
    from agents
    where is_active
),

picked as (
    select
        r.qa_review_id,
        r.agent_id,
        r.score,
        r.reviewed_on,
        ar.n as agent_n,
        row_number() over (partition by r.agent_id order by r.score, r.qa_review_id) as review_n
    from qa_reviews as r
    join agent_rank as ar on ar.agent_id = r.agent_id
    cross join last_day
    where r.reviewed_on > last_day.day - interval 60 day and ar.n <= 3
),

final as (
    select
        qa_review_id,
        agent_id,
        case review_n
            when 1 then '客户已确认问题解决，评分未考虑回访记录'
            when 2 then 'The refund rule I quoted was the one in force on that day'
            else '通话中已核实身份，录音第 2 分钟'
        end as reason,
        'demo' as raised_by,
        reviewed_on + interval 2 day as raised_at,
        case review_n when 1 then 'open' when 2 then 'accepted' else 'rejected' end as status,
        case review_n when 2 then 'corrected' end as resolution,
        case review_n when 2 then least(100, score + 10) end as corrected_score,
        case review_n
            when 2 then '核实后规则适用，分数更正'
            when 3 then 'The recording does not show an identity check'
        end as decision_comment,
        case when review_n > 1 then 'demo' end as decided_by,
        case when review_n > 1 then reviewed_on + interval 4 day end as decided_at
    from picked
    where (agent_n = 1 and review_n <= 3) or review_n = 1
)

select * from final
