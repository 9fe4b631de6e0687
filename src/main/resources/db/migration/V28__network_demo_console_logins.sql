-- The demo business's console logins: sandbox mode sets new passwords and prints them at every start.
ALTER TABLE network_demo ADD COLUMN operator_login VARCHAR(320);
ALTER TABLE network_demo ADD COLUMN operator_password VARCHAR(64);
ALTER TABLE network_demo ADD COLUMN admin_login VARCHAR(320);
ALTER TABLE network_demo ADD COLUMN admin_password VARCHAR(64);
