package io.commandcenter.agent;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.zaxxer.hikari.HikariDataSource;
import io.commandcenter.agent.kb.KbHit;
import io.commandcenter.agent.kb.KnowledgeBase;
import io.commandcenter.database.DatabaseCreator;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code java -jar commandcenter.jar bench-agent [--url=jdbc:postgresql://host/db] [--rounds=5]}
 * <p>
 * On the shipped questions ({@code docs/kb/eval/questions.yaml}, 36 now): the share the offline router
 * sends to the expected tool, the share the KB search ranks the expected document first, and the
 * KB search p50/p95 latency (embedding the question plus cosine over all chunks), against its own
 * database (default {@code commandcenter_bench_agent}).
 */
@Command(name = "bench-agent",
        description = "Agent benchmark: offline router and KB search on the shipped questions, KB search latency.")
public final class AgentBenchmark implements Callable<Integer> {

    record Question(String question, String tool, String document) {
    }

    record QuestionFile(List<String> devices, List<Question> questions) {
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
            defaultValue = "jdbc:postgresql://127.0.0.1:5432/commandcenter_bench_agent",
            description = "JDBC URL of the benchmark's own database, created if missing (default ${DEFAULT-VALUE}).")
    private String url;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Times every question is searched for the latency figures (default ${DEFAULT-VALUE}).")
    private int rounds;

    @Override
    public Integer call() {
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds must be at least 1 (was " + rounds + ")");
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Properties credentials = new Properties();
        credentials.setProperty("user", env("COMMANDCENTER_DB_USER", "postgres"));
        credentials.setProperty("password", env("COMMANDCENTER_DB_PASSWORD", ""));
        DatabaseCreator.createIfMissing(url, credentials);
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(url);
            dataSource.setUsername(credentials.getProperty("user"));
            dataSource.setPassword(credentials.getProperty("password"));
            dataSource.setMaximumPoolSize(2);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load().migrate();
            return bench(JdbcClient.create(dataSource), rounds);
        } catch (Exception e) {
            System.err.println("bench-agent failed: " + e);
            return 1;
        }
    }

    private static int bench(JdbcClient jdbc, int rounds) throws Exception {
        QuestionFile file = questions();
        Path dir = Path.of("docs/kb");
        KnowledgeBase kb = new KnowledgeBase(jdbc, Files.isDirectory(dir) ? dir : null, Clock.systemUTC());
        long loadStart = System.nanoTime();
        kb.sync();
        kb.search("warm up", 1);
        System.out.printf("Agent benchmark: %d questions, KB ready in %.1f s (model load + sync), embeddings searched as %s%n",
                file.questions().size(), (System.nanoTime() - loadStart) / 1e9, kb.storage());

        OfflineRouter router = new OfflineRouter(file::devices);
        int routed = 0;
        int found = 0;
        List<Long> latencies = new ArrayList<>();
        for (Question q : file.questions()) {
            OfflineRouter.Route route = router.route(q.question());
            boolean toolRight = route.tool().equals(q.tool());
            routed += toolRight ? 1 : 0;
            List<KbHit> hits = kb.search(q.question(), 1);
            boolean docRight = !hits.isEmpty() && hits.get(0).document().equals(q.document());
            found += docRight ? 1 : 0;
            if (!toolRight || !docRight) {
                System.out.printf("  miss: %-52s router %s%s, kb %s%n", "\"" + q.question() + "\"", route.tool(),
                        toolRight ? "" : " (want " + q.tool() + ")", hits.isEmpty() ? "-" : hits.get(0).citation());
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (Question q : file.questions()) {
                long t = System.nanoTime();
                kb.search(q.question(), 3);
                latencies.add(System.nanoTime() - t);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = file.questions().size();
        System.out.printf("Offline router: %d/%d right tool (%.0f%%)%n", routed, n, 100.0 * routed / n);
        System.out.printf("KB search top-1: %d/%d right document (%.0f%%)%n", found, n, 100.0 * found / n);
        System.out.printf("KB search latency over %d searches: p50 %.1f ms, p95 %.1f ms%n", sorted.length,
                percentile(sorted, 50) / 1e6, percentile(sorted, 95) / 1e6);
        return 0;
    }

    private static QuestionFile questions() throws Exception {
        Path onDisk = Path.of("docs/kb/eval/questions.yaml");
        try (InputStream in = Files.exists(onDisk) ? Files.newInputStream(onDisk)
                : AgentBenchmark.class.getResourceAsStream("/kb/eval/questions.yaml")) {
            return new YAMLMapper().readValue(in, QuestionFile.class);
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
