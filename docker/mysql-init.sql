-- One database and one user per subgraph; each user may touch only its own database.
CREATE DATABASE IF NOT EXISTS organization CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS customer_service CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS marketing CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE USER IF NOT EXISTS 'organization'@'%' IDENTIFIED BY 'organization-change-me';
CREATE USER IF NOT EXISTS 'customer_service'@'%' IDENTIFIED BY 'customer-service-change-me';
CREATE USER IF NOT EXISTS 'marketing'@'%' IDENTIFIED BY 'marketing-change-me';

GRANT ALL PRIVILEGES ON organization.* TO 'organization'@'%';
GRANT ALL PRIVILEGES ON customer_service.* TO 'customer_service'@'%';
GRANT ALL PRIVILEGES ON marketing.* TO 'marketing'@'%';
FLUSH PRIVILEGES;
