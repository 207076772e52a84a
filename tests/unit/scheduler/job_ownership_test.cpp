#include "scheduler/core/job_ownership.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

using koubei::scheduler::JobOwnership;
using koubei::scheduler::LeaseRequest;
using koubei::scheduler::preferred_owner;
using koubei::scheduler::rendezvous_weight;

namespace {

std::vector<std::string> jobs(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back("search:q" + std::to_string(i) + ":weibo:关键词");
  return out;
}

// A lease store with the real rule: granted when free, expired or already the asker's.
struct Store {
  std::map<std::string, std::pair<std::string, std::int64_t>> leases;  // job → (owner, expiry)
  std::map<std::string, std::int64_t> members;                          // member → expiry
  std::int64_t ttl = 15000;

  std::vector<std::string> round(const std::string& me, const LeaseRequest& r, std::int64_t now,
                                 std::vector<std::string>& alive) {
    members[me] = now + ttl;
    std::erase_if(members, [&](const auto& m) { return m.second <= now; });
    alive.clear();
    for (const auto& [m, e] : members) alive.push_back(m);
    for (const auto& j : r.release) {
      if (auto it = leases.find(j); it != leases.end() && it->second.first == me) leases.erase(it);
    }
    std::vector<std::string> held;
    for (const auto& j : r.take) {
      auto it = leases.find(j);
      if (it == leases.end() || it->second.second <= now || it->second.first == me) {
        leases[j] = {me, now + ttl};
        held.push_back(j);
      }
    }
    return held;
  }

  // One round, and one more at once when the members changed (as the driver does).
  void sync(JobOwnership& o, std::int64_t now) {
    for (int i = 0; i < 2; ++i) {
      const LeaseRequest r = o.request();
      std::vector<std::string> alive;
      const auto held = round(o.me(), r, now, alive);
      if (!o.granted(now, r, alive, held)) break;
    }
  }
};

}  // namespace

TEST_CASE("rendezvous weights are stable and spread jobs evenly", "[scheduler][ownership]") {
  // Fixed values: every machine must compute the same owner.
  CHECK(rendezvous_weight("a", "b") == rendezvous_weight("a", "b"));
  CHECK(rendezvous_weight("ab", "c") != rendezvous_weight("a", "bc"));
  const std::vector<std::string> members{"host-1:10", "host-2:11", "host-3:12"};
  std::map<std::string, int> count;
  for (const auto& j : jobs(3000)) ++count[std::string(preferred_owner(j, members))];
  for (const auto& m : members) {
    INFO(m);
    CHECK(count[m] > 850);
    CHECK(count[m] < 1150);
  }
  CHECK(preferred_owner("x", {}).empty());
  // A member leaving moves only its own jobs.
  const std::vector<std::string> two{"host-1:10", "host-3:12"};
  for (const auto& j : jobs(500)) {
    const auto before = preferred_owner(j, members);
    if (before != "host-2:11") CHECK(preferred_owner(j, two) == before);
  }
}

TEST_CASE("three members split the jobs, each job held by exactly one", "[scheduler][ownership]") {
  Store store;
  const auto all = jobs(60);
  std::vector<JobOwnership> members;
  for (const char* id : {"a:1", "b:2", "c:3"}) members.emplace_back(id, all, 15000, 3000);
  std::int64_t now = 0;
  // Rounds every 5 s: the first round of each sees only itself and the earlier members.
  for (int round = 0; round < 4; ++round, now += 5000) {
    for (auto& m : members) store.sync(m, now);
  }
  std::size_t total = 0;
  for (const auto& job : all) {
    int walkers = 0;
    for (const auto& m : members) walkers += m.may_walk(job, now) ? 1 : 0;
    INFO(job);
    CHECK(walkers == 1);
  }
  for (const auto& m : members) {
    CHECK(m.peers() == 3);
    CHECK(m.owned(now) == m.preferred());
    total += m.owned(now);
  }
  CHECK(total == all.size());
}

TEST_CASE("a walk in progress keeps its lease until it ends, then the job moves",
          "[scheduler][ownership]") {
  Store store;
  const auto all = jobs(40);
  JobOwnership a("a:1", all, 15000, 3000);
  store.sync(a, 0);
  CHECK(a.owned(0) == all.size());  // alone: everything
  for (const auto& j : all) a.walking(j, true);
  JobOwnership b("b:2", all, 15000, 3000);
  store.sync(b, 1000);  // b prefers some, a holds them all
  CHECK(b.owned(1000) == 0);
  store.sync(a, 5000);  // a sees b but keeps what is walking
  CHECK(a.owned(5000) == all.size());
  for (const auto& j : all) CHECK(a.may_walk(j, 5000));
  for (const auto& j : all) a.walking(j, false);
  std::size_t moving = 0;
  for (const auto& j : all) moving += (a.may_walk(j, 5000) ? 0 : 1);
  CHECK(moving == b.preferred());  // b's jobs may not start another walk on a
  store.sync(a, 10000);  // released
  store.sync(b, 11000);  // taken
  for (const auto& j : all) CHECK(a.may_walk(j, 11000) != b.may_walk(j, 11000));
  CHECK(b.owned(11000) == b.preferred());
  CHECK(b.preferred() > 0);
}

TEST_CASE("a member that cannot reach the store stops before its leases can be taken",
          "[scheduler][ownership]") {
  Store store;
  const auto all = jobs(20);
  JobOwnership a("a:1", all, 15000, 3000);
  JobOwnership b("b:2", all, 15000, 3000);
  store.sync(a, 0);
  store.sync(b, 0);
  store.sync(a, 5000);
  const std::string job_of_a = [&] {
    for (const auto& j : all) {
      if (a.may_walk(j, 5000)) return j;
    }
    return std::string();
  }();
  REQUIRE(!job_of_a.empty());
  // a is cut off after its round at 5 s: it trusts its leases until 5 + 15 - 3 = 17 s.
  a.failed();
  CHECK(a.may_walk(job_of_a, 16999));
  CHECK_FALSE(a.may_walk(job_of_a, 17000));
  // b sees a expire at 20 s and takes everything over, after a stopped.
  store.sync(b, 20001);
  CHECK(b.peers() == 1);
  CHECK(b.owned(20001) == all.size());
  CHECK(b.may_walk(job_of_a, 20001));
}
