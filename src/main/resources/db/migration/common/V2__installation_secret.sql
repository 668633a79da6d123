-- A random secret per installation, shared by every node of it: it signs the requestState
-- of multi round-trip requests (MCP 2026-07-28), so any node can verify what another issued.
alter table bastion_installation add column secret varchar(64);
