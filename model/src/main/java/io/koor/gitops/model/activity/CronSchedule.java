package io.koor.gitops.model.activity;

import io.koor.gitops.model.ModelException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** The five fields of a CronJob's {@code schedule} (minute hour day month weekday), checked when set. */
final class CronSchedule {
    private static final Pattern FIELD = Pattern.compile("[0-9*/,-]+");

    private CronSchedule() {
    }

    static String check(String cron) {
        String[] fields = cron == null ? new String[0] : cron.trim().split("\\s+");
        if (fields.length != 5 || !Arrays.stream(fields).allMatch(f -> FIELD.matcher(f).matches())) {
            throw ModelException.of("schedule", "schedule='" + cron + "': a CronJob takes five cron fields,"
                    + " e.g. '*/5 * * * *' for every 5 minutes");
        }
        return String.join(" ", fields);
    }
}
