// Alert delivery figures (docs/performance.md "Alert delivery"): what raising an alert costs the
// crawl strand, and how fast each channel takes alerts one after the other, as the delivery
// thread sends them. bench/alert_delivery_bench.sh starts a private redis-server and runs this.
//
//   koubei_alert_delivery_bench [--alerts N] [--mentions M] [--redis-socket PATH]
//
// - submit: AlertDispatcher::submit() while the only channel is held shut (only queueing is
//   measured: the crawl strand's cost per alert).
// - webhook: WebhookAlertSink::deliver() per alert against a loopback HTTP endpoint (the test
//   WebhookReceiver: one new connection per alert, Connection: close), through one HttpEngine.
// - redis_stream: RedisStreamAlertSink::deliver() (one XADD round trip) on a unix socket.
// - dead_letter: DeadLetterFile::deliver() (append + fsync) in a temp dir.
// Every alert is checked to have arrived (webhook bodies compared with the record, XLEN, lines).
// Output: a Markdown table of alerts/s and per-alert latency p50/p99.
#include "crawler/alerts/alert_dispatcher.hpp"
#include "crawler/alerts/dead_letter_file.hpp"
#include "crawler/alerts/redis_stream_alert_sink.hpp"
#include "crawler/alerts/webhook_alert_sink.hpp"
#include "storage/redis/redis_endpoint.hpp"
#include "tests/support/webhook_receiver.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <vector>

#include <unistd.h>

using namespace koubei;
using Clock = std::chrono::steady_clock;
using analysis::alerts::Alert;

namespace {

struct Row {
  std::string channel;
  std::size_t alerts = 0;
  double seconds = 0;
  std::vector<double> micros;  // per alert
  bool verified = false;
};

Alert make_alert(int i, int mentions) {
  Alert a;
  a.rule = analysis::alerts::Rule::kSpike;
  a.id = "spike:bench:" + std::to_string(1795305600000 + i);
  a.query = "bench";
  a.fired_at = model::Timestamp{std::chrono::milliseconds{1795305600000 + i}};
  a.summary = "negative mentions for query bench: 25 in the last hour (threshold 9.1)";
  a.spike = analysis::alerts::SpikeStats{25, 4.2, 1.6, 9.1, 3, 10, std::chrono::hours(1), 12};
  for (int m = 0; m < mentions; ++m) {
    model::Mention mention;
    mention.native_id = std::to_string(5102233445566000 + m);
    mention.url = "https://m.weibo.cn/detail/" + mention.native_id;
    mention.text = "新买的手机信号太差了，打电话一直断[怒]，客服也不管，太失望了，已经投诉";
    mention.influence.tier = model::Tier::kTail;
    mention.influence.score = 31.5;
    mention.sentiment =
        model::Sentiment{model::SentimentLabel::kNegative, -0.93, "koubei.lexicon.v1"};
    a.mentions.push_back(analysis::alerts::summarize(mention));
  }
  return a;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

template <class Deliver>
Row time_each(std::string channel, const std::vector<Alert>& alerts, Deliver&& deliver) {
  Row row{std::move(channel), alerts.size()};
  const auto start = Clock::now();
  for (const auto& a : alerts) {
    const auto t0 = Clock::now();
    if (!deliver(a))
      std::fprintf(stderr, "%s: alert %s failed\n", row.channel.c_str(), a.id.c_str());
    row.micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  row.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return row;
}

Row bench_submit(const std::vector<Alert>& alerts, const std::filesystem::path& dir) {
  // A channel held shut until the submits are timed: the queue absorbs them all.
  struct Gate final : analysis::alerts::AlertSink {
    std::shared_future<void> open;
    std::size_t seen = 0;

    Result<void> deliver(const Alert&) override {
      open.wait();
      ++seen;
      return {};
    }

    std::string_view name() const override { return "gate"; }
  };

  std::promise<void> open;
  auto* gate = new Gate;
  gate->open = open.get_future().share();
  alerts::AlertChannels c;
  c.channels.emplace_back(gate);
  c.dead_letter = std::make_unique<alerts::DeadLetterFile>(dir / "submit-dead.jsonl");
  alerts::AlertDispatcher d(std::move(c), alerts.size() + 1);
  Row row = time_each("submit (crawl strand)", alerts, [&](const Alert& a) { return d.submit(a); });
  open.set_value();
  d.drain();
  row.verified = gate->seen == alerts.size();
  return row;
}

Row bench_webhook(const std::vector<Alert>& alerts) {
  test::WebhookReceiver hook;
  config::HttpConfig http;
  http::HttpEngine engine(http);
  alerts::WebhookOptions o;
  o.url = hook.url("/hook?token=bench");
  o.backoff.max_retries = 0;
  o.logger = spdlog::default_logger();
  alerts::WebhookAlertSink sink(engine, std::move(o));
  Row row = time_each("webhook (loopback, new connection each)", alerts, [&](const Alert& a) {
    return sink.deliver(a).has_value();
  });
  const auto got = hook.delivered();
  row.verified = got.size() == alerts.size();
  for (std::size_t i = 0; row.verified && i < got.size(); ++i) {
    row.verified = got[i] == analysis::alerts::to_json(alerts[i]);
  }
  return row;
}

Row bench_redis(const std::vector<Alert>& alerts, const std::string& socket) {
  auto endpoint = storage::redis::parse_redis_url("unix://" + socket);
  storage::redis::RedisConnectionOptions o;
  o.endpoint = std::move(*endpoint);
  auto connection = std::make_shared<storage::redis::RedisConnection>(std::move(o));
  alerts::RedisStreamAlertSink sink(connection, "bench:alerts", 0);
  Row row = time_each("redis_stream (XADD, unix socket)", alerts, [&](const Alert& a) {
    return sink.deliver(a).has_value();
  });
  storage::redis::RedisBatch xlen;
  xlen.add({"XLEN", "bench:alerts"});
  auto replies = connection->execute(xlen);
  row.verified = replies && storage::redis::integer_of(*replies->front()) ==
                                static_cast<std::int64_t>(alerts.size());
  return row;
}

Row bench_dead_letter(const std::vector<Alert>& alerts, const std::filesystem::path& dir) {
  alerts::DeadLetterFile file(dir / "dead.jsonl");
  Row row = time_each("dead_letter (append + fsync)", alerts, [&](const Alert& a) {
    return file.deliver(a).has_value();
  });
  std::ifstream in(file.path());
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);)
    ++lines;
  row.verified = lines == alerts.size();
  return row;
}

}  // namespace

