#include "tests/e2e/e2e_support.hpp"

#include <curl/curl.h>
#include <simdjson.h>

#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace koubei::test {

namespace fs = std::filesystem;

Millis wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::string url_encode(const std::string& s) {
  std::string out;
  const char* hex = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::vector<SandboxProcess::TruthItem> read_truth(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(body);
  std::vector<SandboxProcess::TruthItem> items;
  for (simdjson::dom::element item : root["items"].get_array()) {
    SandboxProcess::TruthItem t;
    t.id = std::string(item["id"].get_string().value());
    t.native_id = std::string(item["native_id"].get_string().value());
    t.created_ms = item["created_ms"].get_int64().value();
    items.push_back(std::move(t));
  }
  return items;
}

}  // namespace

std::string http_get(const std::string& url) {
  auto [status, body] = http_get_status(url);
  if (status != 200) {
    throw std::runtime_error("GET " + url + " answered " + std::to_string(status) + ": " + body);
  }
  return body;
}

std::pair<long, std::string> http_get_status(const std::string& url) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) throw std::runtime_error("curl_easy_init failed");
  std::string body;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return {0, curl_easy_strerror(rc)};
  return {status, body};
}

SandboxProcess::SandboxProcess(const std::string& scenario, double clock_rate,
                               const std::optional<std::string>& epoch)
    : process_([&] {
        std::vector<std::string> argv{KOUBEI_BINARY, "sandbox", "--listen", "127.0.0.1:0",
                                      "--scenario", scenario, "--clock-rate",
                                      std::to_string(clock_rate)};
        if (epoch) {
          argv.push_back("--epoch");
          argv.push_back(*epoch);
        }
        return argv;
      }()) {
  const auto line = process_.read_line(std::chrono::seconds(60));
  if (!line || line->rfind("listening on 127.0.0.1:", 0) != 0) {
    throw std::runtime_error("koubei sandbox did not start: " + line.value_or("(no output)"));
  }
  port_ = std::stoi(line->substr(line->rfind(':') + 1));
}

std::vector<SandboxProcess::TruthItem> SandboxProcess::truth(const std::string& platform,
                                                             const std::string& query,
                                                             Millis since_ms, Millis until_ms) const {
  return read_truth(http_get(base_url() + "/__sandbox/truth?platform=" + platform + "&query=" +
                             url_encode(query) + "&since=" + std::to_string(since_ms) +
                             "&until=" + std::to_string(until_ms)));
}

std::vector<SandboxProcess::TruthItem> SandboxProcess::comments(const std::string& platform,
                                                                const std::string& native_id) const {
  return read_truth(http_get(base_url() + "/__sandbox/truth?platform=" + platform +
                             "&item=" + url_encode(native_id)));
}

std::vector<std::string> SandboxProcess::keywords() const {
  const std::string body = http_get(base_url() + "/__sandbox/world");
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(body);
  std::vector<std::string> out;
  for (simdjson::dom::element q : root["queries"].get_array()) {
    out.emplace_back(q["keyword"].get_string().value());
  }
  return out;
}

std::string SandboxProcess::head_author(const std::string& platform) const {
  const std::string body = http_get(base_url() + "/__sandbox/world");
  simdjson::dom::parser parser;
  return std::string(parser.parse(body)["head_authors"][platform]["id"].get_string().value());
}

std::vector<SandboxProcess::TruthItem> SandboxProcess::truth_by(const std::string& platform,
                                                                const std::string& query,
                                                                Millis since_ms, Millis until_ms,
                                                                const std::string& author) const {
  const std::string body = http_get(base_url() + "/__sandbox/truth?platform=" + platform +
                                    "&query=" + url_encode(query) + "&since=" +
                                    std::to_string(since_ms) + "&until=" + std::to_string(until_ms));
  simdjson::dom::parser parser;
  std::vector<TruthItem> items;
  for (simdjson::dom::element item : parser.parse(body)["items"].get_array()) {
    if (item["author_id"].get_string().value() != author) continue;
    items.push_back({std::string(item["id"].get_string().value()),
                     std::string(item["native_id"].get_string().value()),
                     item["created_ms"].get_int64().value()});
  }
  return items;
}

Millis SandboxProcess::world_now_ms() const {
  const std::string body = http_get(base_url() + "/__sandbox/world");
  simdjson::dom::parser parser;
  return parser.parse(body)["now_ms"].get_int64().value();
}

