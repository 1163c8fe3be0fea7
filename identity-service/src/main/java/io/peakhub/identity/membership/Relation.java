package io.peakhub.identity.membership;

/** How a user belongs to an account. */
public enum Relation {
  /** a customer contact of the account */
  contact,
  /** the account's account manager (account executive) */
  manager
}
