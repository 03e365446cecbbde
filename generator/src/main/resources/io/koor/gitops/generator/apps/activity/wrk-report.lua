-- wrk's done hook (wrk SCRIPTING): the run's numbers as one JSON line, latencies in microseconds,
-- for benchmark-result.sh to read from wrk's output.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format(
      '{"wrkReport":{"durationUs":%d,"requests":%d,"bytes":%d,"errors":%d,'
      .. '"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}}\n',
      summary.duration, summary.requests, summary.bytes, errors,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
      latency.max))
end
