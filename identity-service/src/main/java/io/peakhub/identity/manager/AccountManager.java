package io.peakhub.identity.manager;

import java.time.OffsetDateTime;

/** One account_manager row: the manager's details here; the login and password live in Keycloak. */
record AccountManager(
    String userId,
    String name,
    String employeeId,
    String primaryEmail,
    String phone,
    String mobile,
    String loginName,
    OffsetDateTime createdAt,
    String createdBy) {}
