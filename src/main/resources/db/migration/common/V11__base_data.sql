-- erp.base reference data: currencies, countries, the groups of the base module, the main
-- company (every user needs one). Explicit ids stay below each sequence's first block.
insert into res_currency (id, name, full_name, symbol, decimal_places) values
    (1, 'EUR', 'Euro', '€', 2),
    (2, 'USD', 'US Dollar', '$', 2),
    (3, 'GBP', 'Pound Sterling', '£', 2),
    (4, 'CHF', 'Swiss Franc', 'CHF', 2),
    (5, 'JPY', 'Japanese Yen', '¥', 0),
    (6, 'CAD', 'Canadian Dollar', 'CA$', 2);

insert into res_country (id, code, name, currency_id, phone_code) values
    (1, 'BE', 'Belgium', 1, 32),
    (2, 'FR', 'France', 1, 33),
    (3, 'DE', 'Germany', 1, 49),
    (4, 'NL', 'Netherlands', 1, 31),
    (5, 'LU', 'Luxembourg', 1, 352),
    (6, 'ES', 'Spain', 1, 34),
    (7, 'IT', 'Italy', 1, 39),
    (8, 'GB', 'United Kingdom', 3, 44),
    (9, 'CH', 'Switzerland', 4, 41),
    (10, 'US', 'United States', 2, 1),
    (11, 'CA', 'Canada', 6, 1),
    (12, 'JP', 'Japan', 5, 81);

-- Groups every installation has. Access control (ir.model.access, ir.rule) refers to them by
-- xml_id; modules add their own groups in their migrations.
insert into res_groups (id, xml_id, name, category, full_name, comment) values
    (1, 'base.group_user', 'Internal User', 'User types', 'User types / Internal User',
        'Employees: the base of every other group'),
    (2, 'base.group_system', 'Settings', 'Administration', 'Administration / Settings',
        'Manages settings, users, groups and access rights'),
    (3, 'base.group_mcp_user', 'MCP User', 'MCP', 'MCP / MCP User',
        'May use the MCP endpoint /mcp with an API key'),
    (4, 'base.group_mcp_admin', 'MCP Administrator', 'MCP', 'MCP / MCP Administrator',
        'Manages MCP tools, resources, prompts, overrides and API keys');
insert into res_groups_implied_rel (gid, hid) values (2, 1), (4, 3);

insert into res_company (id, name, currency_id, country_id, tz) values (1, 'My Company', 1, 1, 'UTC');
