#pragma once
// Test support for the sandbox: a sandbox server running in-process on 127.0.0.1 port 0 (its
// own io threads), a small synchronous keep-alive HTTP client (Beast), and parsing a fetched page
// with koubei's parsers at the world's time.
//
// Lifetime: RunningSandbox stops and joins its server in the destructor.

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "parsers/parse.hpp"
#include "sandbox/clock.hpp"
#include "sandbox/enforcer.hpp"
#include "sandbox/router.hpp"
#include "sandbox/server.hpp"
#include "sandbox/world.hpp"

namespace koubei::sandbox::test {

/// 2026-11-22T10:00:00+08:00: the epoch every test world starts at (a frozen clock).
inline constexpr Millis kTestEpoch = 1795312800000;

struct Fetched {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string url;  ///< the request URL as a client would log it (https://host/path?query)
  bool reset = false;
};

class RunningSandbox {
 public:
  RunningSandbox(Scenario scenario, std::uint64_t seed, Millis epoch = kTestEpoch);
  RunningSandbox(const std::string& scenario_name, std::uint64_t seed, Millis epoch = kTestEpoch);
  ~RunningSandbox();

  std::uint16_t port() const { return server_->port(); }
  const World& world() const { return world_; }
  Millis now() const { return clock_.now(); }

 private:
  World world_;
  WorldClock clock_;
  Enforcer enforcer_;
  Router router_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

/// A keep-alive HTTP/1.1 client to one port; reconnects after a reset or a close.
class Client {
 public:
  explicit Client(std::uint16_t port);
  ~Client();

  Fetched get(const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers = {});
  Fetched post(const std::string& target, const std::string& body,
               const std::vector<std::pair<std::string, std::string>>& headers = {});

 private:
  struct Impl;
  Fetched request(const std::string& method, const std::string& target, const std::string& body,
                  const std::vector<std::pair<std::string, std::string>>& headers);
  std::unique_ptr<Impl> impl_;
};

/// Parses a fetched page as `type` at world time `now`.
parsers::ParseResult parse_page(parsers::PageParser& parser, parsers::PageType type,
                                const Fetched& page, Millis now);

/// The JSON body of a sandbox endpoint, parsed (tests/support/json_diff's reader is string-based,
/// so a tiny simdjson DOM view is returned as owned strings).
struct TruthItem {
  std::string id;
  std::string native_id;
  Millis created_ms = 0;
  std::string author_id;
  std::int64_t author_followers = 0;
};
std::vector<TruthItem> read_truth(const std::string& body);

}  // namespace koubei::sandbox::test
