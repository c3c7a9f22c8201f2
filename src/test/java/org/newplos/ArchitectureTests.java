package org.newplos;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.newplos.common.UiController;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * The house rules Spring Modulith does not check (ModularityTests checks module boundaries and cycles):
 * package-private by default, controllers and SQL in their places.
 */
class ArchitectureTests {

    /** Main and test code: a type another feature's tests use (a fixture's input, say) may be public. */
    private static final JavaClasses ALL = importOnlyOurs();

    private static final DescribedPredicate<JavaClass> IN_MAIN = DescribedPredicate.describe(
            "in main code",
            (JavaClass c) -> c.getSource()
                    .map(source -> !source.getUri().toString().contains("/test-classes/"))
                    .orElse(true));

    private static final JavaClasses MAIN = ALL.that(IN_MAIN);

    /** Public only because a Thymeleaf template calls its methods (the email templates' {@code fmt}). */
    private static final java.util.Set<String> CALLED_BY_TEMPLATES =
            java.util.Set.of("org.newplos.notifications.MailFormat");

    /** Our classes only: the libraries' are not read (fast), their names and annotations still match. */
    private static JavaClasses importOnlyOurs() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter().importPackages("org.newplos");
        } finally {
            ArchConfiguration.get().reset();
        }
    }

    @Test
    void controllersAreNotPublic() {
        classes()
                .that()
                .areNotAnnotations()
                .and(DescribedPredicate.describe(
                        "are controllers",
                        (JavaClass c) ->
                                c.isAnnotatedWith(RestController.class) || c.isMetaAnnotatedWith(Controller.class)))
                .should()
                .notBePublic()
                .check(MAIN);
    }

    @Test
    void controllersLeaveSqlToTheirFeaturesRepository() {
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .or()
                .areAnnotatedWith(UiController.class)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(JdbcClient.class)
                .check(MAIN);
    }

    @Test
    void repositoriesArePublicOnlyWhenAnotherFeatureUsesThem() {
        classes()
                .that()
                .areAnnotatedWith(Repository.class)
                .and()
                .arePublic()
                .and(IN_MAIN)
                .should(beUsedFromAnotherPackage())
                .check(ALL);
    }

    @Test
    void everyPublicTypeIsUsedFromAnotherPackage() {
        classes()
                .that()
                .arePublic()
                .and()
                .areTopLevelClasses()
                .and(IN_MAIN)
                .and(DescribedPredicate.describe(
                        "are not the application's entry point",
                        (JavaClass c) -> !c.getSimpleName().equals("NewplosApplication")))
                .and(DescribedPredicate.describe(
                        "are not called by templates (SpEL invokes public classes only)",
                        (JavaClass c) -> !CALLED_BY_TEMPLATES.contains(c.getName())))
                .should(beUsedFromAnotherPackage())
                .check(ALL);
    }

    @Test
    void theSharedPackagesKnowNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("org.newplos.common..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.newplos.common..",
                        "java..",
                        "jakarta..",
                        "org.springframework..",
                        "org.jspecify..",
                        "tools.jackson..")
                .check(MAIN);
    }

    @Test
    void onlySecurityAndTheCommandLineKnowTheFilterChains() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.newplos.security..")
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "reside in org.newplos.security (but for MemberPrincipal, the portal's signed-in member)",
                        (JavaClass c) -> c.getPackageName().startsWith("org.newplos.security")
                                && !c.getName().equals("org.newplos.security.MemberPrincipal")))
                .check(MAIN);
    }

    private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        return new ArchCondition<>("be used from another package (else make it package-private)") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean used = type.getDirectDependenciesToSelf().stream()
                        .anyMatch(d -> !d.getOriginClass().getPackageName().equals(type.getPackageName()));
                if (!used && !type.getModifiers().contains(JavaModifier.ABSTRACT)) {
                    events.add(SimpleConditionEvent.violated(
                            type, type.getName() + " is public but only its own package uses it"));
                }
            }
        };
    }
}
