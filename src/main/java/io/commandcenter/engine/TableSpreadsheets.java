package io.commandcenter.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.facts.TableRule;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Decision tables as spreadsheets in the Drools decision-table format ({@code .drl.xlsx},
 * {@code .drl.csv}): a RuleSet header, then a RuleTable with CONDITION, ACTION and METADATA columns.
 * An exported sheet compiles with drools-decisiontables' {@code SpreadsheetCompiler} into the same
 * table wishes the rows make as facts (rules/tables.drl); an imported sheet becomes table rows again, so owners can
 * author in a spreadsheet. Columns are recognised by their code snippets, so their order is free.
 */
public final class TableSpreadsheets {

    /** RFC 4180: rows end in CRLF, cells quoted only where needed, blank rows kept rather than skipped. */
    private static final CSVFormat CSV = CSVFormat.RFC4180;

    /** The columns of a table: header code, object type, snippet, label shown to the owner. */
    private enum Column {
        NAME("NAME", "", "", "Row"),
        DEVICE("CONDITION", "$dev: DeviceStatus", "device == \"$param\"", "Device"),
        DEVICE_TYPE("CONDITION", "$dev: DeviceStatus", "type == DeviceType.$param", "Device type"),
        SOC_FROM("CONDITION", "exists BatteryNow", "soc >= $param", "SOC from %"),
        SOC_BELOW("CONDITION", "exists BatteryNow", "soc < $param", "SOC below %"),
        PV_FROM("CONDITION", "exists PowerNow", "pv >= $param", "PV from W"),
        PV_BELOW("CONDITION", "exists PowerNow", "pv < $param", "PV below W"),
        LOAD_FROM("CONDITION", "exists PowerNow", "load >= $param", "Load from W"),
        LOAD_BELOW("CONDITION", "exists PowerNow", "load < $param", "Load below W"),
        GRID_FROM("CONDITION", "exists PowerNow", "grid >= $param", "Grid import from W"),
        GRID_BELOW("CONDITION", "exists PowerNow", "grid < $param", "Grid import below W"),
        TIME("CONDITION", "exists CurrentTime", "DailyWindow.of(\"$1\", \"$2\").contains(minuteOfDay)", "Time of day (from, until)"),
        WEEKDAYS("CONDITION", "exists CurrentTime", "weekday in ($param)", "Weekdays (1 = Monday)"),
        ACTION("ACTION", "", "insertLogical(TableWish.of(drools.getRule(), $dev.device(), \"$param\"));", "Switch (ON/OFF)"),
        PRIORITY("METADATA", "", "priority($param)", "Priority"),
        COOLDOWN("METADATA", "", "cooldownMinutes($param)", "Cooldown minutes"),
        ENABLED("ENABLED", "", "", "Enabled");

        final String code;
        final String objectType;
        final String snippet;
        final String label;

        Column(String code, String objectType, String snippet, String label) {
            this.code = code;
            this.objectType = objectType;
            this.snippet = snippet;
            this.label = label;
        }
    }

    // ---- export -----------------------------------------------------------------------------

    List<List<String>> grid(DecisionTable table) {
        List<List<String>> grid = new ArrayList<>();
        grid.add(List.of("RuleSet", RuleSetBuilder.PACKAGE));
        grid.add(List.of("Import", "io.commandcenter.engine.facts.*, io.commandcenter.device.DeviceType"));
        grid.add(List.of("Notes", "CommandCenter decision table. " + table.description()));
        grid.add(List.of());
        grid.add(List.of("RuleTable " + table.name()));
        for (int headerRow = 0; headerRow < 4; headerRow++) {
            List<String> cells = new ArrayList<>();
            for (Column c : Column.values()) {
                cells.add(switch (headerRow) {
                    case 0 -> c.code;
                    case 1 -> c.objectType;
                    case 2 -> c.snippet;
                    default -> c.label;
                });
            }
            grid.add(cells);
        }
        for (TableRow r : table.rows()) {
            List<String> cells = new ArrayList<>();
            for (Column c : Column.values()) {
                cells.add(cell(c, r));
            }
            grid.add(cells);
        }
        return grid;
    }