fs::path write_crawl_config(const fs::path& dir, const SandboxProcess& sandbox,
                            const CrawlSetupOptions& o) {
  fs::create_directories(dir);
  {
    std::ofstream glyphs(dir / "glyphs.json");
    glyphs << http_get(sandbox.base_url() + "/__sandbox/glyphs");
  }
  const std::string base = sandbox.base_url();
  std::ostringstream t;
  t << "[daemon]\nstate_dir = \"" << (dir / "state").string() << "\"\nmetrics_listen = \""
    << o.metrics_listen << "\"\n"
    << "shutdown_grace = \"5s\"\n";
  if (!o.lease_ttl.empty()) t << "lease_ttl = \"" << o.lease_ttl << "\"\n";
  if (!o.member.empty()) t << "member = \"" << o.member << "\"\n";
  if (!o.redis_url.empty()) t << "[redis]\nurl = \"" << o.redis_url << "\"\n";
  if (!o.claim_ttl.empty()) t << "claim_ttl = \"" << o.claim_ttl << "\"\n";
  if (!o.redis_cluster_seeds.empty()) {
    t << "cluster = true\ncluster_seeds = [";
    for (std::size_t i = 0; i < o.redis_cluster_seeds.size(); ++i) {
      t << (i == 0 ? "\"" : ", \"") << o.redis_cluster_seeds[i] << "\"";
    }
    t << "]\n";
  }
  t << "[[sink]]\ntype = \"jsonl\"\npath = \"" << (dir / "out" / "mentions.jsonl").string() << "\"\n";
  t << "[crawl]\nfirst_since = \"" << o.first_since << "\"\nretry_base = \"200ms\"\n"
    << "retry_cap = \"5s\"\nfailure_delay = \"2s\"\ncooldown_rate_limited = \"5s\"\n"
    << "cooldown_captcha = \"10s\"\ncooldown_max = \"30s\"\n";
  struct Login {
    const char* platform;
    const char* cookie;
  };
  for (const Login& l : {Login{"weibo", "SUB"}, Login{"xiaohongshu", "web_session"},
                         Login{"douyin", "sessionid"}, Login{"dianping", "dper"}}) {
    const std::string p = l.platform;
    t << "[platforms." << p << "]\nbase_url = \"" << base << "\"\nweb_url = \"" << base << "\"\n"
      << "rate = \"" << o.rate << "\"\nburst = " << o.burst << "\nconcurrency = 8\n";
    if (p == "xiaohongshu" || p == "douyin") t << "signer_url = \"" << base << "/__sandbox/sign\"\n";
    if (p == "dianping") t << "glyph_map = \"" << (dir / "glyphs.json").string() << "\"\n";
    if (p == "weibo") t << "search_route = \"" << o.weibo_search_route << "\"\n";
    for (int a = 0; a < o.accounts; ++a) {
      t << "[[platforms." << p << ".accounts]]\nname = \"" << p << "-" << a << "\"\ncookie = \""
        << l.cookie << "=e2e-" << a << "\"\n";
    }
  }
  std::string platforms;
  for (const auto& p : o.platforms) platforms += (platforms.empty() ? "\"" : ", \"") + p + "\"";
  for (std::size_t i = 0; i < o.keywords.size(); ++i) {
    t << "[[query]]\nid = \"q" << i << "\"\nkeywords = '" << o.keywords[i] << "'\n"
      << "platforms = [" << platforms << "]\ncomments = " << (o.comments ? "true" : "false")
      << "\ninterval = { min = \"" << o.interval_min << "\", max = \"" << o.interval_max << "\" }\n";
  }
  for (std::size_t i = 0; i < o.shops.size(); ++i) {
    t << "[[query]]\nid = \"shop" << i << "\"\nplatforms = [\"dianping\"]\nkeywords = '"
      << o.shops[i].second << "'\nshops = [\"" << o.shops[i].first << "\"]\n"
      << "interval = { min = \"" << o.interval_min << "\", max = \"" << o.interval_max << "\" }\n";
  }
  t << o.extra;
  const fs::path path = dir / "koubei.toml";
  std::ofstream(path) << t.str();
  return path;
}

Recall recall(const SandboxProcess& sandbox, const std::vector<std::string>& keywords,
              const std::vector<std::string>& platforms, Millis since, Millis until,
              const std::map<std::string, int>& ids) {
  Recall r;
  for (const auto& p : platforms) {
    for (const auto& k : keywords) {
      for (const auto& item : sandbox.truth(p, k, since, until)) {
        ++r.truth;
        if (ids.contains(item.id)) {
          ++r.found;
        } else if (r.missing.size() < 10) {
          r.missing.push_back(item.id);
        }
      }
    }
  }
  return r;
}

std::map<std::string, int> jsonl_ids(const fs::path& dir) {
  std::map<std::string, int> ids;
  if (!fs::exists(dir)) return ids;
  simdjson::dom::parser parser;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".jsonl") continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      auto doc = parser.parse(line);
      if (doc.error()) {
        ids["(unparseable line in " + entry.path().string() + ")"]++;
        continue;
      }
      ids[std::string(doc.value()["id"].get_string().value())]++;
    }
  }
  return ids;
}

ChildProcess start_koubei(const std::vector<std::string>& args, const fs::path& log) {
  std::string command = "exec '" + std::string(KOUBEI_BINARY) + "'";
  for (const auto& a : args) command += " '" + a + "'";
  command += " 2>>'" + log.string() + "'";
  return ChildProcess({"/bin/sh", "-c", command});
}

std::optional<int> wait_exit(ChildProcess& child, std::chrono::milliseconds deadline) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < end) {
    if (auto code = child.try_wait()) return code;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  child.kill_9();
  child.wait();
  return std::nullopt;
}

std::pair<long, std::string> healthz(const std::filesystem::path& log) {
  const std::string text = read_file(log);
  const std::string marker = "metrics and health on http://";
  const auto at = text.find(marker);
  if (at == std::string::npos) return {0, ""};
  const auto begin = at + marker.size();
  const std::string address = text.substr(begin, text.find('/', begin) - begin);
  return http_get_status("http://" + address + "/healthz");
}

}  // namespace koubei::test
