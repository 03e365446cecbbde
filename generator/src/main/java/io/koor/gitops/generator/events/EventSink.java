package io.koor.gitops.generator.events;

/** Where the core reports progress. The core never prints; a front end maps these to its own log. */
public interface EventSink {
    void info(String message);

    void warn(String message);

    EventSink SILENT = new EventSink() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}
