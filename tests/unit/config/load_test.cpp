#include "config/load.hpp"

#include <catch2/catch.hpp>

#include <map>

#include "config/print.hpp"

using namespace koubei::config;
using namespace std::chrono_literals;

namespace {

EnvLookup fake_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    const auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

Config load_text(const std::string& text, std::map<std::string, std::string> env = {}) {
  return load_string(text, "test.toml", fake_env(std::move(env)));
}

// The diagnostics of a configuration that must fail, one line each.
std::string problems(const std::string& text, std::map<std::string, std::string> env = {}) {
  try {
    load_text(text, std::move(env));
  } catch (const LoadError& e) {
    return e.what();
  }
  FAIL("configuration loaded but should have failed:\n" << text);
  return {};
}

}  // namespace

TEST_CASE("an empty configuration gives the documented defaults", "[config][load]") {
  const Config c = load_text("");
  CHECK(c.daemon.state_dir == "var/koubei");
  CHECK(c.daemon.shutdown_grace == 10s);
  CHECK(c.daemon.lease_ttl == 15s);
  CHECK(c.daemon.member.empty());
  CHECK(c.log.format == LogFormat::kText);
  CHECK_FALSE(c.redis.has_value());
  REQUIRE(c.sinks.size() == 1);
  CHECK(c.sinks[0].type == SinkType::kJsonl);
  CHECK(c.sinks[0].path == "var/out/mentions-%Y%m%d%H.jsonl");
  CHECK(c.http.max_body == 8ULL << 20);
  CHECK(c.platforms.size() == 4);
  CHECK(c.platforms.at(PlatformId::kWeibo).base_url == "https://m.weibo.cn");
  CHECK(c.platforms.at(PlatformId::kDianping).search_route == SearchRoute::kHtml);
  CHECK(c.queries.empty());
}

TEST_CASE("typed values load into their structs", "[config][load]") {
  const Config c = load_text(R"(
[redis]
url = "redis://:hunter22@127.0.0.1:6380/2"
dedup_ttl = "7d"
[platforms.weibo]
base_url = "http://127.0.0.1:8080"
rate = "2/s"
burst = 5
cookie = "SUB=abcdef123456; SUBP=zyxwvu654321"
[[query]]
id = "q"
keywords = "华为"
platforms = ["weibo"]
interval = { min = "30s", max = "10m" }
priority = 2.5
[[sink]]
type = "redis_stream"
maxlen = 5000
)");
  REQUIRE(c.redis.has_value());
  CHECK(c.redis->url.reveal() == "redis://:hunter22@127.0.0.1:6380/2");
  CHECK(c.redis->dedup_ttl == 7 * 24h);
  const PlatformConfig& weibo = c.platforms.at(PlatformId::kWeibo);
  CHECK(weibo.base_url == "http://127.0.0.1:8080");
  CHECK(weibo.rate.per_second() == Approx(2));
  CHECK(weibo.burst == 5);
  REQUIRE(weibo.accounts.size() == 1);
  CHECK(weibo.accounts[0].name == "default");
  REQUIRE(c.queries.size() == 1);
  CHECK(c.queries[0].platforms == std::vector<PlatformId>{PlatformId::kWeibo});
  CHECK(c.queries[0].interval.min == 30s);
  CHECK(c.queries[0].priority == 2.5);
  REQUIRE(c.sinks.size() == 1);
  CHECK(c.sinks[0].type == SinkType::kRedisStream);
  CHECK(c.sinks[0].maxlen == 5000);
}

TEST_CASE("a typo'd key, a bad duration and a wrong type are all reported with lines",
          "[config][load]") {
  const std::string text = "[daemon]\n"                    // 1
                           "stat_dir = \"x\"\n"             // 2
                           "shutdown_grace = \"10 secs\"\n"  // 3
                           "[platforms.weibo]\n"            // 4
                           "burst = \"three\"\n";           // 5
  const std::string out = problems(text);
  CHECK(out.find("test.toml:2:1: daemon.stat_dir: unknown key (did you mean \"state_dir\"?)") !=
        std::string::npos);
  CHECK(out.find("test.toml:3:18: daemon.shutdown_grace: \"10 secs\" is not a duration") !=
        std::string::npos);
  CHECK(out.find("test.toml:5:9: platforms.weibo.burst: expected an integer, got a string") !=
        std::string::npos);
}

