package io.commandcenter.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BehaviorDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.mvel.parser.DrlxParser;
import org.drools.mvel.parser.MvelParser;
import org.drools.mvel.parser.ParseStart;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.ModifyStatement;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.facts.Situation;

/**
 * Checks DRL before it is compiled. DRL consequences are Java running inside the server, so a rule
 * may only use the project's facts: construct and insert, update or delete them, read their
 * accessors, and call a small set of pure helpers ({@code Math}, {@code String}, {@code java.time}).
 * Anything else (imports, functions, globals, code in declared types, fully qualified names,
 * reflection, {@code eval}, {@code from} with calls, MVEL) is a compile error with its line.
 *
 * <p>An allowlist, not a blocklist: a call is refused unless its name belongs to an allowed type.
 */
final class RuleGuard {

    /** The package of the facts rules may use; with {@link #PROJECT_TYPES} the only project classes a build sees. */
    static final String FACTS = Situation.class.getPackageName();
    private static final String ENGINE = RuleGuard.class.getPackageName();

    /** Project types a rule may name besides the facts package. */
    static final List<Class<?>> PROJECT_TYPES = List.of(ActionRequest.class, Source.class, Decision.class,
            Decision.Outcome.class, DeviceType.class);

    /** Pure helpers a rule may call statically or read constants of. */
    private static final Map<String, Class<?>> HELPERS = helpers();

    /** Value types whose instance methods rules may call. */
    private static final List<Class<?>> VALUES = List.of(String.class, Integer.class, Long.class, Double.class,
            Float.class, Boolean.class, Character.class, Number.class, Enum.class, Comparable.class,
            Instant.class, Duration.class, LocalTime.class, LocalDate.class, LocalDateTime.class,
            ZonedDateTime.class, DayOfWeek.class, Optional.class, Collection.class, List.class, Set.class, Map.class);

    /** Read-only collection methods; the rest of List/Set/Map would let a rule mutate a fact's state. */
    private static final Set<String> COLLECTION_READS = Set.of("size", "isEmpty", "contains", "containsAll",
            "get", "getOrDefault", "containsKey", "containsValue", "indexOf", "isPresent", "orElse", "keySet",
            "values");

    /** Names that reach reflection, processes, threads, the JVM or the engine's runtime: never allowed. */
    private static final Set<String> NEVER = Set.of("getClass", "getDeclaringClass", "forName", "getClassLoader",
            "loadClass", "invoke", "newInstance", "getMethod", "getMethods", "getDeclaredMethod",
            "getDeclaredMethods", "getField", "getFields", "getDeclaredField", "getDeclaredFields", "getConstructor",
            "getConstructors", "getDeclaredConstructor", "getDeclaredConstructors", "setAccessible", "getRuntime",
            "exec", "exit", "halt", "getenv", "getProperty", "setProperty", "getProperties", "clearProperty",
            "load", "loadLibrary", "wait", "notify", "notifyAll", "finalize", "start", "run", "interrupt",
            "getKieRuntime", "getKnowledgeRuntime", "getWorkingMemory", "getEntryPoint", "getChannels",
            "getKieBase", "getFactHandle", "getFactHandles", "getMatch", "describeConstable",
            "resolveConstantDesc", "forEach", "stream", "parallelStream", "chars", "codePoints", "lines",
            "transform", "map", "flatMap", "filter", "ifPresent", "ifPresentOrElse", "orElseGet", "orElseThrow",
            "or", "computeIfAbsent", "computeIfPresent", "compute", "merge", "replaceAll", "removeIf", "toArray",
            "iterator", "spliterator", "listIterator", "subList", "repeat");

    /** What a consequence may call without a receiver. */
    private static final Set<String> CONSEQUENCE_ACTIONS = Set.of("insert", "insertLogical", "update", "modify",
            "delete", "retract");

    private static final Set<String> RULE_ATTRIBUTES = Set.of("salience", "no-loop", "lock-on-active",
            "agenda-group", "activation-group", "ruleflow-group", "auto-focus", "enabled", "date-effective",
            "date-expires", "duration", "timer", "dialect");

    private static final Set<String> TYPE_ANNOTATIONS = Set.of("role", "timestamp", "duration", "expires",
            "propertyReactive", "position", "key");

