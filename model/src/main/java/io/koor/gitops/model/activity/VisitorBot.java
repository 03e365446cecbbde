package io.koor.gitops.model.activity;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import java.util.List;
import java.util.Objects;

/**
 * The visitor bot: on a schedule, fetches each page in turn as a reader would (the CDN's site, the
 * stream's page), pausing between rounds. A URL ending in {@code .m3u8} is watched as a player would: the
 * playlist, its init segment and its newest media segments.
 *
 * @param namespace where its CronJob runs
 * @param urls      the pages, http or https
 */
public record VisitorBot(DnsLabel namespace, List<String> urls, String schedule, int pauseSeconds, int seconds) {
    public VisitorBot {
        Objects.requireNonNull(namespace, "namespace");
        urls = List.copyOf(urls);
        String cron = schedule;
        schedule = Problems.at("", () -> CronSchedule.check(cron));
        Problems problems = new Problems();
        problems.require(!urls.isEmpty(), "urls", "give at least one page to visit, e.g. 'https://cdn.example.org/'");
        for (String url : urls) {
            problems.require(WebUrl.isHttp(url), "urls", "'" + url + "' is not an http or https URL; write it as"
                    + " 'https://host/path'");
        }
        problems.require(pauseSeconds >= 1 && pauseSeconds <= seconds, "pauseSeconds", "pauseSeconds=" + pauseSeconds
                + ": pause 1 s or more between rounds, and less than a run (" + seconds + " s)");
        problems.require(seconds >= 10 && seconds <= 3600, "seconds", "seconds=" + seconds + ": give 10 to 3600");
        problems.throwIfAny();
    }

    /** Every 5 minutes, 4 minutes of rounds 5 s apart. */
    public static VisitorBot visiting(String namespace, String... urls) {
        return new VisitorBot(Problems.at("namespace", () -> DnsLabel.of(namespace)), List.of(urls), "*/5 * * * *", 5,
                240);
    }

    /** The TCP ports the bot's visits go to, in order, each once. */
    public java.util.SortedSet<Integer> ports() {
        java.util.SortedSet<Integer> ports = new java.util.TreeSet<>();
        urls.forEach(url -> ports.add(WebUrl.port(url).orElseThrow()));
        return ports;
    }
}