TEST_CASE("semantic errors name the key and what was expected", "[config][load]") {
  struct Row {
    const char* text;
    const char* expected;
  };
  const Row rows[] = {
      {"[log]\nformat = \"xml\"", "log.format: \"xml\" is not a valid choice"},
      {"[platforms.tiktok]\n", "platforms.tiktok: unknown key"},
      {"[platforms.weibo]\nrate = \"0/s\"", "platforms.weibo.rate: \"0/s\" is not a rate"},
      {"[platforms.weibo]\nbase_url = \"m.weibo.cn\"", "platforms.weibo.base_url: \"m.weibo.cn\" is not an http(s) URL"},
      {"[platforms.douyin]\nsearch_route = \"html\"", "douyin has no \"html\" search route"},
      {"[platforms.weibo]\nproxy = \"ftp://p\"", "platforms.weibo.proxy: not a proxy URL"},
      {"[redis]\nkey_prefix = \"k:\"", "redis.url: missing"},
      {"[redis]\nurl = \"http://x\"", "is not a Redis address"},
      {"[redis]\nurl = \"unix:///r.sock\"\ncluster = true", "redis.url: a Redis Cluster is reached over TCP"},
      {"[redis]\nurl = \"redis://:pw@h:1/3\"\ncluster = true", "redis.url: \"redis://:***@h:1/3\" selects db 3: a Redis Cluster has only db 0"},
      {"[redis]\nurl = \"redis://h:1\"\ncluster_seeds = [\"redis://h:2\"]", "redis.cluster_seeds: only used with cluster = true"},
      {"[redis]\nurl = \"redis://h:1\"\ncluster = true\ncluster_seeds = [\"unix:///s\"]", "redis.cluster_seeds: seed 1 \"unix:///s\" is not redis://host:port"},
      {"[redis]\nurl = \"redis://h:1\"\ncluster = true\ncluster_seeds = [\"redis://h:2\", \"redis://:pw@h:3\"]", "seed 2 \"redis://:***@h:3\": no credentials here"},
      {"[redis]\nurl = \"redis://h:1\"\ncluster = \"yes\"", "redis.cluster: expected a boolean"},
      {"[[sink]]\ntype = \"postgres\"", "sink[0].dsn: missing (required)"},
      {"[[sink]]\ntype = \"redis_stream\"", "sink[0].redis_url: missing"},
      {"[[sink]]\npath = \"x\"", "sink[0].type: missing (required)"},
      {"[[sink]]\ntype = \"jsonl\"\ndsn = \"x\"", "sink[0].dsn: not valid for a sink of type \"jsonl\""},
      {"[[query]]\nkeywords = \"x\"", "query[0].id: missing (required)"},
      {"[[query]]\nid = \"a b\"\nkeywords = \"x\"", "query[0].id: \"a b\" is not a valid id"},
      {"[[query]]\nid = \"a\"\nkeywords = \"\"", "query[0].keywords: must not be empty"},
      {"[[query]]\nid = \"a\"\nkeywords = \"x\"\n[[query]]\nid = \"a\"\nkeywords = \"y\"", "query[1].id: duplicate query id"},
      {"[[query]]\nid = \"a\"\nkeywords = \"x\"\ninterval = { min = \"0s\" }", "query[0].interval.min: must be greater than 0"},
      {"[[query]]\nid = \"a\"\nkeywords = \"x\"\npriority = 0", "query[0].priority: 0.000000 is out of range"},
      {"[[query]]\nid = \"a\"\nkeywords = \"x\"\nplatforms = [\"weibo\", 3]", "query[0].platforms[1]: expected a string, got an integer"},
      {"[platforms.douyin]\nenabled = false\n[[query]]\nid = \"a\"\nkeywords = \"x\"\nplatforms = [\"douyin\"]", "douyin is disabled"},
      {"[[watch]]\nplatform = \"myspace\"\nuser = \"1\"", "watch[0].platform: \"myspace\" is not a platform"},
      {"[http]\nmax_body = \"8 megabytes\"", "http.max_body: \"8 megabytes\" is not a size"},
      {"[http]\nmax_redirects = -1", "http.max_redirects: -1 is out of range"},
      {"[daemon]\nmetrics_listen = \"9464\"", "daemon.metrics_listen: \"9464\" is not an address"},
      {"[daemon]\nlease_ttl = \"1s\"", "daemon.lease_ttl: must be 0 (no sharing) or at least 3s"},
      {"[daemon]\nmember = \"a b\"", "daemon.member: \"a b\" contains a space"},
      {"[daemon]\nstate_dir = \"${STATE_DIR}\"", "environment variable STATE_DIR is not set"},
      {"daemon = 3", "daemon: expected a table, got an integer"},
      {"[daemon\n", "TOML syntax error"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const std::string out = problems(row.text);
    CHECK(out.find(row.expected) != std::string::npos);
    CHECK(out.rfind("test.toml:", 0) == 0);
  }
}

TEST_CASE("[redis] cluster takes seed nodes and prints them back", "[config][load]") {
  const Config c = load_text(R"(
[redis]
url = "redis://:pw@10.0.0.1:7000"
cluster = true
cluster_seeds = ["redis://10.0.0.2:7000", "redis://10.0.0.3:7000/0"]
)");
  REQUIRE(c.redis.has_value());
  CHECK(c.redis->cluster);
  CHECK(c.redis->cluster_seeds ==
        std::vector<std::string>{"redis://10.0.0.2:7000", "redis://10.0.0.3:7000/0"});
  const std::string printed = to_toml(c);
  CHECK(printed.find("cluster = true") != std::string::npos);
  CHECK(printed.find("'redis://10.0.0.2:7000'") != std::string::npos);
  CHECK(printed.find(":pw@") == std::string::npos);
  const Config again = load_text(printed);
  CHECK(again.redis->cluster_seeds == c.redis->cluster_seeds);
  CHECK_FALSE(load_text("[redis]\nurl = \"redis://h:1/2\"").redis->cluster);
}

TEST_CASE("${ENV} expands in any string, with defaults", "[config][load]") {
  const Config c = load_text(R"(
[daemon]
state_dir = "${KOUBEI_HOME}/state"
[platforms.weibo]
cookie = "${WEIBO_COOKIE}"
[platforms.douyin]
signer_url = "${SIGNER:-http://127.0.0.1:9000}"
[[sink]]
type = "jsonl"
path = "out/$$literal.jsonl"
)",
                             {{"KOUBEI_HOME", "/srv/koubei"}, {"WEIBO_COOKIE", "SUB=s3cr3tvalue"}});
  CHECK(c.daemon.state_dir == "/srv/koubei/state");
  CHECK(c.platforms.at(PlatformId::kWeibo).accounts.at(0).cookie.reveal() == "SUB=s3cr3tvalue");
  CHECK(c.platforms.at(PlatformId::kDouyin).signer_url == "http://127.0.0.1:9000");
  CHECK(c.sinks.at(0).path == "out/$literal.jsonl");
}

