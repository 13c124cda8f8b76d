package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule guard: every way a DRL file could run code of its own inside the server is refused with
 * the line it is on, and every rule the project ships still builds.
 */
class RuleGuardTests {

    private static final String HEAD = """
            package rules;

            import io.commandcenter.engine.*;
            import io.commandcenter.engine.facts.*;

            """;

    /** A rule whose consequence (line 8 of the file) is the given code. */
    private static String consequence(String code) {
        return HEAD + """
                rule "escape"
                when
                    $b: BatteryNow()
                then
                %s
                end
                """.formatted(code);
    }

    /** A rule whose single condition (line 7) is the given pattern. */
    private static String condition(String pattern) {
        return HEAD + """
                rule "escape"
                when
                %s
                then
                    insert(new BatteryCritical());
                end
                """.formatted(pattern);
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                // name, DRL, line, what the refusal names
                Arguments.of("reflection via getClass", consequence("    $b.getClass().getMethod(\"soc\").invoke($b);"), 10, "getClass"),
                Arguments.of("Class.forName", consequence("    Class.forName(\"java.lang.Runtime\");"), 10, "Class.forName"),
                Arguments.of("string-built class name", consequence("    Class.forName(\"java.lang.\" + \"Run\" + \"time\");"), 10, "Class.forName"),
                Arguments.of("ProcessBuilder", consequence("    new ProcessBuilder(\"touch\", \"/tmp/x\").start();"), 10, "ProcessBuilder"),
                Arguments.of("Runtime.exec", consequence("    Runtime.getRuntime().exec(\"id\");"), 10, "Runtime"),
                Arguments.of("System.exit", consequence("    System.exit(0);"), 10, "System.exit"),
                Arguments.of("System.getenv", consequence("    insert(new BatteryCritical()); String t = System.getenv(\"TWILIO_AUTH_TOKEN\");"), 10, "System.getenv"),
                Arguments.of("System.setProperty", consequence("    System.setProperty(\"a\", \"b\");"), 10, "System.setProperty"),
                Arguments.of("fully qualified Files", consequence("    java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/x\"), \"pwned\");"), 10, "java.nio.file.Files.writeString"),
                Arguments.of("fully qualified new File", consequence("    insert(new java.io.File(\"/tmp/x\"));"), 10, "java.io.File"),
                Arguments.of("socket", consequence("    new Socket(\"evil.example\", 80);"), 10, "Socket"),
                Arguments.of("thread", consequence("    new Thread(() -> {}).start();"), 10, "Thread"),
                Arguments.of("lambda in a fact", consequence("    insert(new Block(\"x\", java.util.Optional.of(1).map(v -> \"y\").get()));"), 10, "java.util.Optional"),
                Arguments.of("drools runtime", consequence("    drools.getKieRuntime().halt();"), 10, "drools"),
                Arguments.of("kcontext", consequence("    kcontext.getKieRuntime().getKieBase();"), 10, "kcontext"),
                Arguments.of("loop", consequence("    while (true) { }"), 10, "while"),
                Arguments.of("try/catch", consequence("    try { insert(new BatteryCritical()); } catch (Exception e) { }"), 10, "try"),
                Arguments.of("unknown function call", consequence("    pwn($b);"), 10, "pwn"),
                Arguments.of("unicode escape", consequence("    insert(new Block(\"x\", \"\\u0022); System.exit(0); //\"));"), 10, "unicode escapes"),
                Arguments.of("import of a system class", HEAD.replace("import io.commandcenter.engine.*;", "import java.lang.reflect.Method;"), 3, "import java.lang.reflect.Method"),
                Arguments.of("import of a project service", HEAD.replace("import io.commandcenter.engine.*;", "import io.commandcenter.control.CommandService;"), 3, "CommandService"),
                Arguments.of("function", HEAD + "function void pwn() { System.exit(0); }\n", 6, "function pwn"),
                Arguments.of("global", HEAD + "global java.util.List sink;\n", 6, "global sink"),
                Arguments.of("static initialiser in a declared type", HEAD + "declare Evil\n    path : String = (new java.io.File(\"/tmp/x\")).getName()\nend\n", 7, "initial value"),
                Arguments.of("declared type of a system class", HEAD + "declare Evil\n    runtime : Runtime\nend\n", 7, "Runtime"),
                Arguments.of("eval", condition("    eval(Runtime.getRuntime() != null)"), 8, "eval"),
                Arguments.of("from calling a method", condition("    $s: String() from System.getenv().values()"), 8, "from calling a method"),
                Arguments.of("reflection in a condition", condition("    BatteryNow(this.getClass().getName() != null)"), 8, "getClass"),
                Arguments.of("fully qualified call in a condition", condition("    BatteryNow(java.lang.System.getenv(\"X\") != null)"), 8, "java.lang.System.getenv"),
                Arguments.of("new in a condition", condition("    BatteryNow(new StringBuilder().length() == 0)"), 8, "new StringBuilder"),
                Arguments.of("pattern over a system class", condition("    $r: Runtime()"), 8, "Runtime"),
                Arguments.of("accumulate with a custom function", condition("    Number() from accumulate(BatteryNow($s: soc), init(int n = 0;) action(n++;) result(n))"), 8, "accumulate with code"),
                Arguments.of("accumulate with an imported function", HEAD.replace("import io.commandcenter.engine.*;", "import accumulate com.example.Evil evil;"), 3, "import accumulate"),
                Arguments.of("mvel dialect", HEAD + "dialect \"mvel\"\n", 6, "dialect"),
                Arguments.of("mvel dialect on a rule", HEAD + "rule \"m\" dialect \"mvel\"\nwhen\n    BatteryNow()\nthen\n    insert(new BatteryCritical());\nend\n", 6, "dialect"),
                Arguments.of("salience as code", HEAD + "rule \"s\" salience (System.exit(0))\nwhen\n    BatteryNow()\nthen\nend\n", 6, "salience"),
                Arguments.of("other package", HEAD.replace("package rules;", "package io.commandcenter.engine;"), 1, "package"),
                Arguments.of("insert of a non-fact", consequence("    insert(String.valueOf(1));"), 10, "insert takes a fact"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void refusesEveryEscapeWithItsLine(String name, String drl, int line, String named) {
        List<RuleProblem> problems = RuleGuard.check(List.of(RuleFile.file("escape.drl", drl)));

        assertThat(problems).as(name).isNotEmpty();
        assertThat(problems).as(name + " " + problems)
                .anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("escape.drl");
                    assertThat(p.line()).isEqualTo(line);
                    assertThat(p.message()).contains(named);
                });
    }

