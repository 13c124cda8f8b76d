package io.commandcenter.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.commandcenter.validation.InvalidParams;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Devices pasted on the setup page, one per line: {@code id,name,type,rated watts,essential,channel}. Only the Shelly
 * device id is needed; a line with the id alone is named after it, typed OTHER, rated 0 W, not essential, channel 0.
 * A first line starting with {@code id} is a header naming the columns. Checking the values is
 * {@link DeviceService#importAll}'s, so pasted and posted devices meet the same rules.
 */
public final class DeviceCsv {

    public static final int MAX_LINES = 500;
    private static final List<String> COLUMNS = List.of("id", "name", "type", "rated watts", "essential", "channel");

    private DeviceCsv() {
    }

    /** A pasted line and the device it reads as. */
    public record Line(long number, DeviceForm device) {
    }

    /**
     * The devices of {@code text}, blank lines skipped; a 400 naming the line and column when a number or a yes/no
     * cannot be read, or when a line has more columns than there are.
     */
    public static List<Line> parse(String text) {
        InvalidParams problems = new InvalidParams();
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text == null ? "" : text, CSVFormat.DEFAULT.builder()
                .setTrim(true).setIgnoreEmptyLines(true).setCommentMarker('#').get())) {
            List<String> columns = COLUMNS;
            for (CSVRecord record : parser) {
                if (record.getRecordNumber() == 1 && "id".equalsIgnoreCase(record.get(0))) {
                    columns = header(record, problems);
                    continue;
                }
                if (lines.size() >= MAX_LINES) {
                    problems.add("devices", "at most " + MAX_LINES + " devices at a time");
                    break;
                }
                String where = "line " + record.getRecordNumber();
                if (record.size() > columns.size()) {
                    problems.add(where, "has " + record.size() + " columns; expected at most " + columns.size()
                            + " (" + String.join(",", columns) + ")");
                    continue;
                }
                Map<String, String> cells = new TreeMap<>();
                for (int i = 0; i < record.size(); i++) {
                    if (!record.get(i).isEmpty()) {
                        cells.put(columns.get(i), record.get(i));
                    }
                }
                lines.add(new Line(record.getRecordNumber(), device(cells, where, problems)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            // Commons CSV reports a quote left open while reading as an UncheckedIOException: the text, not the I/O.
            problems.add("devices", "cannot be read as CSV: " + e.getMessage());
        }
        problems.throwIfAny("invalid-device-list", "The device list cannot be read");
        return lines;
    }

    private static List<String> header(CSVRecord record, InvalidParams problems) {
        List<String> columns = new ArrayList<>();
        for (String cell : record) {
            String column = cell.toLowerCase(Locale.ROOT).replace('_', ' ');
            column = switch (column) {
                case "watts", "rated power", "ratedpower", "rated" -> "rated watts";
                default -> column;
            };
            if (!COLUMNS.contains(column)) {
                problems.add("line 1", "unknown column '" + cell + "'; columns are " + String.join(",", COLUMNS));
            }
            columns.add(column);
        }
        return columns;
    }

    private static DeviceForm device(Map<String, String> cells, String where, InvalidParams problems) {
        String id = cells.get("id");
        String name = cells.get("name");
        if (name == null && id != null) {
            name = DeviceNames.fromCloudName(id, id);
        }
        return new DeviceForm(name, id, integer(cells.get("channel"), where + " channel", problems),
                cells.get("type"), number(cells.get("rated watts"), where + " rated watts", problems),
                yesNo(cells.get("essential"), where + " essential", problems));
    }

    private static Double number(String text, String where, InvalidParams problems) {
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text.replaceAll("(?i)\\s*w$", ""));
        } catch (NumberFormatException e) {
            problems.add(where, "'" + text + "' is not a number of watts");
            return null;
        }
    }

    private static Integer integer(String text, String where, InvalidParams problems) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            problems.add(where, "'" + text + "' is not a channel number");
            return null;
        }
    }

    private static Boolean yesNo(String text, String where, InvalidParams problems) {
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1", "essential" -> true;
            case "no", "n", "false", "0" -> false;
            default -> {
                problems.add(where, "'" + text + "' is not yes or no");
                yield null;
            }
        };
    }
}
