package io.peakhub.otherservice;

/**
 * Stands for another service's class in ArchitectureRulesTest: neither platform nor the fixture's
 * service.
 */
public final class OtherService {

  private OtherService() {}

  public static String name() {
    return "other";
  }
}
