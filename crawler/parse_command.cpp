// koubei parse --page-type TYPE [--url URL] [--fetched-at TIME] [--status N] [--final-url URL]
//              [--header "Name: value"]... [--summary-json] [--config FILE]
//              [--keywords EXPR [--query-id ID]] [--alerts] [FILE...]
// Offline: saved responses in, mention JSONL out (stdout) with influence and sentiment; with
// --keywords only the items the expression matches, with `query` filled. Verdict, cursor and
// diagnostics on stderr, human-readable or one JSON object per page. With --alerts (needs --config)
// the configured alert rules run over the emitted mentions and the alerts are delivered to the
// configured channels (crawler/parse_alerts.hpp); a summary line follows on stderr. Exit 0 when every page is ok/empty, 3 when
// some page failed (its verdict is neither), 1 when a file cannot be read, 2 for usage errors.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "analysis/influence.hpp"
#include "analysis/keywords/matcher.hpp"
#include "analysis/sentiment/analyzer.hpp"
#include "config/utf8.hpp"
#include "config/json_string.hpp"
#include "config/load.hpp"
#include "config/logging.hpp"
#include "crawler/commands.hpp"
#include "crawler/parse_alerts.hpp"
#include "crawler/time_arg.hpp"
#include "parsers/model/mention_json.hpp"
#include "parsers/model/timestamp.hpp"
#include "parsers/parse.hpp"