TEST_CASE("the effective configuration masks every secret", "[config][print]") {
  const Config c = load_text(R"(
[redis]
url = "redis://:redispass123@127.0.0.1:6379/0"
[platforms.weibo]
cookie = "SUB=weibocookie42; SUBP=another9876"
proxy = "socks5://user:proxypass77@10.0.0.1:1080"
[[platforms.xiaohongshu.accounts]]
name = "x1"
cookie = "a1=xhscookie555"
[[sink]]
type = "postgres"
dsn = "postgresql://koubei:pgpass999@127.0.0.1/koubei"
)");
  const std::string text = to_toml(c);
  for (const char* secret : {"redispass123", "weibocookie42", "another9876", "proxypass77",
                             "xhscookie555", "pgpass999"}) {
    INFO(secret);
    CHECK(text.find(secret) == std::string::npos);
  }
  CHECK(text.find("redis://:***@127.0.0.1:6379/0") != std::string::npos);
  CHECK(text.find("socks5://user:***@10.0.0.1:1080") != std::string::npos);
  CHECK(text.find("postgresql://koubei:***@127.0.0.1/koubei") != std::string::npos);
  CHECK(text.find("cookie = '***'") != std::string::npos);
  // What is printed loads again (the secrets stay masked, the shape is intact).
  CHECK_NOTHROW(load_text(text));
}

