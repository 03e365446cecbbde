package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.model.activity.VisitorBot;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The visitor bot's own script (visitor.sh, the file the cluster's CronJob mounts) with curl against a real HTTP
 * server: it visits each page once per round, watches a live playlist as a player does (the playlist, its init
 * segment, its newest segments, never the old ones), counts what failed, and fails when nothing was answered.
 */
@ExtendWith(SharedLab.Resolver.class)
class VisitorBotLabTest {
    private static final Pattern SUMMARY = Pattern.compile("visitor: (\\d+) fetches answered, (\\d+) failed");
    private final SharedLab shared;

    VisitorBotLabTest(SharedLab shared) {
        this.shared = shared;
    }

    @Test
    void visitsEveryPageEachRoundAndWatchesTheNewestSegments() {
        requireCurl();
        LabActivity activity = new LabActivity(shared.connection);
        try (LabWebsite site = LabWebsite.start()) {
            String missing = site.page().resolve("/missing.html").toString();
            VisitorBot bot = new VisitorBot(VisitorBot.visiting("activity", "http://x/").namespace(),
                    List.of(site.page().toString(), site.playlist().toString(), missing), "*/5 * * * *", 2, 10);
            String summary = activity.visitor(bot);
            System.err.println(summary);
            Matcher counts = SUMMARY.matcher(summary);
            assertThat(counts.matches()).as(summary).isTrue();

            int rounds = site.hits("/");
            // 10 s of rounds 2 s apart: the first at once, then one after each pause until the time is up
            assertThat(rounds).isBetween(3, 6);
            assertThat(site.hits("/live/index.m3u8")).isEqualTo(rounds);
            assertThat(site.hits("/live/init.mp4")).isEqualTo(rounds);
            for (int i = 0; i < LabWebsite.SEGMENTS; i++) {
                String segment = String.format("/live/segment-%06d.m4s", 100 + i);
                assertThat(site.hits(segment)).as(segment).isEqualTo(i < LabWebsite.SEGMENTS - 3 ? 0 : rounds);
            }
            assertThat(site.hits("/missing.html")).isEqualTo(rounds);
            assertThat(Integer.parseInt(counts.group(1))).as("page, playlist, init and 3 segments a round")
                    .isEqualTo(rounds * 6);
            assertThat(Integer.parseInt(counts.group(2))).as("the missing page, each round").isEqualTo(rounds);
        }
    }

    @Test
    void labRunsVisitorReadsTheLabsSiteForTheDuration() throws Exception {
        requireCurl();
        java.util.List<String> events = new java.util.ArrayList<>();
        LabRun.Outcome outcome = new LabRun(events::add).run(SharedLab.cluster(), shared.connection,
                LabRun.Options.parse("10s", "visitor", java.nio.file.Files.createTempDirectory("lab-visitor")));
        assertThat(outcome.results()).isEmpty();
        assertThat(outcome.lines()).singleElement().satisfies(line -> {
            Matcher counts = SUMMARY.matcher(line.substring("visitor: ".length()));
            assertThat(counts.matches()).as(line).isTrue();
            // page, playlist, init and 3 segments a round, at least two rounds in 10 s, nothing failed
            assertThat(Integer.parseInt(counts.group(1)) % 6).as(line).isZero();
            assertThat(Integer.parseInt(counts.group(1))).as(line).isGreaterThanOrEqualTo(12);
            assertThat(counts.group(2)).isEqualTo("0");
        });
    }

    @Test
    void failsWhenNoPageAnswers() {
        requireCurl();
        LabActivity activity = new LabActivity(shared.connection);
        try (LabWebsite site = LabWebsite.start()) {
            VisitorBot bot = new VisitorBot(VisitorBot.visiting("activity", "http://x/").namespace(),
                    List.of(site.page().resolve("/gone").toString()), "*/5 * * * *", 5, 10);
            assertThatThrownBy(() -> activity.visitor(bot)).isInstanceOf(LabException.class)
                    .hasMessageContaining("exited with 1");
            assertThat(site.hits("/gone")).isPositive();
        }
    }

    private static void requireCurl() {
        if (!LabActivity.missingPrograms("curl").isEmpty()) {
            String reason = "SKIPPED: the visitor bot needs curl (Debian: curl)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
    }
}
