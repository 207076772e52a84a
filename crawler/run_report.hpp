#pragma once
// The end-of-run summary of `koubei run` and `koubei backfill` on stderr, and the backfill's
// live progress line on a terminal:
//
//   backfill: 1,240 mentions new, 31 known · 126 pages · 42.0/s · windows 5/9 · ETA 0:12
//   run: 3 job(s), 126 pages, 1240 new, 31 known, 12 not matching, 0 skipped; 140 requests
//        (2 blocked, 1 failed); mention latency p50 4m10s p95 38m; 1 alert
//   job huawei-signal weibo "华为 信号": 52 pages, 520 new … [incomplete: captcha … at URL]

#include "scheduler/run/crawl_runtime.hpp"

#include <chrono>
#include <ostream>
#include <string>

namespace koubei::cli {

void print_run_summary(std::ostream& out, std::string_view command,
                       const scheduler::CrawlRuntime& runtime);

/// Every job's last walk was complete.
bool all_complete(const scheduler::CrawlRuntime& runtime);

/// One progress line (no newline), for a terminal's status line.
std::string progress_line(const scheduler::CrawlRuntime& runtime,
                          std::chrono::steady_clock::duration elapsed);

/// "4m10s", "38m", "2h05m", "0.4s".
std::string format_seconds(double seconds);

}  // namespace koubei::cli
