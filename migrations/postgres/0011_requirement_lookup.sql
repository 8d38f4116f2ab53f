-- A company's requirements are read by role; the two unique indexes on
-- role_requirements are partial (with or without a change), so neither
-- serves that look-up, and the company dashboard scanned every
-- requirement of every company (720,000 rows in the needs benchmark).
CREATE INDEX role_requirements_role_idx ON role_requirements(role_id, competence_id);