TEST_CASE("the shipped example configuration is valid", "[config][load]") {
  const Config c = load(KOUBEI_SOURCE_DIR "/config/koubei.example.toml", fake_env({}));
  CHECK(c.queries.size() >= 1);
  CHECK(c.watches.size() >= 1);
}

TEST_CASE("the influence section loads weights, references and tier floors", "[config][load]") {
  const Config c = load_text(R"(
[influence]
w_verified = 0.2
[influence.douyin]
follower_ref = 5e7
tiers = [5000000, 500000, 50000, 5000]
)");
  CHECK(c.influence.w_verified == 0.2);
  CHECK(c.influence.w_followers == 0.6);
  CHECK(c.influence.platforms.at(PlatformId::kDouyin).follower_ref == 5e7);
  CHECK(c.influence.platforms.at(PlatformId::kDouyin).tiers ==
        std::vector<std::int64_t>{5000000, 500000, 50000, 5000});
  CHECK(c.influence.platforms.at(PlatformId::kWeibo).follower_ref == 1e8);
  CHECK(c.influence.platforms.at(PlatformId::kDianping).tiers ==
        std::vector<std::int64_t>{100000, 10000, 1000, 100});

  const std::string bad = problems(R"(
[influence]
w_followers = 1.5
[influence.weibo]
tiers = [1000, 10000, 100000, 1000000]
[influence.twitter]
follower_ref = 1
)");
  CHECK(bad.find("influence.w_followers: 1.500000 is out of range") != std::string::npos);
  CHECK(bad.find("influence.weibo.tiers: expected 4 descending positive follower floors") !=
        std::string::npos);
  CHECK(bad.find("influence.twitter: unknown key") != std::string::npos);
}

TEST_CASE("http.dns_cache_timeout loads, defaults to 60s and prints back", "[config][load]") {
  CHECK(load_text("").http.dns_cache_timeout == 60s);
  const Config c = load_text("[http]\ndns_cache_timeout = \"5m\"\n");
  CHECK(c.http.dns_cache_timeout == 5min);
  CHECK(to_toml(c).find("dns_cache_timeout = '5m'") != std::string::npos);
  CHECK(problems("[http]\ndns_cache_timeout = 3").find("http.dns_cache_timeout") != std::string::npos);
}

TEST_CASE("platforms.dianping.glyph_map loads, defaults to none and prints back",
          "[config][load]") {
  CHECK(load_text("").platforms.at(PlatformId::kDianping).glyph_map.empty());
  const Config c = load_text("[platforms.dianping]\nglyph_map = \"var/glyphs.json\"\n");
  CHECK(c.platforms.at(PlatformId::kDianping).glyph_map == "var/glyphs.json");
  const std::string printed = to_toml(c);
  CHECK(printed.find("glyph_map = 'var/glyphs.json'") != std::string::npos);
  CHECK(load_text(printed).platforms.at(PlatformId::kDianping).glyph_map == "var/glyphs.json");
  // Only Dianping obfuscates characters: elsewhere the key is a typo.
  CHECK(problems("[platforms.weibo]\nglyph_map = \"g.json\"")
            .find("platforms.weibo.glyph_map: unknown key") != std::string::npos);
  CHECK(problems("[platforms.dianping]\nglyph_map = 3").find("platforms.dianping.glyph_map") !=
        std::string::npos);
}
