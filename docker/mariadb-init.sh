#!/bin/bash
# Run once by the MariaDB image on an empty data directory: one database and one user per
# subgraph, each user granted only its own database. Passwords come from the environment
# (docker/.env), never from this file.
set -euo pipefail
mariadb --protocol=socket -uroot -p"${MARIADB_ROOT_PASSWORD}" <<SQL
CREATE DATABASE IF NOT EXISTS organization CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS customer_service CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS marketing CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS bulk CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'organization'@'%' IDENTIFIED BY '${ORGANIZATION_DB_PASSWORD}';
CREATE USER IF NOT EXISTS 'customer_service'@'%' IDENTIFIED BY '${CUSTOMER_SERVICE_DB_PASSWORD}';
CREATE USER IF NOT EXISTS 'marketing'@'%' IDENTIFIED BY '${MARKETING_DB_PASSWORD}';
CREATE USER IF NOT EXISTS 'bulk'@'%' IDENTIFIED BY '${BULK_DB_PASSWORD}';
GRANT ALL PRIVILEGES ON organization.* TO 'organization'@'%';
GRANT ALL PRIVILEGES ON customer_service.* TO 'customer_service'@'%';
GRANT ALL PRIVILEGES ON marketing.* TO 'marketing'@'%';
GRANT ALL PRIVILEGES ON bulk.* TO 'bulk'@'%';
FLUSH PRIVILEGES;
SQL
