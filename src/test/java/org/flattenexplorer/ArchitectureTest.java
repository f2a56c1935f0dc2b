package org.flattenexplorer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, checked on the compiled classes (every reference counts: imports, fully qualified
 * names, the types of fields and of what a method returns), each rule with its reason.
 */
class ArchitectureTest {
    private static final String[] CORE = {"org.flattenexplorer.data..", "org.flattenexplorer.model..",
        "org.flattenexplorer.training..", "org.flattenexplorer.inspect..", "org.flattenexplorer.charts..",
        "org.flattenexplorer.lesson..", "org.flattenexplorer.cli..", "org.flattenexplorer.keras.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.flattenexplorer");
    }

    @Test
    void theCoreHasNoJavaFx() {
        ArchRule rule = noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .because("the core trains, inspects and writes headless (CLI, CI, the handout); the window observes it");
        rule.check(classes);
    }

    @Test
    void theWindowNeverReachesIntoDl4j() {
        ArchRule rule = noClasses().that().resideInAPackage("org.flattenexplorer.ui..").should().dependOnClassesThat()
                .resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                .because("networks are not thread-safe: only the core touches them, with its own locks and copies");
        rule.check(classes);
    }

    @Test
    void theCliDoesNotDependOnTheWindow() {
        ArchRule rule = noClasses().that().resideInAPackage("org.flattenexplorer.cli..").should().dependOnClassesThat()
                .resideInAPackage("org.flattenexplorer.ui..")
                .because("the commands run without a display, on a machine with no JavaFX libraries loaded");
        rule.check(classes);
    }

    @Test
    void theDataLayerKnowsNothingOfModelsOrTraining() {
        ArchRule rule = noClasses().that().resideInAPackage("org.flattenexplorer.data..").should().dependOnClassesThat()
                .resideInAnyPackage("org.deeplearning4j..", "org.flattenexplorer.model..",
                        "org.flattenexplorer.training..")
                .because("reading and encoding reviews is the same for every model, and testable without one");
        rule.check(classes);
    }
}
