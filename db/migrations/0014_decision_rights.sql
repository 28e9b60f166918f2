-- Decision rights (issue 17): decision types × roles, each cell decide / approve / consult /
-- inform. One row per non-empty cell, id "<decision type>:<role>" so every copy writes the
-- same row for the same cell. Gate approvals stay in gate_levels.approver_roles (the matrix
-- shows and edits them there: one truth for who approves a gate); the rows here hold the
-- other decisions and who is consulted on or informed of a gate. Defaults with fixed ids, so
-- every replica starts equal (like the escalation rules).
CREATE TABLE decision_rights (
  id            TEXT PRIMARY KEY,
  decision_type TEXT NOT NULL,
  role_key      TEXT NOT NULL,
  right         TEXT NOT NULL CHECK (right IN ('decide','approve','consult','inform','none')),
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX decision_rights_type ON decision_rights(decision_type);

INSERT INTO decision_rights (id, decision_type, role_key, right) VALUES
  ('discount_exception:commercial_owner', 'discount_exception', 'commercial_owner', 'approve'),
  ('discount_exception:finance_controller', 'discount_exception', 'finance_controller', 'consult'),
  ('discount_exception:service_owner', 'discount_exception', 'service_owner', 'inform'),
  ('discount_exception:steering_sponsor', 'discount_exception', 'steering_sponsor', 'inform'),
  ('service_cost:finance_controller', 'service_cost', 'finance_controller', 'decide'),
  ('service_cost:service_owner', 'service_cost', 'service_owner', 'consult'),
  ('service_cost:operations_lead', 'service_cost', 'operations_lead', 'consult'),
  ('service_cost:commercial_owner', 'service_cost', 'commercial_owner', 'inform'),
  ('sla_review:service_owner', 'sla_review', 'service_owner', 'decide'),
  ('sla_review:quality_reviewer', 'sla_review', 'quality_reviewer', 'consult'),
  ('sla_review:operations_lead', 'sla_review', 'operations_lead', 'consult'),
  ('sla_review:steering_sponsor', 'sla_review', 'steering_sponsor', 'inform'),
  ('offering_change:steering_sponsor', 'offering_change', 'steering_sponsor', 'decide'),
  ('offering_change:commercial_owner', 'offering_change', 'commercial_owner', 'consult'),
  ('offering_change:service_owner', 'offering_change', 'service_owner', 'consult'),
  ('offering_change:finance_controller', 'offering_change', 'finance_controller', 'consult'),
  ('offering_change:process_owner', 'offering_change', 'process_owner', 'inform'),
  ('hold:sponsor', 'hold', 'sponsor', 'decide'),
  ('hold:steering_sponsor', 'hold', 'steering_sponsor', 'decide'),
  ('hold:owner', 'hold', 'owner', 'consult'),
  ('cancel:sponsor', 'cancel', 'sponsor', 'decide'),
  ('cancel:steering_sponsor', 'cancel', 'steering_sponsor', 'decide'),
  ('cancel:controller', 'cancel', 'controller', 'consult'),
  ('close:controller', 'close', 'controller', 'decide'),
  ('close:owner', 'close', 'owner', 'consult'),
  ('close:sponsor', 'close', 'sponsor', 'inform'),
  ('gate_3:steering_sponsor', 'gate_3', 'steering_sponsor', 'inform'),
  ('gate_5:owner', 'gate_5', 'owner', 'inform');
