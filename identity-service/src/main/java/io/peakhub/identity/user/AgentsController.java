package io.peakhub.identity.user;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The success agents an agent may hand a customer success record to: ids and names only, for agents
 * and admins (the admin console's /admin/users has the rest, for admins alone).
 */
@RestController
@PreAuthorize("hasAnyRole('success_agent', 'admin')")
class AgentsController {

  /** More agents than this is a team the picker would need a search for. */
  static final int LIMIT = 100;

  record Agent(String id, String name) {}

  private final PortalUsers users;

  AgentsController(PortalUsers users) {
    this.users = users;
  }

  @GetMapping("/agents")
  List<Agent> agents() {
    return users.search(null, "success_agent", null, "name", false, 0, LIMIT).items().stream()
        .filter(PortalUsers.PortalUser::enabled)
        .map(u -> new Agent(u.id(), u.name()))
        .toList();
  }
}