    /** Temporal and other DRL operators the constraint parser must know. */
    private static final List<String> OPERATORS = List.of("after", "before", "coincides", "during", "finishes",
            "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby", "starts", "startedby",
            "matches", "memberOf", "soundslike", "str", "contains", "excludes");

    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "io",
            "net", "kotlin", "groovy", "scala", "drools", "kcontext");

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u+[0-9a-fA-F]{4}");
    private static final Pattern BINDING = Pattern.compile("^\\s*\\$?[A-Za-z_][A-Za-z0-9_]*\\s*:(?![:=])");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");

    private static final ParseStart<DrlxExpression> CONSTRAINTS = DrlxParser.buildDrlxParserWithArguments(OPERATORS);

    private RuleGuard() {
    }

    /** Every refusal in the files, each with file, line and what was refused; empty when all are allowed. */
    static List<RuleProblem> check(List<RuleFile> files) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleFile file : files) {
            new FileCheck(file, problems).run();
        }
        return problems;
    }

    private static final class FileCheck {
        private final RuleFile file;
        private final List<RuleProblem> problems;
        private final List<String> wildcards = new ArrayList<>();
        private final Map<String, Class<?>> explicit = new HashMap<>();
        private final Map<String, Class<?>> resolved = new HashMap<>();
        private final Set<String> instanceMethods = new HashSet<>();
        private final Set<String> declaredAccessors = new HashSet<>();
        private final Set<Class<?>> seen = new HashSet<>();

        FileCheck(RuleFile file, List<RuleProblem> problems) {
            this.file = file;
            this.problems = problems;
        }

        void run() {
            if (!unicodeEscapes()) {
                return;
            }
            PackageDescr pkg;
            DrlParser parser = new DrlParser();
            try {
                pkg = parser.parse(false, file.content());
            } catch (DroolsParserException | RuntimeException e) {
                refuse(0, "the rule file cannot be read: " + e.getMessage());
                return;
            }
            if (parser.hasErrors() || pkg == null) {
                // The compiler reports syntax errors with their positions; nothing to check here.
                for (DroolsError error : parser.getErrors()) {
                    refuse(Math.max(0, error.getLines().length > 0 ? error.getLines()[0] : 0), error.getMessage());
                }
                return;
            }
            packageLevel(pkg);
            for (RuleDescr rule : pkg.getRules()) {
                rule(rule);
            }
        }

        /** The Java compiler turns backslash-u escapes into characters before parsing: none are allowed. */
        private boolean unicodeEscapes() {
            String[] lines = file.content().split("\n", -1);
            boolean clean = true;
            for (int i = 0; i < lines.length; i++) {
                Matcher m = UNICODE_ESCAPE.matcher(lines[i]);
                if (m.find()) {
                    refuse(i + 1, "unicode escapes (" + m.group() + ") are not allowed in rules");
                    clean = false;
                }
            }
            return clean;
        }

        private void packageLevel(PackageDescr pkg) {
            if (!RuleSetBuilder.PACKAGE.equals(pkg.getNamespace())) {
                refuse(pkg.getLine(), "rules must be in package " + RuleSetBuilder.PACKAGE + ", not '"
                        + pkg.getNamespace() + "'");
            }
            for (AttributeDescr attribute : pkg.getAttributes()) {
                attribute(attribute, pkg.getLine());
            }
            for (ImportDescr imp : pkg.getImports()) {
                importOf(imp);
            }
            for (FunctionImportDescr imp : pkg.getFunctionImports()) {
                refuse(imp.getLine(), "import function " + imp.getTarget() + " is not allowed in rules");
            }
            for (AccumulateImportDescr imp : pkg.getAccumulateImports()) {
                refuse(imp.getLine(), "import accumulate " + imp.getTarget() + " is not allowed in rules");
            }
            for (FunctionDescr function : pkg.getFunctions()) {
                refuse(function.getLine(), "function " + function.getName() + " is not allowed in rules");
            }
            for (GlobalDescr global : pkg.getGlobals()) {
                refuse(global.getLine(), "global " + global.getIdentifier() + " is not allowed in rules");
            }
            if (!pkg.getEnumDeclarations().isEmpty()) {
                refuse(pkg.getEnumDeclarations().get(0).getLine(), "declare enum is not allowed in rules");
            }
            if (!pkg.getWindowDeclarations().isEmpty()) {
                refuse(pkg.getWindowDeclarations().iterator().next().getLine(),
                        "declare window is not allowed in rules");
            }
            for (TypeDeclarationDescr type : pkg.getTypeDeclarations()) {
                declaredType(type);
            }
        }

        private void importOf(ImportDescr imp) {
            String target = imp.getTarget();
            if (target.endsWith(".*")) {
                String pkgName = target.substring(0, target.length() - 2);
                if (pkgName.equals(FACTS) || pkgName.equals(ENGINE)) {
                    wildcards.add(pkgName);
                    return;
                }
            } else {
                Class<?> type = load(target);
                if (type != null && allowedProjectType(type)) {
                    explicit.put(type.getSimpleName(), type);
                    return;
                }
            }
            refuse(imp.getLine(), "import " + target + " is not allowed in rules (only the fact types of "
                    + FACTS + " and " + ENGINE + ")");
        }

        private void declaredType(TypeDeclarationDescr type) {
            int line = type.getLine();
            if (!type.getSuperTypes().isEmpty()) {
                refuse(line, "declare " + type.getTypeName() + " may not extend another type");
            }
            for (AnnotationDescr annotation : type.getAnnotations()) {
                if (!TYPE_ANNOTATIONS.contains(annotation.getName())) {
                    refuse(line, "annotation @" + annotation.getName() + " is not allowed on declared types");
                }
            }
            for (TypeFieldDescr field : type.getFields().values()) {
                int fieldLine = field.getLine() > 0 ? field.getLine() : line;
                if (field.getInitExpr() != null && !field.getInitExpr().isBlank()) {
                    refuse(fieldLine, "field " + field.getFieldName() + " of " + type.getTypeName()
                            + " may not have an initial value (code in a declared type)");
                }
                for (AnnotationDescr annotation : field.getAnnotations()) {
                    if (!TYPE_ANNOTATIONS.contains(annotation.getName())) {
                        refuse(fieldLine, "annotation @" + annotation.getName() + " is not allowed on fields");
                    }
                }
                String fieldType = field.getPattern() == null ? null : field.getPattern().getObjectType();
                if (fieldType != null && !valueTypeName(fieldType)) {
                    refuse(fieldLine, "field " + field.getFieldName() + " of " + type.getTypeName()
                            + " has type " + fieldType + ", which rules may not use");
                }
            }
            // Declared here: a plain fact type whose accessors are its fields.
            resolved.put(type.getTypeName(), Object.class);
            for (String field : type.getFields().keySet()) {
                String capital = Character.toUpperCase(field.charAt(0)) + field.substring(1);
                declaredAccessors.addAll(List.of(field, "get" + capital, "is" + capital));
            }
        }

        private void rule(RuleDescr rule) {
            for (Map.Entry<String, AttributeDescr> attribute : rule.getAttributes().entrySet()) {
                attribute(attribute.getValue(), rule.getLine());
            }
            if (rule instanceof QueryDescr query) {
                for (String paramType : query.getParameterTypes()) {
                    if (!valueTypeName(paramType)) {
                        refuse(query.getLine(), "query parameter type " + paramType + " is not allowed in rules");
                    }
                }
            }
            if (rule.getLhs() != null) {
                condition(rule.getLhs());
            }
            if (!(rule instanceof QueryDescr)) {
                consequence(rule.getConsequence(), rule);
                for (Map.Entry<String, Object> named : rule.getNamedConsequences().entrySet()) {
                    consequence(named.getValue(), rule);
                }
            }
        }

        private void attribute(AttributeDescr attribute, int fallbackLine) {
            int line = attribute.getLine() > 0 ? attribute.getLine() : fallbackLine;
            String name = attribute.getName();
            String value = attribute.getValue() == null ? "" : attribute.getValue().trim();
            if (!RULE_ATTRIBUTES.contains(name)) {
                refuse(line, "attribute " + name + " is not allowed in rules");
            } else if (name.equals("dialect") && !value.replace("\"", "").equals("java")) {
                refuse(line, "dialect " + value + " is not allowed in rules (only java)");
            } else if (name.equals("salience") && !INTEGER.matcher(value).matches()) {
                refuse(line, "salience must be a whole number, not the expression '" + value + "'");
            } else if (name.equals("enabled") && !(value.equals("true") || value.equals("false"))) {
                refuse(line, "enabled must be true or false, not the expression '" + value + "'");
            } else if (name.equals("timer") && value.contains("(") && !value.matches("\\(?\\s*(int|cron):[^()]*\\)?")) {
                refuse(line, "timer must be an int: or cron: timer, not '" + value + "'");
            }
        }

        // --- conditions ---

        private void condition(BaseDescr descr) {
            if (descr instanceof PatternDescr pattern) {
                pattern(pattern);
            } else if (descr instanceof EvalDescr eval) {
                refuse(eval.getLine(), "eval is not allowed in rules: write the test as a pattern constraint");
            } else if (descr instanceof ConditionalElementDescr ce) {
                for (BaseDescr child : ce.getDescrs()) {
                    condition(child);
                }
            } else if (descr != null) {
                refuse(descr.getLine(), descr.getClass().getSimpleName().replace("Descr", "")
                        + " is not allowed in rule conditions");
            }
        }

        private void pattern(PatternDescr pattern) {
            int line = pattern.getLine();
            String type = pattern.getObjectType();
            if (type != null && !type.isEmpty() && factType(type, line, "pattern") == null) {
                return;
            }
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expr) {
                    constraint(expr.getExpression(), expr.getLine() > 0 ? expr.getLine() : line);
                } else {
                    refuse(line, "constraint " + constraint.getText() + " is not allowed in rules");
                }
            }
            for (BehaviorDescr behavior : pattern.getBehaviors()) {
                if (!"window".equals(behavior.getType()) || !Set.of("time", "length").contains(behavior.getSubType())) {
                    refuse(line, "behaviour " + behavior.getText() + " is not allowed in rules");
                }
            }
            PatternSourceDescr source = pattern.getSource();
            if (source instanceof AccumulateDescr acc) {
                accumulate(acc, line);
            } else if (source instanceof CollectDescr collect) {
                condition(collect.getInputPattern());
            } else if (source instanceof FromDescr from) {
                String expression = from.getDataSource() == null ? "" : from.getDataSource().toString();
                if (expression.contains("(")) {
                    refuse(line, "from calling a method (" + expression.trim() + ") is not allowed in rules");
                } else {
                    constraint(expression, line);
                }
            } else if (source != null && !(source instanceof EntryPointDescr)) {
                refuse(line, source.getClass().getSimpleName().replace("Descr", "") + " is not allowed in rules");
            }
        }

        private void accumulate(AccumulateDescr acc, int line) {
            if (acc.getInitCode() != null || acc.getActionCode() != null
                    || acc.getResultCode() != null || acc.getReverseCode() != null) {
                refuse(line, "accumulate with code (init/action/reverse/result or a custom function) is not allowed"
                        + " in rules");
                return;
            }
            for (AccumulateDescr.AccumulateFunctionCallDescr call : acc.getFunctions()) {
                if (!Set.of("sum", "count", "min", "max", "average", "collectList", "collectSet")
                        .contains(call.getFunction())) {
                    refuse(line, "accumulate function " + call.getFunction() + " is not allowed in rules");
                }
                for (String param : call.getParams()) {
                    constraint(param, line);
                }
            }
            for (BaseDescr input : acc.getDescrs()) {
                condition(input);
            }
        }

        private void constraint(String text, int line) {
            if (text == null || text.isBlank()) {
                return;
            }
            String expression = BINDING.matcher(text).replaceFirst("");
            if (expression.isBlank()) {
                return;
            }
            Expression parsed;
            try {
                DrlxExpression drlx = DrlxParser.parseExpression(CONSTRAINTS, expression);
                parsed = drlx.getExpr();
            } catch (RuntimeException e) {
                refuse(line, "constraint '" + text.trim() + "' cannot be checked, so it is not allowed");
                return;
            }
            expression(parsed, line, Set.of(), false);
        }

        // --- consequences ---

        private void consequence(Object consequence, RuleDescr rule) {
            String code = consequence == null ? "" : consequence.toString();
            if (code.isBlank()) {
                return;
            }
            int line = lineWhere(code, rule);
            BlockStmt block;
            try {
                // Plain Java keeps positions; only a modify block needs the Drools dialect's parser.
                ParseResult<BlockStmt> java = new JavaParser().parseBlock("{" + code + "\n}");
                block = java.isSuccessful() ? java.getResult().orElseThrow() : MvelParser.parseBlock("{" + code + "\n}");
            } catch (RuntimeException e) {
                refuse(line, "the consequence cannot be checked, so it is not allowed: " + firstLine(e.getMessage()));
                return;
            }
            Set<String> locals = new HashSet<>();
            for (Statement statement : block.getStatements()) {
                statement(statement, line, locals);
            }
        }

        private void statement(Statement statement, int base, Set<String> locals) {
            int line = lineOf(statement, base);
            if (statement instanceof BlockStmt inner) {
                for (Statement s : inner.getStatements()) {
                    statement(s, base, locals);
                }
            } else if (statement instanceof EmptyStmt) {
                return;
            } else if (statement instanceof IfStmt ifStmt) {
                expression(ifStmt.getCondition(), base, locals, true);
                statement(ifStmt.getThenStmt(), base, locals);
                ifStmt.getElseStmt().ifPresent(s -> statement(s, base, locals));
            } else if (statement instanceof ModifyStatement modify) {
                expression(modify.getModifyObject(), base, locals, true);
                for (Statement s : modify.getExpressions()) {
                    if (s instanceof ExpressionStmt es && es.getExpression() instanceof MethodCallExpr call
                            && call.getScope().isEmpty()) {
                        instanceCall(call, line);
                        call.getArguments().forEach(a -> expression(a, base, locals, true));
                    } else {
                        statement(s, base, locals);
                    }
                }
            } else if (statement instanceof ExpressionStmt es) {
                Expression e = es.getExpression();
                if (e instanceof VariableDeclarationExpr declaration) {
                    for (VariableDeclarator v : declaration.getVariables()) {
                        type(v.getType().asString(), line);
                        v.getInitializer().ifPresent(init -> expression(init, base, locals, true));
                        locals.add(v.getNameAsString());
                    }
                } else if (e instanceof AssignExpr assign && assign.getTarget() instanceof NameExpr target
                        && locals.contains(target.getNameAsString())) {
                    expression(assign.getValue(), base, locals, true);
                } else if (e instanceof MethodCallExpr call && call.getScope().isEmpty()) {
                    action(call, base, locals);
                } else if (e instanceof MethodCallExpr call) {
                    expression(call, base, locals, true);
                } else {
                    refuse(line, "'" + firstLine(text(e)) + "' is not allowed in a consequence: it may only"
                            + " insert, insertLogical, update, modify or delete facts");
                }
            } else {
                refuse(line, statement.getClass().getSimpleName().replace("Stmt", "").toLowerCase()
                        + " statements are not allowed in a consequence: '" + firstLine(text(statement)) + "'");
            }
        }

        /** insert(new Fact(...)), insertLogical(Fact.factory(...)), update($f), delete($f). */
        private void action(MethodCallExpr call, int base, Set<String> locals) {
            int line = lineOf(call, base);
            String name = call.getNameAsString();
            if (!CONSEQUENCE_ACTIONS.contains(name)) {
                refuse(line, "'" + name + "' is not allowed in a consequence: it may only insert, insertLogical,"
                        + " update, modify or delete facts");
                return;
            }
            for (Expression argument : call.getArguments()) {
                boolean fact = argument instanceof ObjectCreationExpr || argument instanceof NameExpr
                        || (argument instanceof MethodCallExpr m && m.getScope().filter(NameExpr.class::isInstance)
                                .map(s -> ((NameExpr) s).getNameAsString()).map(n -> resolve(n) != null).orElse(false));
                if (!fact) {
                    refuse(line, name + " takes a fact, not '" + firstLine(text(argument)) + "'");
                }
                expression(argument, base, locals, true);
            }
        }

        // --- expressions, shared by conditions and consequences ---

        private void expression(Expression root, int base, Set<String> locals, boolean consequence) {
            walk(root, base, locals, consequence);
        }

        /** Checks a node, then its children; a refused node's children are not reported again. */
        private void walk(Node node, int base, Set<String> locals, boolean consequence) {
            int line = lineOf(node, base);
            int before = problems.size();
            if (node instanceof LambdaExpr || node instanceof MethodReferenceExpr) {
                refuse(line, "lambdas and method references are not allowed in rules: '"
                        + firstLine(text(node)) + "'");
            } else if (node instanceof ClassExpr) {
                refuse(line, "class literals are not allowed in rules: '" + text(node) + "'");
            } else if (node instanceof SuperExpr || node instanceof SwitchExpr) {
                refuse(line, "'" + firstLine(text(node)) + "' is not allowed in rules");
            } else if (node instanceof AssignExpr assign) {
                refuse(line, "assignment '" + firstLine(text(assign)) + "' is not allowed here");
            } else if (node instanceof ObjectCreationExpr creation) {
                creation(creation, line, consequence);
            } else if (node instanceof CastExpr cast) {
                type(cast.getType().asString(), line);
            } else if (node instanceof MethodCallExpr call && isRuleName(call)) {
                return; // drools.getRule(): the rule's own name for the fact it inserts (decision tables)
            } else if (node instanceof MethodCallExpr call) {
                call(call, line, locals, consequence);
            } else if (node instanceof FieldAccessExpr field) {
                qualified(field, line, locals);
            } else if (node instanceof NameExpr name && isRoot(name) && !locals.contains(name.getNameAsString())
                    && PACKAGE_ROOTS.contains(name.getNameAsString()) && consequence) {
                refuse(line, "'" + text(name) + "' is not allowed in rules");
            }
            if (problems.size() > before) {
                return;
            }
            for (Node child : node.getChildNodes()) {
                walk(child, base, locals, consequence);
            }
        }

        private static boolean isRuleName(MethodCallExpr call) {
            return call.getNameAsString().equals("getRule") && call.getArguments().isEmpty()
                    && call.getScope().filter(NameExpr.class::isInstance)
                            .map(scope -> ((NameExpr) scope).getNameAsString().equals("drools")).orElse(false)
                    && call.getParentNode().filter(MethodCallExpr.class::isInstance).isPresent();
        }

        private boolean isRoot(NameExpr name) {
            return name.getParentNode().map(p -> !(p instanceof FieldAccessExpr f && f.getScope() != name))
                    .orElse(true);
        }

        private void creation(ObjectCreationExpr creation, int line, boolean consequence) {
            String type = creation.getType().asString();
            if (creation.getAnonymousClassBody().isPresent()) {
                refuse(line, "anonymous classes are not allowed in rules: new " + type);
            } else if (type.contains(".")) {
                refuse(line, "new " + type + " is not allowed in rules (fully qualified names are refused)");
            } else if (!consequence) {
                refuse(line, "new " + type + " is not allowed in rule conditions");
            } else {
                factType(type, line, "new");
            }
        }

        private void call(MethodCallExpr call, int line, Set<String> locals, boolean consequence) {
            String name = call.getNameAsString();
            Optional<Expression> scope = call.getScope();
            String qualified = scope.map(s -> text(s) + ".").orElse("") + name;
            if (NEVER.contains(name)) {
                refuse(line, "`" + qualified + "` is not allowed in rules");
                return;
            }
            if (scope.isEmpty() && !consequence) {
                instanceCall(call, line); // in a pattern, a method of the fact itself
                return;
            }
            if (scope.isEmpty()) {
                // Unscoped calls are the consequence actions (checked by action()) or a function: refused.
                if (!CONSEQUENCE_ACTIONS.contains(name) || call.getParentNode().filter(p -> p instanceof ExpressionStmt)
                        .isEmpty()) {
                    refuse(line, "`" + name + "` is not allowed in rules");
                }
                return;
            }
            Expression receiver = scope.get();
            if (receiver instanceof NameExpr type && !type.getNameAsString().startsWith("$")
                    && !locals.contains(type.getNameAsString())
                    && Character.isUpperCase(type.getNameAsString().charAt(0))) {
                staticCall(type.getNameAsString(), name, qualified, line);
                return;
            }
            if (rootName(receiver).filter(PACKAGE_ROOTS::contains).isPresent()) {
                refuse(line, "`" + qualified + "` is not allowed in rules (fully qualified names are refused)");
                return;
            }
            if (receiver instanceof ThisExpr || receiver instanceof NameExpr || receiver instanceof MethodCallExpr
                    || receiver instanceof FieldAccessExpr || receiver.isLiteralExpr()
                    || receiver.isEnclosedExpr() || receiver.isBinaryExpr()) {
                instanceCall(call, line);
            } else {
                refuse(line, "`" + firstLine(qualified) + "` is not allowed in rules");
            }
        }

        private void instanceCall(MethodCallExpr call, int line) {
            if (!instanceMethods().contains(call.getNameAsString())
                    && !declaredAccessors.contains(call.getNameAsString())) {
                refuse(line, "`" + firstLine(call.getScope().map(s -> text(s) + ".").orElse("") + call.getNameAsString())
                        + "` is not allowed in rules (not a method of a fact or a value type)");
            }
        }

        private void staticCall(String typeName, String method, String qualified, int line) {
            Class<?> type = HELPERS.get(typeName);
            if (type == null) {
                type = resolve(typeName);
            }
            if (type == null) {
                refuse(line, "`" + qualified + "` is not allowed in rules (" + typeName
                        + " is neither a fact type nor an allowed helper)");
                return;
            }
            boolean exists = false;
            for (Method m : type.getMethods()) {
                if (m.getName().equals(method) && Modifier.isStatic(m.getModifiers()) && safeReturn(m)) {
                    exists = true;
                }
            }
            if (!exists) {
                refuse(line, "`" + qualified + "` is not allowed in rules");
            }
        }

        /** a.b.c: allowed when it is a fact's field chain or a constant of an allowed type, not a package. */
        private void qualified(FieldAccessExpr field, int line, Set<String> locals) {
            if (field.getParentNode().filter(FieldAccessExpr.class::isInstance).isPresent()) {
                return; // the outermost access decides
            }
            Optional<String> root = rootName(field);
            if (root.filter(PACKAGE_ROOTS::contains).isPresent() && root.filter(locals::contains).isEmpty()) {
                refuse(line, "`" + text(field) + "` is not allowed in rules (fully qualified names are refused)");
                return;
            }
            if (field.getScope() instanceof NameExpr type && Character.isUpperCase(type.getNameAsString().charAt(0))) {
                Class<?> owner = HELPERS.containsKey(type.getNameAsString()) ? HELPERS.get(type.getNameAsString())
                        : resolve(type.getNameAsString());
                if (owner == null) {
                    refuse(line, "`" + text(field) + "` is not allowed in rules (" + text(type) + " is not a fact type)");
                }
            }
        }

        private Optional<String> rootName(Expression e) {
            Expression current = e;
            while (true) {
                if (current instanceof FieldAccessExpr f) {
                    current = f.getScope();
                } else if (current instanceof MethodCallExpr m && m.getScope().isPresent()) {
                    current = m.getScope().get();
                } else if (current instanceof NameExpr n) {
                    return Optional.of(n.getNameAsString());
                } else {
                    return Optional.empty();
                }
            }
        }

        // --- types ---

        private void type(String name, int line) {
            if (!valueTypeName(name)) {
                refuse(line, "type " + name + " is not allowed in rules");
            }
        }

        private boolean valueTypeName(String name) {
            String bare = name.replaceAll("<.*>", "").replace("[]", "").trim();
            if (Set.of("var", "int", "long", "double", "float", "boolean", "char", "short", "byte").contains(bare)) {
                return true;
            }
            if (bare.contains(".")) {
                return false;
            }
            if (HELPERS.containsKey(bare) || VALUES.stream().anyMatch(v -> v.getSimpleName().equals(bare))) {
                return true;
            }
            return resolve(bare) != null;
        }

        private Class<?> factType(String name, int line, String where) {
            if (name.contains(".")) {
                refuse(line, where + " " + name + " is not allowed in rules (fully qualified names are refused)");
                return null;
            }
            if (VALUES.stream().anyMatch(v -> v.getSimpleName().equals(name)) || "Object".equals(name)) {
                return Object.class; // patterns over values (accumulate results) are fine; creation of them too
            }
            Class<?> type = resolve(name);
            if (type == null) {
                refuse(line, where + " " + name + " is not allowed in rules (not a fact type)");
            }
            return type;
        }

        /** A simple name as a project fact type through this file's imports, or null. */
        private Class<?> resolve(String simpleName) {
            if (resolved.containsKey(simpleName)) {
                return resolved.get(simpleName);
            }
            Class<?> type = explicit.get(simpleName);
            for (int i = 0; type == null && i < wildcards.size(); i++) {
                Class<?> candidate = load(wildcards.get(i) + "." + simpleName);
                type = candidate != null && allowedProjectType(candidate) ? candidate : null;
            }
            resolved.put(simpleName, type);
            return type;
        }

        private Set<String> instanceMethods() {
            if (instanceMethods.isEmpty()) {
                for (Class<?> value : VALUES) {
                    addMethods(value, Collection.class.isAssignableFrom(value) || Map.class.isAssignableFrom(value)
                            || value == Optional.class);
                }
            }
            for (Class<?> type : List.copyOf(resolved.values())) {
                if (type != null && seen.add(type)) {
                    addFactMethods(type);
                }
            }
            return instanceMethods;
        }

        /** The fact's accessors and those of the project types they return (a window, a settings record). */
        private void addFactMethods(Class<?> type) {
            addMethods(type, false);
            for (Method m : type.getMethods()) {
                Class<?> returned = m.getReturnType();
                if (returned.getPackageName().startsWith("io.commandcenter") && seen.add(returned)) {
                    addFactMethods(returned);
                }
            }
        }

        private void addMethods(Class<?> type, boolean readsOnly) {
            for (Method m : type.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || !safeReturn(m) || NEVER.contains(m.getName())
                        || (readsOnly && !COLLECTION_READS.contains(m.getName()))) {
                    continue;
                }
                instanceMethods.add(m.getName());
            }
        }

        /** The file line the consequence text starts on (the parser's own figure is not the file's). */
        private int lineWhere(String code, RuleDescr rule) {
            String content = file.content();
            int at = content.indexOf(code, Math.max(0, rule.getStartCharacter()));
            if (at < 0) {
                at = content.indexOf(code);
            }
            if (at < 0) {
                return rule.getConsequenceLine();
            }
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (content.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        private void refuse(int line, String message) {
            int at = Math.max(0, line);
            problems.add(new RuleProblem(file.name(), null, null, at, 0, message));
        }
    }

    private static boolean safeReturn(Method m) {
        Class<?> r = m.getReturnType();
        String pkg = r.getPackageName();
        return !(r == Class.class || r == ClassLoader.class || r == Thread.class || r == Runtime.class
                || r == Process.class || r == ProcessBuilder.class || r == Module.class || r == ModuleLayer.class
                || pkg.startsWith("java.lang.reflect") || pkg.startsWith("java.lang.invoke")
                || pkg.startsWith("java.util.stream") || pkg.startsWith("java.io") || pkg.startsWith("java.nio")
                || pkg.startsWith("java.net") || pkg.startsWith("java.util.concurrent"));
    }

    private static boolean allowedProjectType(Class<?> type) {
        return type.getPackageName().equals(FACTS) || PROJECT_TYPES.contains(type);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, RuleGuard.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            int dot = name.lastIndexOf('.');
            // io.commandcenter.engine.Decision.Outcome is the binary name ...Decision$Outcome
            return dot > 0 && Character.isUpperCase(name.charAt(name.lastIndexOf('.', dot - 1) + 1))
                    ? load(name.substring(0, dot) + "$" + name.substring(dot + 1)) : null;
        }
    }

    private static Map<String, Class<?>> helpers() {
        Map<String, Class<?>> helpers = new LinkedHashMap<>();
        for (Class<?> c : List.of(Math.class, String.class, Integer.class, Long.class, Double.class, Float.class,
                Boolean.class, Character.class, Objects.class, Duration.class, Instant.class, LocalTime.class,
                LocalDate.class, LocalDateTime.class, ZonedDateTime.class, ZoneOffset.class, DayOfWeek.class,
                ChronoUnit.class)) {
            helpers.put(c.getSimpleName(), c);
        }
        return Map.copyOf(helpers);
    }

    private static int lineOf(Node node, int base) {
        // The consequence block starts with the "{" added before the code's first line.
        return node.getBegin().filter(p -> p.line > 0).map(p -> base + p.line - 1).orElse(base);
    }

    /** Source text of a node; the Drools parser's nodes need its own printer. */
    private static String text(Node node) {
        return org.drools.mvel.parser.printer.PrintUtil.printNode(node);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String first = text.strip().split("\n", 2)[0];
        return first.length() > 120 ? first.substring(0, 120) + "…" : first;
    }
}
