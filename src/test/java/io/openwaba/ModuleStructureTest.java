package io.openwaba;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.openwaba.fixtures.wrongarrow.WrongArrowApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

class ModuleStructureTest {

    @Test
    void modulesKeepTheirBoundaries() {
        ApplicationModules.of(OpenWabaApplication.class).verify();
    }

    @Test
    void aForbiddenDependencyFailsTheCheck() {
        assertThatThrownBy(() -> ApplicationModules.of(WrongArrowApplication.class, location -> true).verify())
                .isInstanceOf(Violations.class)
                .hasMessageContaining("billing");
    }

    @Test
    void noBeanIsInjectedLazilyToBreakACycle() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.openwaba");
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.context.annotation.Lazy")
                .check(classes);
    }

    @Test
    void policiesArePlainJava() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.openwaba");
        noClasses().that().resideInAPackage("..policy..").or().haveSimpleNameEndingWith("Rule")
                .or().haveSimpleNameEndingWith("Rules").or().haveFullyQualifiedName("io.openwaba.shared.Decision")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "jakarta.servlet..", "tools.jackson..")
                .check(classes);
    }
}
