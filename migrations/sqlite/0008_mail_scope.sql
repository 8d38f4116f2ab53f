-- Who besides platform administrators may read a queued mail in the outbox:
-- the coordinators of this network when the mail is about the network's
-- shared work (pooled cohorts); when NULL, only the recipient (notifications
-- about what someone follows, account mails). Mails queued before this
-- migration stay with the administrators.
ALTER TABLE mail_outbox ADD COLUMN network_id BIGINT REFERENCES networks(id) ON DELETE SET NULL;
CREATE INDEX mail_outbox_network_idx ON mail_outbox(network_id);
-- Personal-link mails are limited per address and hour (see mail::Mailer).
CREATE INDEX mail_outbox_to_idx ON mail_outbox(to_addr, created_at);
