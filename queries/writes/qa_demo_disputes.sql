-- Demo data: one dispute on the lowest QA review (of the last 90 days, where there is one) of each of the first
-- five agents of every team, by the agent's
-- rank in the team: 1st open, 2nd accepted (corrected +10 points), 3rd rejected, 4th accepted (removed from the
-- score), 5th open. Raised two days after the review and decided two days later, but never after $as_of (the
-- demo's generation time, naive UTC): a review of the last days had its dispute raised and decided in the future.
-- Parameters: $as_of. Run by portal/qa/demo.py after the demo's reviews.
insert into qa_disputes (qa_review_id, agent_id, reason, raised_by, raised_at, status, resolution,
                         corrected_score, decision_comment, decided_by, decided_at)
with
agent_rank as (
    select agent_id, row_number() over (partition by team_id order by agent_id) as n
    from agents_now
    where is_active
),

lowest as (
    select r.qa_review_id, r.agent_id, r.score, r.reviewed_on, ar.n
    from qa_reviews as r
    join agent_rank as ar on ar.agent_id = r.agent_id
    where ar.n <= 5
    qualify row_number() over (
        partition by r.agent_id
        order by r.reviewed_on < (select max(reviewed_on) from qa_reviews) - interval 90 day, r.score, r.qa_review_id
    ) = 1
),

final as (
    select
        qa_review_id,
        agent_id,
        -- in both of the portal's languages, as the demo's coaching notes (qa_demo_sign_offs.sql): the agent's and
        -- the lead's own text, shown as written on an English and a Chinese page alike (each was in one only)
        case n % 3
            when 1 then '客户已确认问题解决，评分未考虑回访记录。 / '
                || 'The customer confirmed the issue was solved; the score did not count the follow-up record.'
            when 2 then '我引用的退款规则是当天有效的规则。 / The refund rule I quoted was the one in force on that day.'
            else '通话中已核实身份，见录音第 2 分钟。 / I checked the caller''s identity: minute 2 of the recording.'
        end as reason,
        'demo' as raised_by,
        least(reviewed_on + interval 2 day, $as_of::timestamp) as raised_at,
        case n when 2 then 'accepted' when 3 then 'rejected' when 4 then 'accepted' else 'open' end as status,
        case n when 2 then 'corrected' when 4 then 'removed' end as resolution,
        case n when 2 then least(100, score + 10) end as corrected_score,
        case n
            when 2 then '核实后规则适用，分数更正。 / Checked: the rule applied, the score is corrected.'
            when 3 then '录音中没有核实身份的环节。 / The recording does not show an identity check.'
            when 4 then '此通话在问候之后才转入，不应计入你的评分。 / '
                || 'This call was transferred in after the greeting: not yours to score.'
        end as decision_comment,
        case when n between 2 and 4 then 'demo' end as decided_by,
        case when n between 2 and 4 then least(reviewed_on + interval 4 day, $as_of::timestamp) end as decided_at
    from lowest
)

select * from final
