package io.peakhub.identity.manager;

import java.util.List;
import java.util.UUID;

record ManagerView(
    String id,
    String name,
    String employeeId,
    String primaryEmail,
    String phone,
    String mobile,
    String loginName,
    List<UUID> accountIds) {}
