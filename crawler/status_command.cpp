// koubei status --config FILE [--json]
// The cluster view of the daemons sharing one Redis (issue 10): the live daemons and how many jobs
// each holds, every job of the configuration with its owner and lag (how old the newest delivered
// item is, when its checkpoint was last saved), and each platform's and account's health as the
// daemons share it (the shared budgets: a cool-down any daemon started, with its reason). Reads the
// lease table, the checkpoints and the budgets; starts nothing and writes nothing.
// Exit codes: 0; 1 Redis unreachable or unreadable; 2 usage or configuration error (including a
// configuration without [redis]: the embedded store has no shared view).
#include <chrono>
#include <iostream>
#include <map>
#include <memory>

#include "config/json_string.hpp"
#include "crawler/commands.hpp"
#include "crawler/crawl_setup.hpp"
#include "crawler/run_report.hpp"
#include "parsers/model/timestamp.hpp"
#include "scheduler/run/jobs.hpp"
#include "scheduler/run/platform_lane.hpp"
#include "storage/state_stores.hpp"

#include <fmt/format.h>

namespace koubei::cli {
namespace {

struct StatusOptions {
  std::string config_file;
  bool json = false;
};

struct JobRow {
  std::string id;
  std::string label;
  std::string owner;            ///< "" = no live lease
  std::int64_t newest_ms = 0;   ///< checkpoint watermark, 0 = none
  std::int64_t saved_ms = 0;    ///< checkpoint updated_at, 0 = none
  std::string problem;          ///< checkpoint unreadable
};

struct AccountRow {
  std::string platform;
  std::string account;          ///< "" for the platform as a whole (a Retry-After)
  std::string state;            ///< healthy, cooling_down, unhealthy
  std::string reason;
  std::int64_t blocked_ms = 0;
  bool used = false;            ///< a daemon has taken from its bucket lately
};

/// Every enabled platform's bucket and its accounts', as the shared budgets hold them.
Result<std::vector<AccountRow>> account_rows(const config::Config& config, storage::SharedBudgets& budgets) {
  std::vector<AccountRow> rows;
  for (const auto& [id, platform] : config.platforms) {
    if (!platform.enabled) continue;
    const std::string name(config::to_string(id));
    std::vector<std::string> buckets{""};
    std::vector<std::string> accounts{""};
    if (platform.accounts.empty()) {
      buckets.push_back("default");
      accounts.push_back("default");
    }
    for (const auto& a : platform.accounts) {
      buckets.push_back(scheduler::budget_bucket_name(a.name, a.cookie));
      accounts.push_back(a.name);
    }
    auto states = budgets.view(name, buckets);
    if (!states) return states.error();
    for (std::size_t i = 0; i < states->size(); ++i) {
      const auto& st = (*states)[i];
      AccountRow row{name, accounts[i], "healthy", {}, st.blocked_ms, st.exists};
      if (st.blocked_ms > 0) {
        row.state = st.state.empty() ? "cooling_down" : st.state;
        row.reason = st.reason;
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::string ago(std::int64_t now_ms, std::int64_t then_ms) {
  if (then_ms == 0) return "-";
  return format_seconds(static_cast<double>(std::max<std::int64_t>(0, now_ms - then_ms)) / 1000.0);
}

int run_status(const StatusOptions& o) {
  auto config = load_config_or_report(o.config_file, std::cerr, "status");
  if (!config) return kExitUsage;
  if (!config->redis) {
    std::cerr << "koubei status: " << o.config_file
              << " has no [redis]: a daemon on the embedded store shares nothing; see its /healthz\n";
    return kExitUsage;
  }
  auto setup = make_crawl_setup(*config, std::cerr, "status", false);
  if (!setup) return kExitUsage;
  auto stores = storage::open_state_stores(*config);
  if (!stores) {
    std::cerr << "koubei status: " << stores.error().message() << "\n";
    return kExitUsage;
  }
  auto table = stores->leases->view();
  if (!table) {
    std::cerr << "koubei status: " << table.error().message() << "\n";
    return kExitFailure;
  }
  std::map<std::string, std::string> owner_of;
  for (const auto& lease : table->leases) {
    if (lease.expires_ms > table->now_ms) owner_of[lease.job] = lease.owner;
  }
  std::vector<JobRow> rows;
  std::map<std::string, std::size_t> per_member;
  for (const auto& m : table->members) per_member[m.id] = 0;
  for (const auto& spec : scheduler::make_jobs(*config, config->queries, true, *setup->folder)) {
    JobRow row{spec.id, spec.label, {}, 0, 0, {}};
    if (auto it = owner_of.find(spec.id); it != owner_of.end()) {
      row.owner = it->second;
      ++per_member[row.owner];
    }
    auto cp = stores->checkpoints->load(spec.id);
    if (!cp) {
      row.problem = cp.error().message();
    } else if (*cp) {
      row.newest_ms = (*cp)->watermark_ms;
      row.saved_ms = (*cp)->updated_at_ms;
    }
    rows.push_back(std::move(row));
  }
  auto accounts = account_rows(*config, *stores->budgets);
  if (!accounts) {
    std::cerr << "koubei status: " << accounts.error().message() << "\n";
    return kExitFailure;
  }
  const std::int64_t now = table->now_ms;
  std::size_t unowned = 0;
  for (const auto& r : rows) unowned += r.owner.empty() ? 1 : 0;

  if (o.json) {
    std::string j = "{\"redis\":";
    text::append_json_string(stores->description, j);
    j += ",\"server_time\":\"" + model::format_rfc3339(model::Timestamp(std::chrono::milliseconds(now))) +
         "\",\"daemons\":[";
    bool first = true;
    for (const auto& m : table->members) {
      j += first ? "{\"member\":" : ",{\"member\":";
      first = false;
      text::append_json_string(m.id, j);
      j += ",\"heartbeat_expires_in_ms\":" + std::to_string(m.expires_ms - now) +
           ",\"jobs\":" + std::to_string(per_member[m.id]) + "}";
    }
    j += "],\"jobs\":[";
    first = true;
    for (const auto& r : rows) {
      j += first ? "{\"id\":" : ",{\"id\":";
      first = false;
      text::append_json_string(r.id, j);
      j += ",\"owner\":";
      if (r.owner.empty()) {
        j += "null";
      } else {
        text::append_json_string(r.owner, j);
      }
      j += ",\"newest_item_age_ms\":" + (r.newest_ms ? std::to_string(now - r.newest_ms) : "null") +
           ",\"checkpoint_age_ms\":" + (r.saved_ms ? std::to_string(now - r.saved_ms) : "null");
      if (!r.problem.empty()) {
        j += ",\"problem\":";
        text::append_json_string(r.problem, j);
      }
      j += "}";
    }
    j += "],\"unowned_jobs\":" + std::to_string(unowned) + ",\"accounts\":[";
    first = true;
    for (const auto& a : *accounts) {
      j += first ? "{\"platform\":" : ",{\"platform\":";
      first = false;
      text::append_json_string(a.platform, j);
      j += ",\"account\":";
      if (a.account.empty()) {
        j += "null";
      } else {
        text::append_json_string(a.account, j);
      }
      j += ",\"state\":";
      text::append_json_string(a.state, j);
      j += ",\"reason\":";
      text::append_json_string(a.reason, j);
      j += ",\"blocked_for_ms\":" + std::to_string(a.blocked_ms) +
           ",\"used\":" + (a.used ? "true" : "false") + "}";
    }
    j += "]}";
    std::cout << j << "\n";
    return kExitOk;
  }

  std::cout << "koubei status: " << stores->description << ", server time "
            << model::format_rfc3339(model::Timestamp(std::chrono::milliseconds(now))) << "\n";
  std::cout << "daemons: " << table->members.size() << " live\n";
  for (const auto& m : table->members) {
    std::cout << fmt::format("  {:<32} {:>5} job(s)  heartbeat good for {}\n", m.id, per_member[m.id],
                             format_seconds(static_cast<double>(m.expires_ms - now) / 1000.0));
  }
  std::cout << "jobs: " << rows.size() << " (" << rows.size() - unowned << " owned, " << unowned
            << " without a live owner)\n";
  std::cout << fmt::format("  {:<48} {:<24} {:>12} {:>12}\n", "JOB", "OWNER", "NEWEST ITEM",
                           "CHECKPOINT");
  for (const auto& r : rows) {
    std::cout << fmt::format("  {:<48} {:<24} {:>12} {:>12}{}\n", r.label,
                             r.owner.empty() ? "-" : r.owner, ago(now, r.newest_ms),
                             ago(now, r.saved_ms), r.problem.empty() ? "" : "  " + r.problem);
  }
  std::cout << "accounts (shared by the daemons; a platform row is a Retry-After for all):\n";
  std::cout << fmt::format("  {:<12} {:<24} {:<13} {:>10}  {}\n", "PLATFORM", "ACCOUNT", "STATE",
                           "FOR", "REASON");
  for (const auto& a : *accounts) {
    if (a.account.empty() && a.blocked_ms == 0) continue;  // the platform as a whole: only when blocked
    std::cout << fmt::format("  {:<12} {:<24} {:<13} {:>10}  {}\n", a.platform,
                             a.account.empty() ? "(platform)" : a.account, a.state,
                             a.blocked_ms > 0 ? format_seconds(static_cast<double>(a.blocked_ms) / 1000.0) : "-",
                             a.used || a.blocked_ms > 0 ? a.reason : "no request yet");
  }
  return kExitOk;
}

}  // namespace

void add_status(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<StatusOptions>();
  CLI::App* cmd = app.add_subcommand(
      "status", "Show the daemons sharing the configured Redis, the jobs each owns and their lag");
  cmd->add_option("--config,-c", options->config_file, "Configuration file (TOML)")->required();
  cmd->add_flag("--json", options->json, "One JSON object instead of the table");
  cmd->callback([options, exit_code] { *exit_code = run_status(*options); });
}

}  // namespace koubei::cli
