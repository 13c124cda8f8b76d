-- One schema per device cloud plus `system` for the platform's own tables.
CREATE SCHEMA IF NOT EXISTS victron;
CREATE SCHEMA IF NOT EXISTS shelly;
CREATE SCHEMA IF NOT EXISTS solark;
CREATE SCHEMA IF NOT EXISTS system;