    private static String cell(Column c, TableRow r) {
        return switch (c) {
            case NAME -> r.name();
            case SOC_FROM -> num(r.socFrom());
            case SOC_BELOW -> num(r.socBelow());
            case PV_FROM -> num(r.pvFrom());
            case PV_BELOW -> num(r.pvBelow());
            case LOAD_FROM -> num(r.loadFrom());
            case LOAD_BELOW -> num(r.loadBelow());
            case GRID_FROM -> num(r.gridFrom());
            case GRID_BELOW -> num(r.gridBelow());
            case TIME -> r.timeFrom() == null ? "" : r.timeFrom() + ", " + r.timeUntil();
            case WEEKDAYS -> r.weekdays() == null ? "" : r.weekdays();
            case DEVICE -> r.device() == null ? "" : r.device();
            case DEVICE_TYPE -> r.deviceType() == null ? "" : r.deviceType().name();
            case ACTION -> r.on() ? "ON" : "OFF";
            case PRIORITY -> Integer.toString(r.priority());
            case COOLDOWN -> Integer.toString(r.cooldownMinutes());
            case ENABLED -> Boolean.toString(r.enabled());
        };
    }

    private static String num(Double d) {
        return d == null ? "" : TableRule.number(d);
    }

    public String exportCsv(DecisionTable table) {
        StringBuilder csv = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(csv, CSV)) {
            for (List<String> row : grid(table)) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return csv.toString();
    }

