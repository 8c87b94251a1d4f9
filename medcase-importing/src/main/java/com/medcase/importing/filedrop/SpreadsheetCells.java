package com.medcase.importing.filedrop;

/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a text cell that begins with {@code = + - @},
 * a tab or a carriage return is run as a formula when a person opens an export in a spreadsheet. Such
 * free-text labels are stored with a leading apostrophe, so that every later export shows them as text.
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
    }
}
