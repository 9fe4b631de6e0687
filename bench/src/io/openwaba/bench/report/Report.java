package io.openwaba.bench.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Key/value report lines grouped in sections, keys padded to one column. */
public final class Report {

    private final List<Line> lines = new ArrayList<>();

    public Report section(String title) {
        lines.add(new Line("# " + title, null));
        return this;
    }

    public Report put(String key, Object value) {
        lines.add(new Line(key, String.valueOf(value)));
        return this;
    }

    public void print(PrintStream out) {
        int width = lines.stream().filter(line -> line.value() != null)
                .mapToInt(line -> line.key().length()).max().orElse(0) + 1;
        for (Line line : lines) {
            if (line.value() == null) {
                out.println(line.key());
            } else {
                out.printf("%-" + width + "s %s%n", line.key() + ":", line.value());
            }
        }
        out.flush();
    }
}
