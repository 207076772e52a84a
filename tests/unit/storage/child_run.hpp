#pragma once
// Driving delivery_crash_child (the koubei process the delivery integration tests kill, starve
// of Redis or run twice) and counting what reached the sinks. Shared by delivery_crash_test.cpp
// and delivery_redis_test.cpp.

#include "tests/support/child_process.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace koubei::storage::testing {

/// What one run of the child printed and how it ended.
struct ChildRun {
  int exit_code = 0;
  std::uint64_t cursor = 0;  ///< last "done <cursor>"
  int done = 0;
  int held = 0;    ///< "held": a live claim kept the checkpoint
  int failed = 0;  ///< "failed": deliver() returned an error (e.g. Redis down)
};

/// Called with each line the child prints and the counts so far; returns false to SIGKILL it.
using LineWatcher = std::function<bool(const std::string& line, const ChildRun& so_far)>;

/// "key=value" arguments of delivery_crash_child.
using ChildArgs = std::vector<std::pair<std::string, std::string>>;

inline std::vector<std::string> child_argv(const ChildArgs& args) {
  std::vector<std::string> argv = {KOUBEI_DELIVERY_CHILD};
  for (const auto& [key, value] : args)
    argv.push_back(key + "=" + value);
  return argv;
}

/// Reads the child's lines until it exits (or `watch` says kill), and reaps it.
inline ChildRun follow_child(koubei::test::ChildProcess& child, const LineWatcher& watch = {}) {
  ChildRun run;
  while (auto line = child.read_line(std::chrono::minutes(5))) {
    if (line->starts_with("done ")) {
      run.cursor = std::stoull(line->substr(5));
      ++run.done;
    }
    run.held += line->starts_with("held ") ? 1 : 0;
    run.failed += line->starts_with("failed ") ? 1 : 0;
    if (watch && !watch(*line, run)) {
      child.kill_9();  // whatever it is doing now: claiming, writing, confirming, saving
      break;
    }
  }
  run.exit_code = child.wait();
  return run;
}

inline ChildRun run_child(const ChildArgs& args, const LineWatcher& watch = {}) {
  koubei::test::ChildProcess child(child_argv(args));
  return follow_child(child, watch);
}

/// Kills the child right after its `n`-th "done" line.
inline LineWatcher kill_after_done(int n) {
  return [n](const std::string&, const ChildRun& so_far) {
    return so_far.done < n;
  };
}

/// How the copies in one sink cover the window weibo:post:0 .. total-1.
struct WindowCount {
  std::size_t missing = 0;              ///< ids of the window with no copy
  std::size_t foreign = 0;              ///< copies of ids outside the window
  std::size_t altered = 0;              ///< copies that are not exactly the mention's record
  std::size_t duplicates = 0;           ///< copies beyond the first
  std::set<std::uint64_t> dup_batches;  ///< batches (n / batch) that have a duplicate
};

/// entries: (id, record) per copy, e.g. jsonl_entries() or stream_entries().
inline WindowCount count_window(const std::vector<std::pair<std::string, std::string>>& entries,
                                std::uint64_t total,
                                std::uint64_t batch) {
  WindowCount count;
  std::map<std::uint64_t, int> copies;
  for (const auto& [id, record] : entries) {
    const auto colon = id.rfind(':');
    const std::uint64_t n = std::stoull(id.substr(colon + 1));
    if (id.substr(0, colon + 1) != "weibo:post:" || n >= total) {
      ++count.foreign;
      continue;
    }
    count.altered += record == mention(n).json ? 0 : 1;
    if (++copies[n] > 1) {
      ++count.duplicates;
      count.dup_batches.insert(n / batch);
    }
  }
  count.missing = total - copies.size();
  return count;
}

}  // namespace koubei::storage::testing
