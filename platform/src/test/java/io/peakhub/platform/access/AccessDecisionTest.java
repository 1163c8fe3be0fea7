package io.peakhub.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission matrix: for every area, granted level x scope x needed level, with a second user.
 */
class AccessDecisionTest {

  static final String MINE = "acc-1";
  static final String THEIRS = "acc-2";

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Area area : Area.values()) {
      for (Level granted : Level.values()) {
        for (Grant.Scope scope : Grant.Scope.values()) {
          for (Level needed : List.of(Level.view, Level.create, Level.edit, Level.full)) {
            cases.add(Arguments.of(area, granted, scope, needed));
          }
        }
      }
    }
    return cases.stream();
  }

  private static AccountAccess userWith(Area area, Grant grant, String... accounts) {
    AccountScope scope = new AccountScope(false, Set.of(accounts), Map.of(area, grant));
    return () -> scope;
  }

  @ParameterizedTest(name = "{0}: {1}/{2} needs {3}")
  @MethodSource("matrix")
  void aGrantAllowsExactlyTheLevelsUpToItsOwnAndNeverAnotherUsersAccount(
      Area area, Level granted, Grant.Scope scope, Level needed) {
    AccountAccess alice = userWith(area, new Grant(granted, scope), MINE);
    AccountAccess bob = userWith(area, new Grant(Level.full, Grant.Scope.all), THEIRS);

    boolean allowed = granted.ordinal() >= needed.ordinal();
    if (allowed) {
      assertThat(alice.require(MINE, area, needed).allRecords())
          .isEqualTo(scope == Grant.Scope.all);
    } else {
      assertThatThrownBy(() -> alice.require(MINE, area, needed))
          .isInstanceOf(ProblemException.class)
          .satisfies(e -> assertThat(((ProblemException) e).status().value()).isEqualTo(403));
    }
    // whatever Bob's grant, Alice's account does not exist for him: 404 before any 403
    assertThatThrownBy(() -> bob.require(MINE, area, needed)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void anAreaTheProfileDoesNotMentionIsDenied() {
    AccountAccess alice = userWith(Area.my_cases, new Grant(Level.full, Grant.Scope.all), MINE);
    assertThatThrownBy(() -> alice.require(MINE, Area.pay_invoices, Level.view))
        .isInstanceOf(ProblemException.class);
    assertThatCode(() -> alice.requireAny(MINE, Level.view, Area.pay_invoices, Area.my_cases))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> alice.requireAny(MINE, Level.view, Area.pay_invoices, Area.my_account))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void aListAcrossAccountsCoversTheCallersOwnAccountsOnlyAndNeedsTheLevel() {
    AccountAccess alice =
        userWith(Area.my_cases, new Grant(Level.view, Grant.Scope.restricted), MINE, "acc-3");
    AccountScope across = alice.requireAcrossAccounts(Area.my_cases, Level.view);
    assertThat(across.accountIds()).containsExactlyInAnyOrder(MINE, "acc-3");
    assertThat(across.allAccounts()).isFalse();
    assertThat(across.grant(Area.my_cases).allRecords()).isFalse();
    assertThatThrownBy(() -> alice.requireAcrossAccounts(Area.my_cases, Level.create))
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).status().value()).isEqualTo(403));
    assertThatThrownBy(() -> alice.requireAcrossAccounts(Area.pay_invoices, Level.view))
        .isInstanceOf(ProblemException.class);
    AccountAccess nobody = AccountScope::none;
    assertThat(nobody.requireAcrossAccounts(Area.my_cases, Level.view).accountIds()).isEmpty();
  }

  @Test
  void noScopeAtAllIsDenyByDefault() {
    AccountAccess nobody = AccountScope::none;
    assertThatThrownBy(() -> nobody.requireView(MINE)).isInstanceOf(NotFoundException.class);
    assertThat(AccountScope.none().grant(Area.my_account)).isEqualTo(Grant.NONE);
  }
}
