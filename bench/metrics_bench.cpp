// The metrics registry's hot path and scrape cost, next to prometheus-cpp 1.0 (Debian's
// prometheus-cpp-dev, the C++ client most daemons use) doing the same work in the same process.
//
//   inc        Counter::inc on ONE shared counter from T threads (the contended case)
//   observe    Histogram::observe on ONE shared 14-bucket histogram from T threads
//   lookup     Registry::counter(name, help, 3 labels) of an existing series (lazy call sites)
//   render     a daemon-sized registry (96 labelled counters, 4 histograms of 14 buckets, 20
//              gauges) rendered to text: µs per render, bytes
//   scrape     GET /metrics of that registry from AdminServer over loopback keep-alive (koubei
//              only): µs per scrape, client and server on this machine
// Figures are medians of --repeat runs (the 2-core machine is shared). Figures, never assertions.
//
//   koubei_metrics_bench [--ops N] [--threads 1,2] [--repeat N] [--scrapes N]
#include "crawler/admin/admin_server.hpp"
#include "crawler/admin/metrics.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

using namespace koubei;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::size_t ops = 10'000'000;  // per thread
  std::vector<unsigned> threads{1, 2};
  int repeat = 3;
  int scrapes = 2000;
};

const std::vector<double> kBuckets = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80};
const char* const kPlatforms[] = {"weibo", "xiaohongshu", "douyin", "dianping"};
const char* const kStatuses[] = {"200", "301", "403", "429", "500", "503"};
const char* const kVerdicts[] = {"ok", "captcha", "login", "empty"};

std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t nl = text.find('\n', at);
    lines.push_back(text.substr(at, nl - at));
    at = nl == std::string::npos ? text.size() : nl + 1;
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// ns per operation: `threads` threads each run body(i) for i in [0, ops), timed together.
double ns_per_op(unsigned threads, std::size_t ops, const std::function<void(std::size_t)>& body) {
  std::vector<std::thread> pool;
  const auto t0 = Clock::now();
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = 0; i < ops; ++i)
        body(i);
    });
  }
  for (auto& th : pool)
    th.join();
  const double ns = std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
  return ns / static_cast<double>(ops);  // wall time per op of one thread: contention shows
}

double repeat_median(int repeat, const std::function<double()>& run) {
  std::vector<double> v;
  for (int r = 0; r < repeat; ++r)
    v.push_back(run());
  return median(v);
}

double value_of(std::size_t i) {
  return static_cast<double>(i % 1000) / 100.0;  // 0..10 s, spread over the buckets
}

void fill_koubei(admin::Registry& reg) {
  for (const char* p : kPlatforms) {
    for (const char* s : kStatuses)
      for (const char* v : kVerdicts)
        reg.counter("koubei_requests_total",
                    "Requests sent",
                    {{"platform", p}, {"status", s}, {"verdict", v}})
            .inc(7);
    admin::Histogram& h =
        reg.histogram("koubei_fetch_seconds", "Fetch time", kBuckets, {{"platform", p}});
    for (std::size_t i = 0; i < 1000; ++i)
      h.observe(value_of(i));
  }
  for (int q = 0; q < 20; ++q)
    reg.gauge("koubei_queue_depth", "Items waiting", {{"queue", "q" + std::to_string(q)}}).set(q);
}

void fill_prometheus(prometheus::Registry& reg) {
  auto& requests =
      prometheus::BuildCounter().Name("koubei_requests_total").Help("Requests sent").Register(reg);
  auto& fetch =
      prometheus::BuildHistogram().Name("koubei_fetch_seconds").Help("Fetch time").Register(reg);
  auto& depth =
      prometheus::BuildGauge().Name("koubei_queue_depth").Help("Items waiting").Register(reg);
  for (const char* p : kPlatforms) {
    for (const char* s : kStatuses)
      for (const char* v : kVerdicts)
        requests.Add({{"platform", p}, {"status", s}, {"verdict", v}}).Increment(7);
    auto& h = fetch.Add({{"platform", p}}, kBuckets);
    for (std::size_t i = 0; i < 1000; ++i)
      h.Observe(value_of(i));
  }
  for (int q = 0; q < 20; ++q)
    depth.Add({{"queue", "q" + std::to_string(q)}}).Set(q);
}

