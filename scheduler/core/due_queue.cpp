#include "scheduler/core/due_queue.hpp"

namespace koubei::scheduler {

void DueQueue::schedule(const std::string& job, TimePoint due) {
  cancel(job);
  by_time_.emplace(due, job);
  by_job_.emplace(job, due);
}

void DueQueue::schedule_no_later(const std::string& job, TimePoint due) {
  auto it = by_job_.find(job);
  if (it != by_job_.end() && it->second <= due) return;
  schedule(job, due);
}

void DueQueue::cancel(const std::string& job) {
  auto it = by_job_.find(job);
  if (it == by_job_.end()) return;
  by_time_.erase({it->second, job});
  by_job_.erase(it);
}

std::optional<std::string> DueQueue::pop_due(TimePoint now) {
  if (by_time_.empty() || by_time_.begin()->first > now) return std::nullopt;
  auto node = by_time_.extract(by_time_.begin());
  by_job_.erase(node.value().second);
  return std::move(node.value().second);
}

std::optional<TimePoint> DueQueue::next_due() const {
  if (by_time_.empty()) return std::nullopt;
  return by_time_.begin()->first;
}

std::optional<TimePoint> DueQueue::due_of(const std::string& job) const {
  auto it = by_job_.find(job);
  if (it == by_job_.end()) return std::nullopt;
  return it->second;
}

}  // namespace koubei::scheduler