    @Test
    void aRefusedFileNeverReachesTheCompiler() {
        RuleSetBuilder.Result result = new RuleSetBuilder().build(List.of(RuleFile.file("escape.drl",
                consequence("    java.nio.file.Files.writeString(java.nio.file.Path.of(\"x\"), \"y\");"))));

        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.message()).isEqualTo("`java.nio.file.Files.writeString` is not allowed in rules"
                    + " (fully qualified names are refused)");
        });
    }

    @Test
    void everyShippedRuleIsAllowedAndBuilds() {
        List<RuleFile> shipped = new RuleDirectory(Path.of("rules")).load();

        assertThat(RuleGuard.check(shipped)).isEmpty();
        assertThat(new RuleSetBuilder().build(shipped).ok()).isTrue();
    }

    @Test
    void ordinaryRulesStayAllowed() {
        String drl = HEAD + """
                import io.commandcenter.engine.Decision.Outcome;

                rule "plain"
                    salience 10
                when
                    $r: ActionRequest(on, $d: device, device.length() > 2)
                    BatteryNow($soc: soc, soc < 40.0, Math.abs(soc - 40.0) > 1)
                    $n: Number(intValue > 1) from accumulate(BatteryNow($s: soc), count($s))
                then
                    String why = "battery at " + Math.round($soc) + " %";
                    if ($soc < 30) {
                        insertLogical(new Block($r.id(), why.trim()));
                    }
                    insertLogical(new Verdict($r.id(), Outcome.BLOCKED));
                end
                """;

        assertThat(RuleGuard.check(List.of(RuleFile.file("plain.drl", drl)))).isEmpty();
    }

    @Test
    void aDeclaredFactIsReadThroughItsOwnFields() {
        String drl = HEAD + """
                declare Note
                    @role(event)
                    device : String
                end

                rule "note"
                when
                    $n: Note(device.length() > 0)
                then
                    insert(new Block($n.getDevice(), "noted"));
                end
                """;

        assertThat(RuleGuard.check(List.of(RuleFile.file("note.drl", drl)))).isEmpty();
    }
}
