-- Demo data: every active agent's last complete month (of the QA reviews) signed off with a coaching note.
-- Parameters: $as_of (the demo's generation time, naive UTC). Run by portal/qa/demo.py after the demo's reviews.
insert into scorecard_sign_offs (agent_id, grain, period_start, coaching_note, signed_by, signed_at)
with
last_month as (
    select (date_trunc('month', max(reviewed_on)) - interval 1 month)::date as start, max(reviewed_on) as last_day
    from qa_reviews
),

final as (
    select
        a.agent_id,
        'month' as grain,
        m.start as period_start,
        -- in both of the portal's languages, as a lead of a bilingual team writes it: the note is the lead's text,
        -- shown as written on an English and a Chinese page alike (the demo agent's was English only). About how
        -- to work, never about the figures: the month's figures are generated apart, and "Reopen rate is high"
        -- beside a reopen rate of 0.0 % read as a mistake (tablet probe, session 55)
        case a.agent_id % 4
            when 0 then '注意退换货政策的表述：先引用政策条款，再说明处理方式。 / '
                || 'Mind how the returns policy is worded: quote the policy first, then how it is handled.'
            when 1 then '下一步：先确认客户诉求，再提出解决方案。 / '
                || 'Next: confirm the customer''s request before proposing a fix.'
            when 2 then '每次回访都请记录在工单中，注明客户是否满意。 / '
                || 'Log every follow-up call in the ticket, with whether the customer was satisfied.'
            else '请保持规范开场白，并在结束前复述处理结果。 / '
                || 'Keep the opening script, and repeat the outcome before closing the call.'
        end as coaching_note,
        -- by the team's lead where the demo has one, else the demo admin (shown by display name, not "demo")
        coalesce(
            (select min(u.username) from users as u
             where list_contains(u.roles, 'team_lead') and u.scope_team_id = a.team_id),
            'admin'
        ) as signed_by,
        -- on the 3rd of the next month, but never after the last review day (the demo's today) nor $as_of: a
        -- sign-off dated in the future hid a team lead's real one, the card showing the newest (a tablet reviewer)
        least(m.start + interval 1 month + interval 3 day, m.last_day::timestamp, $as_of::timestamp) as signed_at
    from agents_now as a
    cross join last_month as m
    where a.is_active
)

select * from final
