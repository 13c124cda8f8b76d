package io.commandcenter.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.commandcenter.ingest.internal.AccountConnector;
import io.commandcenter.ingest.internal.AccountRepository;
import io.commandcenter.validation.InvalidParams;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Service;

/**
 * The cloud accounts of the setup page: tests an account before anything is kept, saves it (secret encrypted) and
 * connects it to polling and switching at once, without a restart. An account set in the environment wins and is
 * changed there. Saved accounts are connected again when the platform starts.
 */
@Service
public class CloudAccounts {

    private static final Log log = LogFactory.getLog(CloudAccounts.class);

    private final Map<PollSource, AccountConnector> connectors;
    private final AccountRepository repository;
    private final PollingHealth health;
    private final Clock clock;

    /** What saving did: the test's answer, and whether the account was kept (only when the test reached it). */
    public record SaveResult(ConnectionCheck check, boolean saved) {
    }

    CloudAccounts(List<AccountConnector> connectors, AccountRepository repository, PollingHealth health, Clock clock) {
        this.connectors = connectors.stream().collect(Collectors.toUnmodifiableMap(AccountConnector::source,
                Function.identity()));
        this.repository = repository;
        this.health = health;
        this.clock = clock;
        connectSaved();
    }

    /** Every cloud, in the order a site is set up. */
    public List<AccountSetup> accounts() {
        List<AccountSetup> out = new ArrayList<>();
        // Setup order: battery, inverter, then the relays, whose registration follows on the same page.
        for (PollSource source : List.of(PollSource.VICTRON, PollSource.SOLARK, PollSource.SHELLY)) {
            AccountConnector connector = connectors.get(source);
            if (connector != null) {
                out.add(setup(connector));
            }
        }
        return out;
    }

    /**
     * Asks the cloud what {@code account} can see; nothing is saved. A blank secret means the saved one; for a
     * cloud set in the environment the live connection is tested instead.
     */
    public ConnectionCheck test(CloudAccount entered) {
        AccountConnector connector = connector(entered.source());
        if (connector.environment() != null) {
            return health.checkConnection(connector.source());
        }
        CloudAccount account = complete(connector, entered);
        return connector.trial(account).checkConnection();
    }

    /** Tests the account and, when the cloud answered, saves it and polls with it from the next round. */
    public SaveResult save(CloudAccount entered, String savedBy) {
        AccountConnector connector = connector(entered.source());
        requireNotFromEnvironment(connector);
        CloudAccount account = complete(connector, entered);
        ConnectionCheck check = connector.trial(account).checkConnection();
        if (!check.reachable()) {
            return new SaveResult(check, false);
        }
        repository.save(account, clock.instant(), savedBy);
        connector.connect(account);
        log.info(connector.source().key() + " account saved by " + savedBy + " and connected: " + account);
        return new SaveResult(check, true);
    }

    /** Forgets the saved account; the cloud goes back to the simulator (or nothing). True when one was saved. */
    public boolean forget(PollSource source, String by) {
        AccountConnector connector = connector(source);
        requireNotFromEnvironment(connector);
        boolean existed = repository.delete(source);
        if (existed) {
            connector.disconnect(null);
            log.info(source.key() + " account removed by " + by);
        }
        return existed;
    }

    private void connectSaved() {
        for (AccountConnector connector : connectors.values()) {
            if (connector.environment() != null) {
                continue;
            }
            try {
                repository.find(connector.source()).ifPresent(saved -> {
                    try {
                        connector.connect(repository.open(saved));
                        log.info("Connected the saved " + connector.source().key() + " account");
                    } catch (RuntimeException e) {
                        // Loud, and nothing polled: silently falling back to the simulator would look like a site.
                        log.error("The saved " + connector.source().key() + " account cannot be used: " + e.getMessage());
                        connector.disconnect("saved account cannot be used: " + e.getMessage());
                    }
                });
            } catch (RuntimeException e) {
                log.error("Could not read the saved " + connector.source().key() + " account: " + e.getMessage());
            }
        }
    }

    private AccountSetup setup(AccountConnector connector) {
        PollSource source = connector.source();
        var saved = repository.find(source);
        AccountSetup.From from = connector.environment() != null ? AccountSetup.From.ENVIRONMENT
                : saved.isPresent() ? AccountSetup.From.SAVED
                : connector.onSimulator() ? AccountSetup.From.SIMULATOR : AccountSetup.From.NONE;
        String origin = health.source(source).map(SourceHealth::origin).orElse("");
        return new AccountSetup(source, from, origin, connector.environment(),
                saved.map(AccountRepository.Saved::account).orElse(null),
                saved.map(AccountRepository.Saved::savedAt).orElse(null),
                saved.map(AccountRepository.Saved::savedBy).orElse(null));
    }

    /** The entered account with the saved secret when none was typed, checked field by field (400 naming them). */
    private CloudAccount complete(AccountConnector connector, CloudAccount entered) {
        CloudAccount account = entered.trimmed();
        InvalidParams problems = new InvalidParams();
        if (account.secret() == null) {
            var saved = repository.find(connector.source());
            if (saved.isPresent()) {
                try {
                    account = account.withSecret(repository.open(saved.get()).secret());
                } catch (RuntimeException e) {
                    problems.add("secret", "the saved one cannot be read (" + e.getMessage() + "): enter it again");
                }
            } else {
                problems.add("secret", "is required");
            }
        } else {
            problems.text("secret", account.secret(), 1000);
        }
        problems.text("server", account.server(), 500);
        problems.text("username", account.username(), 200);
        connector.check(account, problems);
        problems.throwIfAny("invalid-account", "The " + connector.source().key() + " account has invalid fields");
        return account;
    }

    private static void requireNotFromEnvironment(AccountConnector connector) {
        if (connector.environment() != null) {
            throw new AccountFromEnvironment(connector.source().key(), connector.environment());
        }
    }

    private AccountConnector connector(PollSource source) {
        AccountConnector connector = connectors.get(source);
        if (connector == null) {
            throw new IllegalStateException("no account connector for " + source);
        }
        return connector;
    }
}
