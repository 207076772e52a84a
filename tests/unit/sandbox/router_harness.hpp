#pragma once
// Sans-IO harness for sandbox tests: a World, a frozen clock, an Enforcer and a Router built from
// scenario TOML, plus valid requests for every page type (signed, with a login cookie) that a test
// can then spoil (drop the cookie, break the signature, reuse an IP) to see the platform's answer
// parsed by koubei's parsers.

#include <string>

#include "parsers/parse.hpp"
#include "sandbox/router.hpp"
#include "sandbox/world.hpp"
#include "tests/unit/sandbox/sandbox_fixture.hpp"

namespace koubei::sandbox::test {

class Harness {
 public:
  explicit Harness(const std::string& scenario_toml, std::uint64_t seed = 7);

  const World& world() const { return world_; }

  /// A valid request of `type` for an existing item of the first query (or shop).
  Request request_for(parsers::PageType type) const;
  /// Sets the login cookie (empty: none) and the client IP.
  static void identify(Request& r, parsers::PageType type, const std::string& session, const std::string& ip);

  Response handle(const Request& r) { return router_.handle(r); }
  parsers::ParseResult parse(parsers::PageType type, const Request& req, const Response& res);

 private:
  World world_;
  WorldClock clock_;
  Enforcer enforcer_;
  Router router_;
  parsers::PageParser parser_;
};

/// A scenario with one query on every platform and one shop, plus `extra` TOML.
std::string scenario_toml(const std::string& extra = "");

}  // namespace koubei::sandbox::test
