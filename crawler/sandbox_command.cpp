// koubei sandbox [--listen HOST:PORT] [--seed N] [--scenario NAME|FILE] [--clock-rate R]
//                [--epoch TIME] [--threads N]
// Simulated Weibo, Xiaohongshu, Douyin and Dianping on loopback (docs/sandbox.md). Prints
// "listening on HOST:PORT" on stdout once bound (port 0 picks a free one), serves until SIGINT or
// SIGTERM, then exits 0. Exit 2 for a bad option or scenario, 1 when the address cannot be bound.
#include <boost/asio/signal_set.hpp>

#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>

#include "config/load.hpp"
#include "crawler/commands.hpp"
#include "crawler/time_arg.hpp"
#include "sandbox/clock.hpp"
#include "sandbox/enforcer.hpp"
#include "sandbox/router.hpp"
#include "sandbox/server.hpp"
#include "sandbox/world.hpp"

namespace koubei::cli {
namespace {

struct SandboxOptions {
  std::string listen = "127.0.0.1:8650";
  std::uint64_t seed = 1;
  std::string scenario = "demo";
  double clock_rate = 1.0;
  std::string epoch;
  unsigned threads = 2;
};

bool split_listen(const std::string& listen, std::string& host, std::uint16_t& port) {
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string p = listen.substr(colon + 1);
  if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) return false;
  const unsigned long v = std::stoul(p);
  if (v > 65535) return false;
  port = static_cast<std::uint16_t>(v);
  return true;
}

int run_sandbox(const SandboxOptions& o) {
  std::string host;
  std::uint16_t port = 0;
  if (!split_listen(o.listen, host, port)) {
    std::cerr << "koubei sandbox: --listen \"" << o.listen << "\" is not HOST:PORT\n";
    return kExitUsage;
  }
  sandbox::Scenario scenario;
  try {
    scenario = sandbox::load_scenario(o.scenario);
  } catch (const config::LoadError& e) {
    std::cerr << e.what();
    return kExitUsage;
  }
  const auto wall_now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  std::int64_t epoch = scenario.world.epoch.value_or(wall_now.time_since_epoch().count());
  if (!o.epoch.empty()) {
    const auto t = parse_time_arg(o.epoch, wall_now);
    if (!t) {
      std::cerr << "koubei sandbox: --epoch \"" << o.epoch << "\" is not a TIME (2026-11-01, 2026-11-01T08:00:00+08:00, -7d)\n";
      return kExitUsage;
    }
    epoch = t->time_since_epoch().count();
  }
  const sandbox::World world(scenario, o.seed, epoch);
  const sandbox::WorldClock clock(epoch, o.clock_rate);
  sandbox::Enforcer enforcer(world.scenario());
  sandbox::Router router(world, clock, enforcer);
  std::unique_ptr<sandbox::Server> server;
  try {
    server = std::make_unique<sandbox::Server>(router, host, port);
  } catch (const boost::system::system_error& e) {
    std::cerr << "koubei sandbox: cannot listen on " << o.listen << ": " << e.code().message() << "\n";
    return kExitFailure;
  }
  boost::asio::signal_set signals(server->io(), SIGINT, SIGTERM);
  signals.async_wait([&server](const boost::system::error_code& ec, int) {
    if (!ec) server->stop();
  });
  std::cout << "listening on " << host << ":" << server->port() << std::endl;
  std::cerr << "koubei sandbox: scenario " << world.scenario().name << ", seed " << o.seed << ", "
            << world.queries().size() << " queries, " << world.scenario().shops.size()
            << " shops, clock rate " << o.clock_rate << "\n";
  server->run(o.threads);
  std::cerr << "koubei sandbox: stopped\n";
  return kExitOk;
}

}  // namespace

void add_sandbox(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<SandboxOptions>();
  CLI::App* cmd = app.add_subcommand("sandbox", "Simulated platforms on loopback for demos, tests and benchmarks");
  cmd->add_option("--listen", o->listen, "HOST:PORT to serve on (port 0: pick a free port)")->capture_default_str();
  cmd->add_option("--seed", o->seed, "World seed: the same seed serves the same world")->capture_default_str();
  cmd->add_option("--scenario", o->scenario, "demo, steady, crisis, hostile, or a scenario .toml file")->capture_default_str();
  cmd->add_option("--clock-rate", o->clock_rate, "World seconds per wall second (0 freezes the world)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--epoch", o->epoch, "World time at start (TIME; default: the scenario's, else now)");
  cmd->add_option("--threads", o->threads, "Server threads")->check(CLI::Range(1U, 64U))->capture_default_str();
  cmd->callback([o, exit_code] { *exit_code = run_sandbox(*o); });
}

}  // namespace koubei::cli
