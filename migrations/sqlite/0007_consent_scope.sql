-- Consent names who sees an employee's individual answers: the company's HR
-- admins and the employee's own manager. A company admin sets the manager
-- (an admin or member of the same company, never the person themself).
ALTER TABLE employee_profiles ADD COLUMN manager_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL
    CONSTRAINT employee_profiles_manager_not_self CHECK (manager_user_id <> user_id);
-- The manager the consent named when it was last given; NULL when none was
-- set then. A later manager sees nothing until the person consents again.
ALTER TABLE employee_profiles ADD COLUMN consent_manager_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL;
