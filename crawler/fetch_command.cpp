// koubei fetch URL [--method M] [--header "Name: value"]... [--data BODY] [--proxy URL]
//                  [--max-redirects N] [--config FILE] [--out FILE] [--verbose]
// How an operator checks a platform URL by hand, through the same engine and limits as the daemon:
// status, final URL, redirect chain and timings on stderr (URLs redacted, Set-Cookie values
// masked), the body on stdout or --out. Exit 0 for a 2xx/3xx answer, 1 for a failed fetch or a
// 4xx/5xx answer, 2 for usage or configuration errors.
#include "config/load.hpp"
#include "config/secret.hpp"
#include "crawler/commands.hpp"
#include "crawler/http/http_engine.hpp"

#include <boost/asio/use_future.hpp>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

namespace koubei::cli {
namespace {

struct FetchOptions {
  std::string url;
  std::string method = "GET";
  std::vector<std::string> headers;
  std::string data;
  std::string proxy;
  std::string config_file;
  std::string out;
  int max_redirects = -1;
  bool verbose = false;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  return s;
}

bool is_set_cookie(std::string_view name) {
  constexpr std::string_view kName = "set-cookie";
  if (name.size() != kName.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(name[i])) != kName[i]) return false;
  }
  return true;
}

std::string ms(std::chrono::microseconds d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f ms", static_cast<double>(d.count()) / 1000.0);
  return buf;
}

void print_summary(const http::Response& r, bool verbose) {
  for (const auto& hop : r.redirects) {
    std::cerr << "redirect: " << hop.status << ' ' << config::redact_url(hop.url) << " -> "
              << config::redact_url(hop.location) << '\n';
  }
  if (r.status != 0) std::cerr << "status: " << r.status << " (HTTP/" << r.http_version << ")\n";
  std::cerr << "final url: " << config::redact_url(r.final_url) << '\n';
  const http::Timings& t = r.timings;
  std::cerr << "timings: dns " << ms(t.dns) << ", connect " << ms(t.connect) << ", tls "
            << ms(t.tls) << ", first byte " << ms(t.first_byte) << ", total " << ms(t.total)
            << '\n';
  std::cerr << "body: " << r.body.size() << " bytes (" << r.wire_bytes << " on the wire)\n";
  if (verbose) {
    for (const auto& [name, value] : r.headers.entries()) {
      const bool cookie = is_set_cookie(name);
      std::cerr << "header: " << name << ": "
                << (cookie ? value.substr(0, value.find('=') + 1) + std::string(config::kMask)
                           : value)
                << '\n';
    }
  }
  if (!r.ok())
    std::cerr << "error: " << http::to_string(r.errc()) << ": " << r.error.message() << '\n';
}

int run_fetch(const FetchOptions& o) {
  config::HttpConfig http_config;
  if (!o.config_file.empty()) {
    try {
      http_config = config::load(o.config_file).http;
    } catch (const config::LoadError& e) {
      std::cerr << e.what();
      return kExitUsage;
    }
  }
  http::Request request;
  request.url = o.url;
  const auto method = http::method_from_string(o.method);
  if (!method) {
    std::cerr << "fetch: unknown --method " << o.method << " (GET, POST, PUT, DELETE, HEAD)\n";
    return kExitUsage;
  }
  request.method = *method;
  for (const std::string& h : o.headers) {
    const auto colon = h.find(':');
    if (colon == std::string::npos || colon == 0) {
      std::cerr << "fetch: --header must look like \"Name: value\"\n";
      return kExitUsage;
    }
    request.headers.emplace_back(std::string(trim(std::string_view(h).substr(0, colon))),
                                 std::string(trim(std::string_view(h).substr(colon + 1))));
  }
  request.body = o.data;
  if (!o.data.empty() && request.method == http::Method::kGet) request.method = http::Method::kPost;
  request.proxy = config::Secret(o.proxy);
  if (o.max_redirects >= 0) request.max_redirects = static_cast<std::uint32_t>(o.max_redirects);

  std::cerr << http::to_string(request.method) << ' ' << config::redact_url(o.url) << '\n';
  http::Response r;
  {
    http::HttpEngine engine(http_config);
    r = engine.async_fetch(std::move(request), boost::asio::use_future).get();
  }
  print_summary(r, o.verbose);
  if (!o.out.empty()) {
    std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
    out.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
    if (!out.flush()) {
      std::cerr << "fetch: cannot write " << o.out << '\n';
      return kExitFailure;
    }
  } else {
    std::cout.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
    std::cout.flush();
  }
  return r.ok() && r.status < 400 ? kExitOk : kExitFailure;
}

}  // namespace

void add_fetch(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<FetchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "fetch", "Fetch one URL through koubei's HTTP engine and show status, redirects and timings");
  cmd->add_option("url", o->url, "Absolute http(s) URL")->required();
  cmd->add_option("--method,-X", o->method, "GET, POST, PUT, DELETE or HEAD");
  cmd->add_option("--header,-H", o->headers, "Request header \"Name: value\" (repeatable)");
  cmd->add_option("--data,-d", o->data, "Request body (makes the default method POST)");
  cmd->add_option("--proxy", o->proxy, "http://, https:// or socks5:// proxy URL");
  cmd->add_option("--max-redirects", o->max_redirects, "Same-site redirects to follow")
      ->check(CLI::Range(0, 30));
  cmd->add_option("--config,-c", o->config_file, "Configuration file (TOML) for the [http] limits");
  cmd->add_option("--out,-o", o->out, "Write the body here instead of stdout");
  cmd->add_flag("--verbose,-v", o->verbose, "Also print the response headers");
  cmd->callback([o, exit_code] { *exit_code = run_fetch(*o); });
}

}  // namespace koubei::cli
