package io.commandcenter;

import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Command-line tools that ship in the same jar as the platform:
 * {@code java -jar commandcenter.jar <command> [options]}. Each feature keeps its command as a picocli
 * {@code @Command} in its own package and lists it in {@value #REGISTRY}; this class only registers what is listed
 * there, so it imports no feature (the simulator's commands among them: nothing outside {@code simulation} imports
 * it). A command returns the process exit code: 0 done, 2 bad options (message and a hint to {@code --help}, no
 * stack trace), 1 or more the command failed.
 */
@Command(name = "java -jar commandcenter.jar", scope = ScopeType.INHERIT, sortOptions = false, sortSynopsis = false,
        usageHelpWidth = 110,
        description = {"Without a command the platform starts (Spring options such as --server.port=8080 apply).",
                "Every command answers --help; options take their value as --name value or --name=value."})
final class Commands {

    /** Where the commands are listed: {@code java.util.concurrent.Callable=} and picocli classes, in --help's order. */
    static final String REGISTRY = "META-INF/commandcenter/commands.factories";

    private static final Set<String> HELP = Set.of("-h", "--help");

    // Inherited by every command, so each one answers --help the same way.
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    private boolean help;

    private Commands() {
    }

    /** The commands; {@code application} builds the Spring application for the commands that run the platform. */
    static CommandLine commandLine(Supplier<SpringApplicationBuilder> application) {
        CommandLine commandLine = new CommandLine(new Commands());
        // A command that runs the platform takes the builder as its constructor's Supplier argument.
        SpringFactoriesLoader.forResourceLocation(REGISTRY, Commands.class.getClassLoader())
                .load(Callable.class, ArgumentResolver.of(Supplier.class, application))
                .forEach(commandLine::addSubcommand);
        // After the subcommands: the setting is copied to those registered at this point.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(Commands::badOptions);
        return commandLine;
    }

    /** The commands of the jar; none of them builds the application before it runs. */
    static CommandLine commandLine() {
        return commandLine(() -> new SpringApplicationBuilder(CommandCenterApplication.class));
    }

    static boolean handles(String[] args) {
        return args.length > 0 && (HELP.contains(args[0]) || commandLine().getSubcommands().containsKey(args[0]));
    }

    static int run(String[] args) {
        return commandLine().execute(args);
    }

    /** One line naming the command and the option, then where to look; the full usage would bury the message. */
    private static int badOptions(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandName() + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
