-- Dashboard, part 2 (Reports.monthlyRecurringRevenue, GET /api/v1/reports/mrr): MRR today.
SELECT lr.active_leases, lr.lease_revenue, pr.paying_members, pr.plan_revenue
FROM (SELECT count(*) AS active_leases, coalesce(sum(l.monthly_rate), 0) AS lease_revenue
      FROM leases l
      WHERE l.status <> 'CANCELLED' AND l.period @> CAST(current_date AS date)) lr,
     (SELECT coalesce(sum(c.members), 0) AS paying_members,
             round(coalesce(sum(c.members * (p.price / CASE p.billing_period
                                                           WHEN 'QUARTERLY' THEN 3
                                                           WHEN 'YEARLY' THEN 12
                                                           ELSE 1 END)), 0), 2) AS plan_revenue
      FROM plans p
      CROSS JOIN LATERAL (SELECT count(*) AS members
                          FROM members m
                          WHERE m.status = 'ACTIVE' AND m.plan_id IS NOT NULL
                            AND m.plan_id = p.id) c) pr;