// µs per GET /metrics on one keep-alive connection.
double scrape_us(const admin::Registry& reg, int scrapes) {
  admin::AdminServerOptions o;
  o.listen = "127.0.0.1:0";
  o.max_requests_per_connection = 0;  // every scrape on one connection
  auto server = admin::AdminServer::start(o, reg, {});
  if (!server) {
    std::fprintf(stderr, "%s\n", server.error().message().c_str());
    std::exit(1);
  }
  namespace http = boost::beast::http;
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), (*server)->port()});
  boost::beast::flat_buffer buffer;
  http::request<http::empty_body> req{http::verb::get, "/metrics", 11};
  req.set(http::field::host, "127.0.0.1");
  const auto t0 = Clock::now();
  for (int i = 0; i < scrapes; ++i) {
    http::write(socket, req);
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    if (res.result_int() != 200) std::exit(1);
  }
  return std::chrono::duration<double, std::micro>(Clock::now() - t0).count() / scrapes;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const char* v = argv[i + 1];
    if (key == "--ops") {
      o.ops = std::strtoull(v, nullptr, 10);
    } else if (key == "--repeat") {
      o.repeat = std::atoi(v);
    } else if (key == "--scrapes") {
      o.scrapes = std::atoi(v);
    } else if (key == "--threads") {
      o.threads.clear();
      for (const char* p = v; *p != '\0'; p = std::strchr(p, ',') ? std::strchr(p, ',') + 1 : "")
        o.threads.push_back(static_cast<unsigned>(std::atoi(p)));
    } else {
      std::fprintf(stderr, "unknown option %s\n", key.c_str());
      std::exit(2);
    }
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  std::printf("ops per thread %zu, median of %d runs, %u hardware threads\n\n",
              o.ops,
              o.repeat,
              std::thread::hardware_concurrency());
  std::printf("| operation | threads | koubei::admin ns/op | prometheus-cpp ns/op |\n");
  std::printf("|---|---:|---:|---:|\n");
  for (const unsigned t : o.threads) {
    admin::Counter kc;
    prometheus::Counter pc;
    const double k_inc = repeat_median(
        o.repeat, [&] { return ns_per_op(t, o.ops, [&](std::size_t) { kc.inc(); }); });
    const double p_inc = repeat_median(
        o.repeat, [&] { return ns_per_op(t, o.ops, [&](std::size_t) { pc.Increment(); }); });
    std::printf("| counter inc (one shared counter) | %u | %.1f | %.1f |\n", t, k_inc, p_inc);
    admin::Histogram kh(kBuckets);
    prometheus::Histogram ph(kBuckets);
    const double k_obs = repeat_median(o.repeat, [&] {
      return ns_per_op(t, o.ops, [&](std::size_t i) { kh.observe(value_of(i)); });
    });
    const double p_obs = repeat_median(o.repeat, [&] {
      return ns_per_op(t, o.ops, [&](std::size_t i) { ph.Observe(value_of(i)); });
    });
    std::printf(
        "| histogram observe (one shared, 14 buckets) | %u | %.1f | %.1f |\n", t, k_obs, p_obs);
  }
  {
    admin::Registry kreg;
    fill_koubei(kreg);
    auto preg = std::make_shared<prometheus::Registry>();
    fill_prometheus(*preg);
    auto& family = prometheus::BuildCounter()
                       .Name("koubei_requests_total")
                       .Help("Requests sent")
                       .Register(*preg);
    const std::size_t lookups = std::max<std::size_t>(o.ops / 10, 1);
    const double k_lookup = repeat_median(o.repeat, [&] {
      return ns_per_op(1, lookups, [&](std::size_t) {
        kreg.counter("koubei_requests_total",
                     "Requests sent",
                     {{"platform", "douyin"}, {"status", "200"}, {"verdict", "ok"}});
      });
    });
    const double p_lookup = repeat_median(o.repeat, [&] {
      return ns_per_op(1, lookups, [&](std::size_t) {
        family.Add({{"platform", "douyin"}, {"status", "200"}, {"verdict", "ok"}});
      });
    });
    std::printf("| registry lookup of an existing series (3 labels) | 1 | %.1f | %.1f |\n\n",
                k_lookup,
                p_lookup);

    std::size_t k_bytes = 0;
    std::size_t p_bytes = 0;
    const int renders = 2000;
    const double k_render = repeat_median(o.repeat, [&] {
      const auto t0 = Clock::now();
      for (int i = 0; i < renders; ++i)
        k_bytes = kreg.render().size();
      return std::chrono::duration<double, std::micro>(Clock::now() - t0).count() / renders;
    });
    const prometheus::TextSerializer serializer;
    const double p_render = repeat_median(o.repeat, [&] {
      const auto t0 = Clock::now();
      for (int i = 0; i < renders; ++i)
        p_bytes = serializer.Serialize(preg->Collect()).size();
      return std::chrono::duration<double, std::micro>(Clock::now() - t0).count() / renders;
    });
    std::printf(
        "| exposition of 96 counters + 4 histograms + 20 gauges | koubei::admin | "
        "prometheus-cpp |\n|---|---:|---:|\n");
    std::printf("| render, µs | %.1f | %.1f |\n", k_render, p_render);
    std::printf("| bytes | %zu | %zu |\n", k_bytes, p_bytes);
    // The reference check: the same lines as prometheus-cpp writes (its order differs: it keeps
    // registration order, koubei sorts).
    const bool same =
        sorted_lines(kreg.render()) == sorted_lines(serializer.Serialize(preg->Collect()));
    std::printf("| same lines as prometheus-cpp | %s | |\n", same ? "yes" : "NO");
    const double scrape = repeat_median(o.repeat, [&] { return scrape_us(kreg, o.scrapes); });
    std::printf("| GET /metrics over loopback keep-alive, µs | %.1f | |\n", scrape);
  }
  return 0;
}
