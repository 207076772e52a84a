#include "crawler/run_report.hpp"

#include <fmt/format.h>

#include <cmath>

namespace koubei::cli {

std::string format_seconds(double s) {
  if (s < 10) return fmt::format("{:.1f}s", s);
  const auto total = static_cast<std::int64_t>(std::llround(s));
  if (total < 60) return fmt::format("{}s", total);
  if (total < 3600) return fmt::format("{}m{:02}s", total / 60, total % 60);
  return fmt::format("{}h{:02}m", total / 3600, (total % 3600) / 60);
}

bool all_complete(const scheduler::CrawlRuntime& runtime) {
  for (const auto& o : runtime.outcomes()) {
    if (!o.complete) return false;
  }
  return true;
}

void print_run_summary(std::ostream& out, std::string_view command,
                       const scheduler::CrawlRuntime& runtime) {
  const scheduler::RunTotals& t = runtime.totals();
  std::string latency = "none delivered";
  if (auto p50 = t.latency_quantile(0.5)) {
    latency = "p50 " + format_seconds(*p50) + " p95 " + format_seconds(*t.latency_quantile(0.95));
  }
  out << fmt::format(
      "{}: {} job(s), {} pages, {} new, {} known, {} skipped; {} requests ({} blocked, {} failed); "
      "mention latency {}; {} alert(s)\n",
      command, runtime.outcomes().size(), t.pages.load(), t.fresh.load(), t.duplicates.load(),
      t.skipped.load(), t.requests.load(), t.blocked.load(), t.failed_requests.load(), latency,
      t.alerts.load());
  for (const auto& message : runtime.refused()) out << "  not run: " << message << "\n";
  const bool shared = runtime.ownership().shared;
  for (const auto& o : runtime.outcomes()) {
    out << fmt::format("  {}: {} pages, {} new, {} known, {} not matching, {} skipped", o.label,
                       o.pages, o.fresh, o.duplicates, o.unmatched, o.skipped);
    if (o.walks == 0 && shared) {
      out << " [not polled here: another daemon held its lease]";
    } else if (!o.complete) {
      out << " [incomplete: " << o.failure << "]";
    }
    out << "\n";
    for (const auto& c : o.capped) out << "    recall incomplete: " << c << "\n";
  }
}

std::string progress_line(const scheduler::CrawlRuntime& runtime,
                          std::chrono::steady_clock::duration elapsed) {
  const scheduler::RunTotals& t = runtime.totals();
  const double seconds = std::max(0.001, std::chrono::duration<double>(elapsed).count());
  const auto fresh = t.fresh.load();
  std::string line = fmt::format("backfill: {} mentions new, {} known · {} pages · {:.1f}/s",
                                 fresh, t.duplicates.load(), t.pages.load(), fresh / seconds);
  const auto [done, total] = runtime.windows_progress();
  if (total > 0) {
    line += fmt::format(" · windows {}/{}", done, total);
    if (done > 0 && done < total) {
      line += " · ETA " + format_seconds(seconds * static_cast<double>(total - done) /
                                         static_cast<double>(done));
    }
  }
  if (t.blocked.load() > 0) line += fmt::format(" · {} blocked", t.blocked.load());
  line += " · " + format_seconds(seconds);
  return line;
}

}  // namespace koubei::cli
