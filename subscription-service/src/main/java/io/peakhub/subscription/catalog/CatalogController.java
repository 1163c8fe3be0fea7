package io.peakhub.subscription.catalog;

import io.peakhub.platform.money.Money;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The catalog: read by every signed-in user (to pick a plan), managed by admins. */
@RestController
class CatalogController {

  static final String CODE = "[a-z0-9][a-z0-9-]{1,79}";

  record CreateProduct(
      @NotBlank @Pattern(regexp = CODE) String code,
      @NotBlank @Size(max = 200) String name,
      @Size(max = 2000) String description) {}

  record CreatePlan(
      @NotBlank @Pattern(regexp = CODE) String code,
      @NotBlank String productCode,
      @NotBlank @Size(max = 200) String name,
      @NotNull BillingPeriod billingPeriod,
      @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
      @NotNull BigDecimal unitPrice,
      @Min(0) @Max(365) Integer trialDays) {}

  record CreateAddOn(
      @NotBlank @Pattern(regexp = CODE) String code,
      @NotBlank String productCode,
      @NotBlank @Size(max = 200) String name,
      @NotNull BillingPeriod billingPeriod,
      @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
      @NotNull BigDecimal unitPrice) {}

  private final CatalogRepository catalog;
  private final Clock clock;

  CatalogController(CatalogRepository catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  @GetMapping("/catalog/plans")
  List<Plan> plans(@RequestParam(required = false) String currency) {
    return catalog.plans(currency == null ? null : Money.currency(currency).getCurrencyCode());
  }

  @GetMapping("/catalog/add-ons")
  List<AddOn> addOns(@RequestParam(required = false) String currency) {
    return catalog.addOns(currency == null ? null : Money.currency(currency).getCurrencyCode());
  }

  @GetMapping("/admin/catalog/products")
  @PreAuthorize("hasRole('admin')")
  List<Product> products() {
    return catalog.products();
  }

  @PostMapping("/admin/catalog/products")
  @PreAuthorize("hasRole('admin')")
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  public Product createProduct(@Valid @RequestBody CreateProduct request) {
    return catalog.insertProduct(
        request.code(),
        request.name(),
        request.description(),
        clock.instant(),
        CurrentUser.get().username());
  }

  @GetMapping("/admin/catalog/plans")
  @PreAuthorize("hasRole('admin')")
  List<Plan> adminPlans(@RequestParam(required = false) String currency) {
    return plans(currency);
  }

  @PostMapping("/admin/catalog/plans")
  @PreAuthorize("hasRole('admin')")
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  public Plan createPlan(@Valid @RequestBody CreatePlan request) {
    Product product = product(request.productCode());
    BigDecimal price = Money.price("unitPrice", request.unitPrice(), request.currency());
    UUID id = UUID.randomUUID();
    catalog.insertPlan(
        id,
        request.code(),
        product.id(),
        request.name(),
        request.billingPeriod(),
        request.currency(),
        price,
        request.trialDays() == null ? 0 : request.trialDays(),
        clock.instant(),
        CurrentUser.get().username());
    return catalog.plan(id).orElseThrow();
  }

  @GetMapping("/admin/catalog/add-ons")
  @PreAuthorize("hasRole('admin')")
  List<AddOn> adminAddOns(@RequestParam(required = false) String currency) {
    return addOns(currency);
  }

  @PostMapping("/admin/catalog/add-ons")
  @PreAuthorize("hasRole('admin')")
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  public AddOn createAddOn(@Valid @RequestBody CreateAddOn request) {
    Product product = product(request.productCode());
    BigDecimal price = Money.price("unitPrice", request.unitPrice(), request.currency());
    UUID id = UUID.randomUUID();
    catalog.insertAddOn(
        id,
        request.code(),
        product.id(),
        request.name(),
        request.billingPeriod(),
        request.currency(),
        price,
        clock.instant(),
        CurrentUser.get().username());
    return catalog.addOn(id).orElseThrow();
  }

  private Product product(String code) {
    return catalog
        .product(code)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "productCode", "There is no product with code " + code + "."));
  }
}