namespace koubei::cli {
namespace {

struct ParseOptions {
  std::string page_type;
  std::string url;
  std::string fetched_at;
  std::string final_url;
  int status = 0;
  std::vector<std::string> headers;  // "Name: value"
  bool summary_json = false;
  std::string config_file;
  std::string keywords;
  std::string query_id = "adhoc";
  bool alerts = false;
  std::vector<std::string> files;
};

// Reads a whole file (or stdin for "-") with simdjson's padding reserved behind it.
bool read_padded(const std::string& path, std::string& out) {
  const int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.clear();
  char buf[1 << 16];
  ssize_t n = 0;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  if (fd != STDIN_FILENO) ::close(fd);
  if (n < 0) return false;
  out.reserve(out.size() + simdjson::SIMDJSON_PADDING);
  return true;
}

std::string summary_json(const std::string& file, const parsers::PageInput& page,
                         const parsers::ParseResult& r, std::size_t emitted,
                         std::size_t unmatched) {
  std::string out = "{\"file\":";
  text::append_json_string(file, out);
  out += ",\"page_type\":\"" + std::string(parsers::to_string(page.type)) + "\"";
  out += ",\"verdict\":\"" + std::string(parsers::to_string(r.verdict)) + "\",\"detail\":";
  text::append_json_string(r.detail, out);
  out += ",\"items\":" + std::to_string(emitted) + ",\"skipped\":" + std::to_string(r.skipped);
  out += ",\"unmatched\":" + std::to_string(unmatched);
  out += ",\"unknown_glyphs\":" + std::to_string(r.unknown_glyphs) + ",\"next\":";
  if (r.next.end) {
    out += "null";
  } else {
    text::append_json_string(r.next.value, out);
  }
  out += ",\"truncated\":[";
  bool first = true;
  for (const auto& item : r.items) {
    if (!item.truncated) continue;
    if (!first) out += ",";
    first = false;
    text::append_json_string(item.mention.id(), out);
  }
  out += "],\"authors\":[";
  for (std::size_t i = 0; i < r.authors.size(); ++i) {
    const auto& a = r.authors[i];
    out += i == 0 ? "{\"id\":" : ",{\"id\":";
    text::append_json_string(a.id, out);
    out += ",\"followers\":" + (a.followers ? std::to_string(*a.followers) : std::string("null"));
    out += ",\"verified_type\":";
    out += a.verified_type ? "\"" + std::string(model::to_string(*a.verified_type)) + "\"" : "null";
    out += "}";
  }
  out += "],\"diagnostics\":[";
  for (std::size_t i = 0; i < r.diagnostics.size(); ++i) {
    out += i == 0 ? "{\"where\":" : ",{\"where\":";
    text::append_json_string(r.diagnostics[i].where, out);
    out += ",\"reason\":";
    text::append_json_string(r.diagnostics[i].reason, out);
    out += "}";
  }
  out += "]}";
  return out;
}

void print_human(const std::string& file, const parsers::PageInput& page,
                 const parsers::ParseResult& r, std::size_t emitted, std::size_t unmatched) {
  std::cerr << file << ": " << parsers::to_string(page.type) << " verdict "
            << parsers::to_string(r.verdict);
  if (!r.detail.empty()) std::cerr << " (" << r.detail << ")";
  std::cerr << ", " << emitted << " mentions, " << r.skipped << " skipped";
  if (unmatched != 0) std::cerr << ", " << unmatched << " not matching --keywords";
  std::cerr << ", next "
            << (r.next.end ? std::string("end") : r.next.value);
  if (r.unknown_glyphs != 0) std::cerr << ", " << r.unknown_glyphs << " unknown glyphs";
  std::cerr << "\n";
  for (const auto& d : r.diagnostics) std::cerr << "  " << d.where << ": " << d.reason << "\n";
}

int run_parse(const ParseOptions& o) {
  const auto type = parsers::page_type_from_string(o.page_type);
  if (!type) {
    std::cerr << "koubei parse: unknown page type \"" << o.page_type << "\" (expected one of:";
    for (auto t : parsers::kAllPageTypes) std::cerr << " " << parsers::to_string(t);
    std::cerr << ")\n";
    return kExitUsage;
  }
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now());
  model::Timestamp fetched_at = now;
  if (!o.fetched_at.empty()) {
    const auto t = parse_time_arg(o.fetched_at, now);
    if (!t) {
      std::cerr << "koubei parse: --fetched-at \"" << o.fetched_at
                << "\" is not a time (expected 2026-11-01, 2026-11-01T08:00:00+08:00 or -12h)\n";
      return kExitUsage;
    }
    fetched_at = *t;
  }
  std::vector<parsers::Header> headers;
  for (const auto& h : o.headers) {
    const auto colon = h.find(':');
    if (colon == std::string::npos || colon == 0) {
      std::cerr << "koubei parse: --header \"" << h << "\" is not \"Name: value\"\n";
      return kExitUsage;
    }
    std::string_view value = std::string_view(h).substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    headers.push_back({std::string_view(h).substr(0, colon), value});
  }
  // Influence weights and parse limits come from --config when given, else the spec's defaults.
  analysis::InfluenceParams influence;
  parsers::ParseLimits limits;
  std::optional<config::Config> loaded;
  if (o.alerts && o.config_file.empty()) {
    std::cerr << "koubei parse: --alerts needs --config (the [alerts] rules and channels)\n";
    return kExitUsage;
  }
  if (!o.config_file.empty()) {
    try {
      const config::Config& cfg = loaded.emplace(config::load(o.config_file));
      influence = analysis::influence_params(cfg.influence);
      limits.max_body = cfg.http.max_decompressed;
      limits.max_items = cfg.parse.max_items;
      limits.max_dom_depth = cfg.parse.max_dom_depth;
      limits.max_dom_nodes = cfg.parse.max_dom_nodes;
    } catch (const config::LoadError& e) {
      std::cerr << e.what();
      return kExitUsage;
    }
  }
  // OpenCC and the lexicon load once; a broken installation is a start-up failure.
  std::unique_ptr<analysis::keywords::TextFolder> folder;
  std::optional<analysis::sentiment::SentimentAnalyzer> sentiment;
  std::optional<analysis::keywords::KeywordMatcher> matcher;
  try {
    folder = std::make_unique<analysis::keywords::TextFolder>();
    sentiment.emplace(*folder, analysis::sentiment::Lexicon::builtin(*folder));
  } catch (const std::exception& e) {
    std::cerr << "koubei parse: " << e.what() << "\n";
    return kExitFailure;
  }
  if (!o.keywords.empty()) {
    const std::string expression = text::sanitize_utf8(o.keywords);
    auto parsed = analysis::keywords::parse_expression(expression);
    std::optional<analysis::keywords::SyntaxError> error = parsed.error;
    if (parsed.ok()) error = analysis::keywords::search_terms(*parsed.expression).error;
    if (error) {
      std::cerr << "koubei parse: --keywords: " << error->format(expression) << "\n";
      return kExitUsage;
    }
    matcher.emplace(std::move(*parsed.expression), *folder);
  }
  std::unique_ptr<ParseAlerts> alerts;
  if (o.alerts) {
    // Alert log lines go to stderr, redacted; stdout stays the mention JSONL.
    config::install_logging(loaded->log,
                            std::make_shared<const config::Redactor>(loaded->redactor()));
    try {
      alerts = std::make_unique<ParseAlerts>(*loaded, *folder);
    } catch (const std::exception& e) {
      std::cerr << "koubei parse: --alerts: " << e.what() << "\n";
      return kExitUsage;
    }
  }
  parsers::PageParser parser(limits);
  std::vector<std::string> files = o.files;
  if (files.empty()) files.push_back("-");
  int exit_code = kExitOk;
  std::string body;
  std::string out;
  for (const auto& file : files) {
    if (!read_padded(file, body)) {
      std::cerr << "koubei parse: " << file << ": cannot read: " << std::strerror(errno) << "\n";
      exit_code = kExitFailure;
      continue;
    }
    parsers::PageInput page{*type, body, true, o.status, o.url, o.final_url, headers, fetched_at};
    parsers::ParseResult r = parser.parse(page);
    out.clear();
    std::size_t emitted = 0;
    std::size_t unmatched = 0;
    for (auto& item : r.items) {
      if (matcher) {
        const auto match = matcher->match(item.mention.title.value_or(""), item.mention.text);
        if (!match.matched) {
          ++unmatched;
          continue;
        }
        item.mention.query = model::QueryMatch{o.query_id, match.terms};
      }
      item.mention.influence = analysis::compute_influence(item.mention, influence);
      item.mention.sentiment = sentiment->analyze(item.mention);
      if (const std::string problem = model::check_mention(item.mention); !problem.empty()) {
        ++r.skipped;
        r.diagnostics.push_back({item.mention.id(), "record not emitted: " + problem});
        continue;
      }
      model::append_json(item.mention, out);
      out.push_back('\n');
      ++emitted;
      if (alerts) alerts->observe(item.mention, fetched_at);
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    if (o.summary_json) {
      std::cerr << summary_json(file, page, r, emitted, unmatched) << "\n";
    } else {
      print_human(file, page, r, emitted, unmatched);
    }
    if (!parsers::is_success(r.verdict) && exit_code == kExitOk) exit_code = kExitPartial;
  }
  std::fflush(stdout);
  if (alerts && !alerts->finish(std::cerr)) exit_code = kExitFailure;
  return exit_code;
}

}  // namespace

void add_parse(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<ParseOptions>();
  CLI::App* cmd = app.add_subcommand(
      "parse", "Parse saved responses into mention JSONL (stdout); verdicts on stderr");
  cmd->add_option("--page-type", o->page_type, "Page type, e.g. weibo.search_api")->required();
  cmd->add_option("--url", o->url, "The request URL of the page (ids, cursor context)");
  cmd->add_option("--fetched-at", o->fetched_at,
                  "When the page was fetched: 2026-11-01, RFC 3339, or -12h (default: now)");
  cmd->add_option("--status", o->status, "HTTP status of the response (default: 200)")
      ->check(CLI::Range(100, 599));
  cmd->add_option("--final-url", o->final_url, "Where redirects ended, if they did");
  cmd->add_option("--header", o->headers, "A response header, \"Name: value\" (repeatable)");
  cmd->add_flag("--summary-json", o->summary_json, "Write the per-page summary as JSON lines");
  cmd->add_option("--config,-c", o->config_file,
                  "Configuration for influence weights and parse limits (default: built-in)");
  cmd->add_option("--keywords", o->keywords,
                  "Keep only items matching this expression, e.g. '华为 AND (信号 OR 网络) NOT 广告'; "
                  "fills each record's query");
  cmd->add_option("--query-id", o->query_id, "Query id written into records with --keywords")
      ->default_val("adhoc");
  cmd->add_flag("--alerts", o->alerts,
                "Run the [alerts] rules of --config over the mentions and deliver the alerts "
                "(log, webhook, Redis Stream, dead-letter file); summary on stderr");
  cmd->add_option("files", o->files, "Saved response files (stdin when none)");
  cmd->callback([o, exit_code] { *exit_code = run_parse(*o); });
}

}  // namespace koubei::cli
