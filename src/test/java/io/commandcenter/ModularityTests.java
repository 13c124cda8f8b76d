package io.commandcenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the one-way flow honest: poll → store → engine → control → adapter. Lower layers never
 * reach up; the simulator stands behind the same HTTP APIs as the real clouds. Spring Modulith checks the module model
 * as a whole: no cycle between modules, and no module reaching into another's sub-packages unless they are a named
 * interface.
 */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(CommandCenterApplication.class);

    @Test
    void modulesFormNoCycleAndUseOnlyEachOthersPublicTypes() {
        MODULES.verify();
    }

    /** The diagrams in docs/architecture/ are written from the code, so they cannot drift from it. */
    @Test
    void writesTheModuleDiagrams() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/architecture"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.commandcenter");

    /**
     * The simulator's clouds and the site model they serve know nothing of the platform. Only simulation's
     * sub-packages do: {@code standin} hands the simulator to ingest, {@code bench} measures the platform against it.
     */
    @Test
    void simulatorKnowsNothingOfThePlatform() {
        noClasses().that().resideInAnyPackage("io.commandcenter.simulation", "io.commandcenter.sitemodel..")
                .should().dependOnClassesThat().resideInAnyPackage("io.commandcenter.ingest..",
                        "io.commandcenter.timeseries..", "io.commandcenter.engine..", "io.commandcenter.control..")
                .check(CLASSES);
    }

    /**
     * The simulator is wired in by configuration ({@code SimulatorWanted}), never imported: a production class that
     * used it would run against a fake site. Dry runs use {@code sitemodel}; tests may use the simulator.
     */
    @Test
    void nothingOutsideTheSimulatorImportsIt() {
        noClasses().that().resideOutsideOfPackage("io.commandcenter.simulation..")
                .should().dependOnClassesThat().resideInAPackage("io.commandcenter.simulation..")
                .check(CLASSES);
    }

    @Test
    void storageDoesNotReachUpIntoRulesOrControl() {
        noClasses().that().resideInAPackage("io.commandcenter.timeseries..")
                .should().dependOnClassesThat().resideInAnyPackage("io.commandcenter.ingest..",
                        "io.commandcenter.engine..", "io.commandcenter.control..")
                .check(CLASSES);
    }

    @Test
    void rulesEngineNeverCallsHardware() {
        noClasses().that().resideInAPackage("io.commandcenter.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.commandcenter.ingest..",
                        "io.commandcenter.control..", "io.commandcenter.simulation..")
                .check(CLASSES);
    }

    @Test
    void pollersDoNotControlDevices() {
        noClasses().that().resideInAPackage("io.commandcenter.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("io.commandcenter.engine..",
                        "io.commandcenter.control..")
                .check(CLASSES);
    }

    /** The root package lists the features (application, commands); a feature that reached back would close a cycle. */
    @Test
    void featuresDoNotDependOnTheRootPackage() {
        noClasses().that().resideInAPackage("io.commandcenter.*..")
                .should().dependOnClassesThat().resideInAPackage("io.commandcenter")
                .check(CLASSES);
    }

    @Test
    void agentsNeverSwitchDevicesThemselves() {
        noClasses().that().resideInAPackage("io.commandcenter.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("io.commandcenter.control..",
                        "io.commandcenter.ingest..")
                .check(CLASSES);
    }

    /** Control waits on the clock, by scheduling its next step; only the benchmark may pause a thread. */
    @Test
    void controlNeverSleepsOrMakesItsOwnThreads() {
        noClasses().that().resideInAPackage("io.commandcenter.control..").and().doNotHaveSimpleName("ControlBenchmark")
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class, Runnable.class, String.class)
                .orShould().accessClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .check(CLASSES);
    }
}
