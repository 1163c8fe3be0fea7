package io.peakhub.identity.membership;

import java.util.Optional;

/**
 * A person's display name, for announcing who manages an account. Implemented by the user feature,
 * so that memberships do not depend on users (users already list their memberships).
 */
public interface PersonNames {

  Optional<String> nameOf(String userId);
}
