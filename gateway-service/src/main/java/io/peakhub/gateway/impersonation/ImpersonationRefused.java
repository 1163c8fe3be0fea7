package io.peakhub.gateway.impersonation;

import org.springframework.http.HttpStatusCode;

/**
 * A refusal that becomes one problem+json answer: our own (slug, detail) or identity-service's body
 * relayed as is.
 */
class ImpersonationRefused extends RuntimeException {

  final HttpStatusCode status;
  final String slug;
  final String relayedBody;

  ImpersonationRefused(HttpStatusCode status, String slug, String detail) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.relayedBody = null;
  }

  ImpersonationRefused(HttpStatusCode status, String relayedBody) {
    super("identity-service answered " + status.value());
    this.status = status;
    this.slug = null;
    this.relayedBody = relayedBody;
  }
}
