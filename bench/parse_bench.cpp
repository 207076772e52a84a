// Parser throughput per page type on the fixture pages, with the floors underneath in the same
// run: a simdjson DOM parse of the same bytes (JSON pages) and a Gumbo parse of the same bytes
// (HTML pages), and the peer: Debian's /usr/bin/python3 with json/lxml doing the same extraction
// (bench/parse_peer.py). Every fixture with verdict ok in tests/fixtures/*/cases.toml is used; each
// measurement repeats for at least --millis (default 400) ms. Output: a Markdown table.
//
//   koubei_parse_bench [--millis N] [--no-peer] [--only SUBSTRING] [--no-floor]
#include <gumbo.h>
#include <simdjson.h>
#include <toml++/toml.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "parsers/model/timestamp.hpp"
#include "parsers/parse.hpp"

namespace fs = std::filesystem;
using namespace koubei;
using Clock = std::chrono::steady_clock;

namespace {

struct Page {
  std::string file;
  std::string body;  // capacity includes simdjson padding
  std::string url;
};

std::string read_padded(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  return body;
}

std::map<std::string, std::vector<Page>> load_pages() {
  std::map<std::string, std::vector<Page>> pages;
  for (const auto& dir : fs::directory_iterator(KOUBEI_FIXTURE_DIR)) {
    const fs::path cases = dir.path() / "cases.toml";
    if (!fs::exists(cases)) continue;
    const toml::table t = toml::parse_file(cases.string());
    for (const auto& c : *t["case"].as_array()) {
      const auto& table = *c.as_table();
      if (table["verdict"].value_or(std::string()) != "ok") continue;
      Page p;
      p.file = (dir.path() / table["file"].value_or(std::string())).string();
      p.body = read_padded(p.file);
      p.url = table["url"].value_or(std::string());
      pages[table["page_type"].value_or(std::string())].push_back(std::move(p));
    }
  }
  return pages;
}

// Runs `once` (which returns items handled) over all pages until `millis` have passed.
template <class F>
std::pair<double, double> measure(const std::vector<Page>& pages, int millis, F&& once) {
  std::uint64_t bytes = 0;
  std::uint64_t items = 0;
  const auto start = Clock::now();
  const auto until = start + std::chrono::milliseconds(millis);
  do {
    for (const auto& p : pages) {
      items += once(p);
      bytes += p.body.size();
    }
  } while (Clock::now() < until);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return {static_cast<double>(bytes) / seconds / 1e6, static_cast<double>(items) / seconds};
}

bool is_json_body(const std::string& body) {
  for (char c : body) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{' || c == '[';
  }
  return false;
}

// The peer's MB/s and items/s for one page type, from bench/parse_peer.py's one-line output.
std::pair<double, double> run_peer(const std::string& type, const std::vector<Page>& pages,
                                   int millis) {
  std::string command = "/usr/bin/python3 " KOUBEI_PEER_SCRIPT " " + type + " " +
                        std::to_string(millis);
  for (const auto& p : pages) command += " '" + p.file + "'";
  FILE* pipe = popen(command.c_str(), "r");
  double mbps = 0;
  double items = 0;
  if (pipe != nullptr) {
    if (std::fscanf(pipe, "%lf %lf", &mbps, &items) != 2) mbps = items = 0;
    pclose(pipe);
  }
  return {mbps, items};
}

}  // namespace

int main(int argc, char** argv) {
  int millis = 400;
  bool peer = true;
  bool floors = true;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--millis" && i + 1 < argc) millis = std::stoi(argv[++i]);
    if (arg == "--no-peer") peer = false;
    if (arg == "--no-floor") floors = false;
    if (arg == "--only" && i + 1 < argc) only = argv[++i];
  }
  const auto pages = load_pages();
  const auto fetched_at = *model::parse_rfc3339("2026-11-22T02:00:00Z");
  parsers::PageParser parser;
  simdjson::dom::parser raw_json;
  std::printf("| page type | pages | KB | koubei MB/s | mentions/s | simdjson DOM MB/s | Gumbo MB/s "
              "| koubei/floor | python peer MB/s | koubei/peer |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& [type_name, list] : pages) {
    const auto type = parsers::page_type_from_string(type_name);
    if (!type || (!only.empty() && type_name.find(only) == std::string::npos)) continue;
    std::uint64_t kb = 0;
    for (const auto& p : list) kb += p.body.size();
    const auto [mbps, items] = measure(list, millis, [&](const Page& p) {
      parsers::PageInput in{*type, p.body, true, 200, p.url, {}, {}, fetched_at};
      return parser.parse(in).items.size();
    });
    const bool json = is_json_body(list.front().body);
    double json_floor = 0;
    if (json && floors) {
      json_floor = measure(list, millis, [&](const Page& p) {
                     simdjson::dom::element doc;
                     return raw_json.parse(p.body.data(), p.body.size(), false).get(doc) ==
                                    simdjson::SUCCESS
                                ? 1u
                                : 0u;
                   }).first;
    }
    const double gumbo_floor = json || !floors ? 0
                                    : measure(list, millis, [&](const Page& p) {
                                        // The options koubei's Document uses (no error records).
                                        GumboOptions options = kGumboDefaultOptions;
                                        options.max_errors = 0;
                                        GumboOutput* out = gumbo_parse_with_options(
                                            &options, p.body.data(), p.body.size());
                                        gumbo_destroy_output(&kGumboDefaultOptions, out);
                                        return 1u;
                                      }).first;
    const double floor = json ? json_floor : gumbo_floor;
    const auto [peer_mbps, peer_items] = peer ? run_peer(type_name, list, millis)
                                              : std::pair<double, double>{0, 0};
    (void)peer_items;
    std::printf("| %s | %zu | %.1f | %.1f | %.0f | %s | %s | %.0f%% | %s | %s |\n",
                type_name.c_str(), list.size(), static_cast<double>(kb) / 1024, mbps, items,
                json ? std::to_string(static_cast<int>(json_floor)).c_str() : "-",
                json ? "-" : std::to_string(static_cast<int>(gumbo_floor)).c_str(),
                floor > 0 ? 100 * mbps / floor : 0,
                peer_mbps > 0 ? std::to_string(peer_mbps).substr(0, 6).c_str() : "-",
                peer_mbps > 0 ? (std::to_string(static_cast<int>(mbps / peer_mbps)) + "x").c_str()
                              : "-");
  }
  return 0;
}
