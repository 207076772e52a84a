#pragma once
// BackfillWindows: the time windows a Weibo `timescope` backfill walks, newest first, refined when
// a window hits the platform's result cap (50 pages on s.weibo.com): a day that fills 50 pages is
// split into its 24 hours, as dataabc/weibo-search does, because the cap would otherwise hide
// everything beyond page 50. An hour that still hits the cap cannot be split further by time
// (Weibo's timescope has hour resolution): it is crawled as far as it goes and reported as capped,
// so the user knows recall is incomplete there instead of being told "done".
//
// Sans-IO; times are Unix seconds. Thread safety: none.

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace koubei::scheduler {

struct TimeWindow {
  std::int64_t since = 0;  ///< inclusive
  std::int64_t until = 0;  ///< exclusive
  friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

class BackfillWindows {
 public:
  /// [since, until) cut at Beijing-time (UTC+8) midnights into day windows, newest first.
  BackfillWindows(std::int64_t since, std::int64_t until);

  /// The window to crawl next; nullopt when everything is done.
  std::optional<TimeWindow> next() const;

  /// The current window was crawled to its end (or to `since`): move on.
  void finished();
  /// The current window hit the page cap. A window longer than an hour is replaced by its hours
  /// (newest first); an hour is recorded as capped and finished.
  void hit_cap();

  const std::vector<TimeWindow>& capped() const { return capped_; }
  std::size_t remaining() const { return pending_.size(); }

 private:
  std::deque<TimeWindow> pending_;
  std::vector<TimeWindow> capped_;
};

}  // namespace koubei::scheduler
