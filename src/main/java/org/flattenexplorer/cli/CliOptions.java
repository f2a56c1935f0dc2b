package org.flattenexplorer.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --name value} and {@code --flag} arguments, with typed getters whose errors name the option. A switch
 * takes no value or an explicit {@code =true|false|yes|no}; an option given twice is refused, never "last wins".
 */
public final class CliOptions {
    private static final Set<String> FLAGS = Set.of("masking", "synthetic", "help", "no-masking", "window", "cold",
            "skip-bad-rows", "bidirectional", "go-backwards");

    private final Map<String, String> values = new LinkedHashMap<>();
    private List<String> arguments = List.of();

    private CliOptions() {}

    public static CliOptions parse(List<String> args, Set<String> known) {
        CliOptions options = new CliOptions();
        options.arguments = List.copyOf(args);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                String previous = i > 0 ? args.get(i - 1) : "";
                if (FLAGS.contains(previous.replaceFirst("^--", ""))) {
                    throw new CliException("unexpected argument '" + arg + "' after " + previous + ": it is a switch "
                            + "that takes no value; write " + previous + " or " + previous + "=false");
                }
                throw new CliException("unexpected argument '" + arg + "' (options start with --; see --help)");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!known.contains(name) && !FLAGS.contains(name)) {
                throw new CliException("unknown option --" + name + " (see --help)");
            }
            if (FLAGS.contains(name)) {
                options.put(name, value == null ? "true" : String.valueOf(parseBoolean(name, value)));
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new CliException("option --" + name + " needs a value");
                }
                value = args.get(++i);
            }
            options.put(name, value);
        }
        if (options.flag("masking") && options.flag("no-masking")) {
            throw new CliException("--masking and --no-masking both given: choose one");
        }
        return options;
    }

    private void put(String name, String value) {
        String before = values.putIfAbsent(name, value);
        if (before != null) {
            throw new CliException("--" + name + " given twice ('" + before + "' and '" + value + "'): give it once");
        }
    }

    private static boolean parseBoolean(String name, String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new CliException("--" + name + " needs true or false (or yes or no), got '" + value + "'");
        };
    }

    /** The arguments as given, for the record of what a command was run with. */
    public List<String> arguments() {
        return arguments;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    public Optional<Integer> integer(String name) {
        return string(name).map(v -> {
            try {
                return Integer.parseInt(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new CliException("--" + name + " needs a whole number, got '" + v + "'");
            }
        });
    }

    public Optional<Double> decimal(String name) {
        return string(name).map(v -> {
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new CliException("--" + name + " needs a number, got '" + v + "'");
            }
        });
    }

    public Optional<Boolean> bool(String name) {
        return string(name).map(v -> parseBoolean(name, v));
    }
}
