"""5S results: figures (section and overall %, bands, ranking, trend, consistency), corrective actions and
their PDCA workflow rules, display tables and exports. The SQL is in models/fives_*.sql and queries/fives_*.sql;
the writes in portal/writes.py (section "5S workflow")."""
