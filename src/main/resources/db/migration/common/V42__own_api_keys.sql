-- access: internal users manage their own API keys in the admin console. Revoking is a write;
-- the record rule "own keys" keeps it to theirs, and every other field of a key but its name is
-- read-only. Issuing their own key needs no right on users (dev.bastion.access.ApiKeys.issueOwn).
update ir_model_access set perm_write = true where name = 'access_res_users_apikeys_user';
