package dev.tenantcore.app;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the architecture. Each rule is checked against the real code, shown to see
 * classes in the packages it guards (an empty package would make it pass while checking nothing),
 * and shown to fail on a class that breaks it.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tenantcore");

    static final ArchRule COMMAND_SIDE_IGNORES_QUERY_SIDE = noClasses()
            .that()
            .resideInAPackage("dev.tenantcore.command..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.tenantcore.query..");

    static final ArchRule QUERY_SIDE_IGNORES_COMMAND_SIDE = noClasses()
            .that()
            .resideInAPackage("dev.tenantcore.query..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.tenantcore.command..");

    static final ArchRule SHARED_API_HAS_NO_SPRING = noClasses()
            .that()
            .resideInAPackage("dev.tenantcore.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.persistence..");

    static final ArchRule SHARED_API_DEPENDS_ON_NO_SIDE = noClasses()
            .that()
            .resideInAPackage("dev.tenantcore.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.tenantcore.command..", "dev.tenantcore.query..", "dev.tenantcore.infra..");

    /**
     * A bounded context of one side uses only its own package and the side's {@code shared} package
     * (besides infra, shared-api and libraries, which lie outside the side): ordering may not reach
     * into payments' internals, and so on. Built from the side's root package, so that the planted
     * violation is checked by the very same rule.
     */
    static SliceRule contextsKeepApart(String side, String shared) {
        return slices().matching(side + ".(*)..")
                .namingSlices("context '$1'")
                .should()
                .notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAPackage(side + "." + shared + ".."))
                .as("the contexts of " + side + " use only their own package, " + shared + ", infra and shared-api");
    }

    static final ArchRule COMMAND_CONTEXTS_KEEP_APART = contextsKeepApart("dev.tenantcore.command", "common");

    /**
     * A saga runs inside its event processor's transaction; a provider call there would hold that
     * transaction open for seconds, and a rollback could not undo the money moved. Sagas send
     * commands; the payment queues the call (see QueuedProviderCalls).
     */
    static final ArchRule SAGAS_CALL_NO_PROVIDER = noClasses()
            .that()
            .haveSimpleNameEndingWith("Saga")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.tenantcore.command.payments.provider..");

    static final ArchRule QUERY_CONTEXTS_KEEP_APART = contextsKeepApart("dev.tenantcore.query", "support");

    @Test
    @DisplayName("each rule's guarded packages hold classes, so no rule passes by checking nothing")
    void guardedPackagesAreNotEmpty() {
        for (String pkg : List.of(
                "dev.tenantcore.command", "dev.tenantcore.query", "dev.tenantcore.api", "dev.tenantcore.infra")) {
            assertThat(PRODUCTION.stream()
                            .filter(c -> c.getPackageName().startsWith(pkg))
                            .count())
                    .as("classes in " + pkg)
                    .isGreaterThan(5);
        }
    }

    @Test
    @DisplayName("the command side never imports the query side")
    void commandSideIgnoresQuerySide() {
        COMMAND_SIDE_IGNORES_QUERY_SIDE.check(PRODUCTION);
    }

    @Test
    @DisplayName("the query side never imports the command side")
    void querySideIgnoresCommandSide() {
        QUERY_SIDE_IGNORES_COMMAND_SIDE.check(PRODUCTION);
    }

    @Test
    @DisplayName("shared-api is free of Spring and of both sides")
    void sharedApiStaysPlain() {
        SHARED_API_HAS_NO_SPRING.check(PRODUCTION);
        SHARED_API_DEPENDS_ON_NO_SIDE.check(PRODUCTION);
    }

    @Test
    @DisplayName("no saga calls a payment provider itself")
    void sagasCallNoProvider() {
        assertThat(PRODUCTION.stream().filter(c -> c.getSimpleName().endsWith("Saga")))
                .as("sagas to check")
                .isNotEmpty();
        SAGAS_CALL_NO_PROVIDER.check(PRODUCTION);
    }

    @Test
    @DisplayName("each side has several contexts, so the context rules compare something")
    void sidesHaveContexts() {
        for (String side : List.of("dev.tenantcore.command.", "dev.tenantcore.query.")) {
            Set<String> contexts = PRODUCTION.stream()
                    .map(JavaClass::getPackageName)
                    .filter(p -> p.startsWith(side))
                    .map(p -> p.substring(side.length()).split("\\.")[0])
                    .collect(Collectors.toSet());
            assertThat(contexts).as("contexts of " + side).hasSizeGreaterThan(5);
        }
    }

    @Test
    @DisplayName("a command context uses only its own package, common, infra and shared-api")
    void commandContextsKeepApart() {
        COMMAND_CONTEXTS_KEEP_APART.check(PRODUCTION);
    }

    @Test
    @DisplayName("a query context uses only its own package, support, infra and shared-api")
    void queryContextsKeepApart() {
        QUERY_CONTEXTS_KEEP_APART.check(PRODUCTION);
    }

    @Test
    @DisplayName("the context rule fails on a context that reaches into another, and not for the shared package")
    void contextRuleCanFail() {
        for (String side :
                List.of("dev.tenantcore.command.contextviolation", "dev.tenantcore.query.contextviolation")) {
            JavaClasses planted = new ClassFileImporter().importPackages(side);
            assertThat(planted.size()).isEqualTo(3);
            String shared = side.contains(".command.") ? "common" : "support";
            assertThatThrownBy(() -> contextsKeepApart(side, shared).check(planted))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Payment")
                    .hasMessageNotContaining("SharedPiece")
                    .hasMessageNotContaining("SupportPiece");
        }
    }

    @Test
    @DisplayName("each rule fails on a class that breaks it")
    void rulesCanFail() {
        JavaClasses violators = new ClassFileImporter()
                .importPackages(
                        "dev.tenantcore.command.archviolation",
                        "dev.tenantcore.query.archviolation",
                        "dev.tenantcore.api.archviolation");
        assertThat(violators.size()).isEqualTo(4);
        for (ArchRule rule : List.of(
                SAGAS_CALL_NO_PROVIDER,
                COMMAND_SIDE_IGNORES_QUERY_SIDE,
                QUERY_SIDE_IGNORES_COMMAND_SIDE,
                SHARED_API_HAS_NO_SPRING,
                SHARED_API_DEPENDS_ON_NO_SIDE)) {
            assertThatThrownBy(() -> rule.check(violators))
                    .as(rule.getDescription())
                    .isInstanceOf(AssertionError.class);
        }
    }
}
