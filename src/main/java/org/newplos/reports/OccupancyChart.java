package org.newplos.reports;

import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A bar chart of monthly occupancy laid out on the server, drawn as inline SVG by the dashboard. */
record OccupancyChart(int width, int height, int plotTop, int plotBottom, List<Bar> bars, List<GridLine> lines) {

    static final int WIDTH = 720;
    static final int HEIGHT = 240;
    private static final int LEFT = 40;
    private static final int TOP = 16;
    private static final int BOTTOM = 200;

    /** One month's bar: position, size and the labels around it. */
    record Bar(int x, int y, int width, int height, String month, int percent, String title, boolean current) {}

    /** A horizontal guide at a percentage. */
    record GridLine(int y, String label) {}

    static OccupancyChart of(List<MonthlyOccupancy> months) {
        int slot = (WIDTH - LEFT - 8) / Math.max(1, months.size());
        int barWidth = Math.max(8, slot * 2 / 3);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            MonthlyOccupancy m = months.get(i);
            int h = (BOTTOM - TOP) * Math.min(100, m.percent()) / 100;
            String name = m.month().getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            bars.add(new Bar(
                    LEFT + i * slot + (slot - barWidth) / 2,
                    BOTTOM - h,
                    barWidth,
                    h,
                    name,
                    m.percent(),
                    name + " " + m.month().getYear() + ": " + m.percent() + "% (" + m.leased() + " of " + m.spaces()
                            + " spaces on " + m.day() + ")",
                    i == months.size() - 1));
        }
        List<GridLine> lines = new ArrayList<>();
        for (int p = 0; p <= 100; p += 25) {
            lines.add(new GridLine(BOTTOM - (BOTTOM - TOP) * p / 100, p + "%"));
        }
        return new OccupancyChart(WIDTH, HEIGHT, TOP, BOTTOM, bars, lines);
    }
}
