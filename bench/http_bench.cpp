// HTTP engine throughput against nginx on loopback, with wrk on the same URLs in the same run as
// the machine's ceiling. bench/http_bench.sh prepares the pages and nginx and runs this.
//
//   koubei_http_bench --urls FILE --in-flight N [--seconds S] [--wrk-script LUA] [--no-wrk]
//
// wrk: one thread, N connections, S seconds (its CPU from wait4's rusage). koubei: one HttpEngine
// (one network thread) with N fetches in flight from N coroutines on a second thread (the way the
// scheduler will use it), S seconds, cycling through the URL list; CPU is the whole process's.
// Every response is checked (status 200, non-empty body) and counted; failures are printed.
// Output: a Markdown table with requests/s, CPU seconds, requests per CPU second and the ratio.
#include "crawler/http/http_engine.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace koubei;
using Clock = std::chrono::steady_clock;
namespace asio = boost::asio;

namespace {

struct Options {
  std::string urls_file;
  std::string wrk_script;
  int in_flight = 64;
  int seconds = 10;
  bool wrk = true;
  bool caller_thread = false;  // coroutines on their own thread instead of the network thread
};

struct Figures {
  double requests = 0;
  double seconds = 0;
  double cpu_seconds = 0;
  double errors = 0;
  std::uint64_t body_bytes = 0;
};

double seconds_of(const timeval& tv) {
  return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6;
}

double process_cpu() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return seconds_of(ru.ru_utime) + seconds_of(ru.ru_stime);
}

// Runs wrk and reads "Requests/sec:" and the request count from its report.
Figures run_wrk(const Options& o, const std::string& first_url) {
  int out[2];
  if (pipe(out) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    const std::string conns = std::to_string(o.in_flight);
    const std::string dur = std::to_string(o.seconds) + "s";
    std::vector<const char*> argv{"wrk", "-t1", "-c", conns.c_str(), "-d", dur.c_str()};
    if (!o.wrk_script.empty()) {
      argv.push_back("-s");
      argv.push_back(o.wrk_script.c_str());
    }
    argv.push_back(first_url.c_str());
    argv.push_back(nullptr);
    execvp("wrk", const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  close(out[1]);
  std::string report;
  char buf[4096];
  ssize_t n = 0;
  while ((n = read(out[0], buf, sizeof buf)) > 0)
    report.append(buf, static_cast<std::size_t>(n));
  close(out[0]);
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  std::fputs(report.c_str(), stderr);
  Figures f;
  f.seconds = o.seconds;
  f.cpu_seconds = seconds_of(ru.ru_utime) + seconds_of(ru.ru_stime);
  if (const auto at = report.find(" requests in "); at != std::string::npos) {
    const auto start = report.rfind('\n', at) + 1;
    f.requests = std::stod(report.substr(start, at - start));
  }
  if (const auto at = report.find("Non-2xx or 3xx responses:"); at != std::string::npos) {
    f.errors = std::stod(report.substr(at + 26));
  }
  return f;
}

Figures run_engine(const Options& o, const std::vector<std::string>& urls, bool caller_thread) {
  config::HttpConfig config;
  config.max_in_flight = static_cast<std::uint32_t>(o.in_flight);
  http::HttpEngine engine(config);
  asio::io_context io;
  // Either every coroutine runs on the engine's network thread (one thread does everything), or
  // on this thread's io_context (each completion and each request crosses threads).
  const asio::any_io_executor ex =
      caller_thread ? asio::any_io_executor(io.get_executor()) : engine.executor();
  std::atomic<int> workers{o.in_flight};
  Figures f;
  std::size_t next = 0;
  std::uint64_t done = 0;
  std::uint64_t errors = 0;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::seconds(o.seconds);
  const double cpu_start = process_cpu();
  for (int w = 0; w < o.in_flight; ++w) {
    asio::co_spawn(
        ex,
        [&]() -> asio::awaitable<void> {
          while (Clock::now() < deadline) {
            http::Request req;
            req.url = urls[next++ % urls.size()];
            const http::Response r = co_await engine.fetch(std::move(req));
            if (r.ok() && r.status == 200 && !r.body.empty()) {
              ++done;
              f.body_bytes += r.body.size();
            } else if (errors++ < 5) {
              std::fprintf(stderr, "koubei: %d %s\n", r.status, r.error.message().c_str());
            }
          }
          --workers;
        },
        asio::detached);
  }
  if (caller_thread) {
    io.run();
  } else {
    while (workers.load() > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  f.cpu_seconds = process_cpu() - cpu_start;
  f.requests = static_cast<double>(done);
  f.errors = static_cast<double>(errors);
  return f;
}

bool parse_args(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--urls" && has_value)
      o.urls_file = argv[++i];
    else if (a == "--in-flight" && has_value)
      o.in_flight = std::stoi(argv[++i]);
    else if (a == "--seconds" && has_value)
      o.seconds = std::stoi(argv[++i]);
    else if (a == "--wrk-script" && has_value)
      o.wrk_script = argv[++i];
    else if (a == "--no-wrk")
      o.wrk = false;
    else if (a == "--caller-thread")
      o.caller_thread = true;
    else
      return false;
  }
  return !o.urls_file.empty() && o.in_flight > 0 && o.seconds > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_args(argc, argv, o)) {
    std::fprintf(stderr,
                 "usage: koubei_http_bench --urls FILE --in-flight N [--seconds S] "
                 "[--wrk-script LUA] [--no-wrk]\n");
    return 2;
  }
  std::vector<std::string> urls;
  std::ifstream in(o.urls_file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) urls.push_back(line);
  }
  if (urls.empty()) {
    std::fprintf(stderr, "no URLs in %s\n", o.urls_file.c_str());
    return 1;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  const Figures k = run_engine(o, urls, false);
  const Figures kc = run_engine(o, urls, true);
  curl_global_cleanup();
  Figures w;
  if (o.wrk) w = run_wrk(o, urls.front());

  const double k_rps = k.requests / k.seconds;
  std::printf(
      "%zu URLs, %d in flight, %d s each, one thread each; koubei: %.0f responses "
      "checked, %.0f failed, %.1f MB of bodies\n\n",
      urls.size(),
      o.in_flight,
      o.seconds,
      k.requests,
      k.errors,
      k.body_bytes / 1e6);
  std::printf(
      "| client | requests/s | CPU s | requests per CPU s | vs wrk |\n|---|---|---|---|---|\n");
  if (o.wrk) {
    const double w_rps = w.requests / w.seconds;
    std::printf("| wrk (-t1 -c%d) | %.0f | %.2f | %.0f | 100%% |\n",
                o.in_flight,
                w_rps,
                w.cpu_seconds,
                w.requests / w.cpu_seconds);
    std::printf(
        "| koubei HttpEngine, coroutines on the network thread | %.0f | %.2f | %.0f | %.0f%% |\n",
        k_rps,
        k.cpu_seconds,
        k.requests / k.cpu_seconds,
        100.0 * k_rps / w_rps);
    std::printf(
        "| koubei HttpEngine, coroutines on a second thread | %.0f | %.2f | %.0f | %.0f%% |\n",
        kc.requests / kc.seconds,
        kc.cpu_seconds,
        kc.requests / kc.cpu_seconds,
        100.0 * kc.requests / kc.seconds / w_rps);
  } else {
    std::printf("| koubei HttpEngine | %.0f | %.2f | %.0f | - |\n",
                k_rps,
                k.cpu_seconds,
                k.requests / k.cpu_seconds);
  }
  return k.errors == 0 && kc.errors == 0 ? 0 : 1;
}