int main(int argc, char** argv) {
  int n = 2000;
  int mentions = 20;
  std::string redis_socket;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--alerts") == 0) n = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--mentions") == 0) mentions = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--redis-socket") == 0) redis_socket = argv[i + 1];
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  spdlog::set_level(spdlog::level::err);  // a failure would be printed, the per-alert noise not
  std::vector<Alert> alerts;
  for (int i = 0; i < n; ++i)
    alerts.push_back(make_alert(i, mentions));
  const auto dir =
      std::filesystem::temp_directory_path() / ("koubei-alert-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);

  std::vector<Row> rows;
  rows.push_back(bench_submit(alerts, dir));
  rows.push_back(bench_webhook(alerts));
  if (!redis_socket.empty()) rows.push_back(bench_redis(alerts, redis_socket));
  rows.push_back(bench_dead_letter(
      std::vector<Alert>(alerts.begin(), alerts.begin() + std::min(n, 500)), dir));
  std::filesystem::remove_all(dir);

  std::printf("%d alerts of %zu bytes (%d mentions each)\n\n",
              n,
              analysis::alerts::to_json(alerts[0]).size(),
              mentions);
  std::printf("| channel | alerts | alerts/s | p50 µs | p99 µs | all arrived |\n");
  std::printf("|---|---:|---:|---:|---:|---|\n");
  bool ok = true;
  for (const auto& r : rows) {
    std::printf("| %s | %zu | %.0f | %.1f | %.1f | %s |\n",
                r.channel.c_str(),
                r.alerts,
                static_cast<double>(r.alerts) / r.seconds,
                percentile(r.micros, 0.5),
                percentile(r.micros, 0.99),
                r.verified ? "yes" : "NO");
    ok = ok && r.verified;
  }
  curl_global_cleanup();
  return ok ? 0 : 1;
}
