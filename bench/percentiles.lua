-- wrk prints 50/75/90/99 % only; the target is stated at p95, so print what we need on one line.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d errors=%d rps=%.1f p50=%.1f p95=%.1f p99=%.1f max=%.1f\n",
    summary.requests, errors, summary.requests / (summary.duration / 1000000),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
