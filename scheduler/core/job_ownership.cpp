#include "scheduler/core/job_ownership.hpp"

#include <algorithm>

namespace koubei::scheduler {

namespace {

// FNV-1a then a splitmix64 finaliser: stable across builds and machines (std::hash is not
// specified to be), and well mixed for ids that differ in one character.
std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

void fnv(std::uint64_t& h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
}

}  // namespace

std::uint64_t rendezvous_weight(std::string_view member, std::string_view job) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  fnv(h, member);
  h ^= 0xff;  // a separator no UTF-8 id contains, so ("ab","c") and ("a","bc") differ
  h *= 0x100000001b3ULL;
  fnv(h, job);
  return mix(h);
}

std::string_view preferred_owner(std::string_view job, std::span<const std::string> members) {
  std::string_view best;
  std::uint64_t best_weight = 0;
  for (const auto& m : members) {
    const std::uint64_t w = rendezvous_weight(m, job);
    if (best.empty() || w > best_weight || (w == best_weight && m < best)) {
      best = m;
      best_weight = w;
    }
  }
  return best;
}

JobOwnership::JobOwnership(std::string me, std::vector<std::string> jobs, std::int64_t ttl_ms,
                           std::int64_t margin_ms)
    : me_(std::move(me)), jobs_(std::move(jobs)), ttl_ms_(ttl_ms), margin_ms_(margin_ms) {
  members_.push_back(me_);
  for (const auto& j : jobs_) state_.emplace(j, State{});
}

bool JobOwnership::prefers(std::string_view job) const {
  return preferred_owner(job, members_) == me_;
}

LeaseRequest JobOwnership::request() const {
  LeaseRequest r;
  for (const auto& job : jobs_) {
    const State& s = state_.at(job);
    if (prefers(job) || (s.held && s.walking)) {
      r.take.push_back(job);
    } else if (s.held) {
      r.release.push_back(job);
    }
  }
  return r;
}

bool JobOwnership::granted(std::int64_t started_ms, const LeaseRequest& sent,
                           std::vector<std::string> members, std::span<const std::string> held) {
  if (std::find(members.begin(), members.end(), me_) == members.end()) members.push_back(me_);
  std::sort(members.begin(), members.end());
  const bool changed = members != members_;
  members_ = std::move(members);
  for (const auto& job : sent.release) {
    if (auto it = state_.find(job); it != state_.end()) it->second.held = false;
  }
  // A job asked for and not granted is someone else's (or was taken over after our lease ran out).
  for (const auto& job : sent.take) {
    if (auto it = state_.find(job); it != state_.end()) it->second.held = false;
  }
  for (const auto& job : held) {
    auto it = state_.find(job);
    if (it == state_.end()) continue;
    it->second.held = true;
    it->second.deadline_ms = started_ms + ttl_ms_ - margin_ms_;
  }
  return changed;
}

bool JobOwnership::may_walk(std::string_view job, std::int64_t now_ms) const {
  auto it = state_.find(std::string(job));
  if (it == state_.end()) return false;
  const State& s = it->second;
  if (!s.held || now_ms >= s.deadline_ms) return false;
  return s.walking || prefers(job);
}

void JobOwnership::walking(std::string_view job, bool on) {
  if (auto it = state_.find(std::string(job)); it != state_.end()) it->second.walking = on;
}

std::size_t JobOwnership::owned(std::int64_t now_ms) const {
  std::size_t n = 0;
  for (const auto& [job, s] : state_) n += (s.held && now_ms < s.deadline_ms) ? 1 : 0;
  return n;
}

std::size_t JobOwnership::preferred() const {
  std::size_t n = 0;
  for (const auto& job : jobs_) n += prefers(job) ? 1 : 0;
  return n;
}

}  // namespace koubei::scheduler
