-- One database per service (and one for Keycloak), as the devstack creates them.
CREATE DATABASE identity;
CREATE DATABASE billing;
CREATE DATABASE subscription;
CREATE DATABASE bff;
CREATE DATABASE keycloak;