    public byte[] exportXlsx(DecisionTable table) {
        try (Workbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(table.name());
            List<List<String>> grid = grid(table);
            for (int i = 0; i < grid.size(); i++) {
                Row row = sheet.createRow(i);
                for (int j = 0; j < grid.get(i).size(); j++) {
                    row.createCell(j).setCellValue(grid.get(i).get(j));
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- import -----------------------------------------------------------------------------

    public DecisionTable importCsv(byte[] csv) {
        return parse(readCsv(new String(csv, StandardCharsets.UTF_8)));
    }

    public DecisionTable importXlsx(byte[] xlsx) {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter format = new DataFormatter(Locale.ROOT);
            List<List<String>> grid = new ArrayList<>();
            for (int i = 0; i <= sheet.getLastRowNum(); i++) {
                Row row = sheet.getRow(i);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int j = 0; j < row.getLastCellNum(); j++) {
                        Cell cell = row.getCell(j);
                        cells.add(cell == null || cell.getCellType() == CellType.BLANK ? "" : format.formatCellValue(cell));
                    }
                }
                grid.add(cells);
            }
            return parse(grid);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable spreadsheet: " + e.getMessage(), e);
        }
    }

    DecisionTable parse(List<List<String>> grid) {
        int start = -1;
        String name = null;
        String notes = "";
        for (int i = 0; i < grid.size(); i++) {
            String first = at(grid.get(i), 0);
            if (first.equalsIgnoreCase("Notes")) {
                notes = at(grid.get(i), 1).replaceFirst("^CommandCenter decision table\\.\\s*", "");
            }
            if (first.startsWith("RuleTable ")) {
                name = first.substring("RuleTable ".length()).trim();
                start = i;
                break;
            }
        }
        if (start < 0 || start + 4 >= grid.size()) {
            throw new IllegalArgumentException("no \"RuleTable <name>\" block with its four header rows found");
        }
        List<String> codes = grid.get(start + 1);
        List<String> snippets = grid.get(start + 3);
        Column[] columnAt = new Column[codes.size()];
        for (int j = 0; j < codes.size(); j++) {
            for (Column c : Column.values()) {
                if (c.code.equalsIgnoreCase(at(codes, j).trim()) && c.snippet.equals(at(snippets, j).trim())) {
                    columnAt[j] = c;
                }
            }
            if (columnAt[j] == null && !at(codes, j).isBlank()) {
                throw new IllegalArgumentException("column " + (j + 1) + " (" + at(codes, j) + " " + at(snippets, j)
                        + ") is not one CommandCenter understands");
            }
        }
        List<TableRow> rows = new ArrayList<>();
        for (int i = start + 5; i < grid.size(); i++) {
            List<String> cells = grid.get(i);
            if (cells.stream().allMatch(String::isBlank)) {
                break;
            }
            rows.add(row(rows.size() + 1, cells, columnAt, i + 1));
        }
        return new DecisionTable(name, notes, true, rows);
    }

    private static TableRow row(int number, List<String> cells, Column[] columnAt, int sheetRow) {
        String[] v = new String[Column.values().length];
        for (int j = 0; j < columnAt.length; j++) {
            if (columnAt[j] != null) {
                v[columnAt[j].ordinal()] = at(cells, j).trim();
            }
        }
        try {
            String time = v[Column.TIME.ordinal()];
            LocalTime from = null;
            LocalTime until = null;
            if (time != null && !time.isBlank()) {
                String[] parts = time.split(",");
                from = LocalTime.parse(parts[0].trim());
                until = LocalTime.parse(parts[1].trim());
            }
            String action = v[Column.ACTION.ordinal()];
            if (action == null || !(action.equalsIgnoreCase("ON") || action.equalsIgnoreCase("OFF"))) {
                throw new IllegalArgumentException("switch must be ON or OFF");
            }
            return new TableRow(number, v[Column.NAME.ordinal()], d(v, Column.SOC_FROM), d(v, Column.SOC_BELOW),
                    d(v, Column.PV_FROM), d(v, Column.PV_BELOW), d(v, Column.LOAD_FROM), d(v, Column.LOAD_BELOW),
                    d(v, Column.GRID_FROM), d(v, Column.GRID_BELOW), from, until, blankToNull(v[Column.WEEKDAYS.ordinal()]),
                    blankToNull(v[Column.DEVICE.ordinal()]),
                    blankToNull(v[Column.DEVICE_TYPE.ordinal()]) == null ? null
                            : DeviceType.valueOf(v[Column.DEVICE_TYPE.ordinal()].toUpperCase(Locale.ROOT)),
                    action.equalsIgnoreCase("ON"), i(v, Column.PRIORITY, 0), i(v, Column.COOLDOWN, 10),
                    blankToNull(v[Column.ENABLED.ordinal()]) == null || Boolean.parseBoolean(v[Column.ENABLED.ordinal()]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("sheet row " + sheetRow + ": " + e.getMessage(), e);
        }
    }

    private static Double d(String[] v, Column c) {
        String s = blankToNull(v[c.ordinal()]);
        if (s == null) {
            return null;
        }
        double d = Double.parseDouble(s);
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(c.name().toLowerCase(Locale.ROOT) + " must be a finite number");
        }
        return d;
    }

    private static int i(String[] v, Column c, int fallback) {
        String s = blankToNull(v[c.ordinal()]);
        if (s == null) {
            return fallback;
        }
        double d = Double.parseDouble(s); // a spreadsheet's numbers come as 5.0
        if (!Double.isFinite(d) || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(c.name().toLowerCase(Locale.ROOT) + " must be a whole number");
        }
        return (int) d;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String at(List<String> row, int j) {
        return j < row.size() && row.get(j) != null ? row.get(j) : "";
    }

    /** Every record of the sheet, blank ones included: a blank row ends the RuleTable. */
    static List<List<String>> readCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, CSV)) {
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
        } catch (IOException | UncheckedIOException e) {
            // the parser's message names the line: "(startline 7) EOF reached before encapsulated token finished"
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw new IllegalArgumentException("not readable as CSV: " + cause.getMessage(), e);
        }
        return rows;
    }
}
