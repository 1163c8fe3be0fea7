package io.peakhub.subscription.catalog;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The catalog feature's API for subscriptions: plans and add-ons by code, id or name, read only.
 */
@Service
public class Catalog {

  private final CatalogRepository catalog;

  Catalog(CatalogRepository catalog) {
    this.catalog = catalog;
  }

  public Optional<Plan> plan(String code) {
    return catalog.plan(code);
  }

  public Optional<Plan> plan(UUID id) {
    return catalog.plan(id);
  }

  public Optional<Plan> planNamed(String name) {
    return catalog.planNamed(name);
  }

  public Optional<AddOn> addOn(String code) {
    return catalog.addOn(code);
  }

  public Optional<AddOn> addOn(UUID id) {
    return catalog.addOn(id);
  }
}
