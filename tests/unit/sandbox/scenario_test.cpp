// Scenario files: the shipped ones load; every mistake is reported with file:line:col and key.
#include <catch2/catch.hpp>

#include "config/load.hpp"
#include "sandbox/scenario.hpp"

namespace koubei::sandbox {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_scenario(text, "bad.toml");
  } catch (const config::LoadError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("the shipped scenarios load", "[sandbox][scenario]") {
  const std::string name = GENERATE(as<std::string>{}, "demo", "steady", "crisis", "hostile");
  const Scenario s = load_scenario(std::string(KOUBEI_SOURCE_DIR) + "/config/scenarios/" + name + ".toml");
  CHECK(s.name == name);
  CHECK_FALSE(s.queries.empty());
  CHECK_FALSE(s.shops.empty());
  if (name == "steady") CHECK(s.generate.queries >= 100);
  if (name == "crisis") CHECK(s.crisis);
  if (name == "hostile") {
    CHECK(s.faults.error_rate > 0);
    CHECK(s.limits[0].ip_rate.count > 0);
  }
}

TEST_CASE("scenario errors are located and unknown keys rejected", "[sandbox][scenario]") {
  CHECK_THAT(error_of("[world]\nauthors = 5\n"), Catch::Contains("bad.toml:2:11: world.authors"));
  CHECK_THAT(error_of("[[query]]\nkeyword = \"x\"\nrate = \"fast\"\n"),
             Catch::Contains("bad.toml:3:8: query[0].rate"));
  CHECK_THAT(error_of("[[query]]\nkeyword = \"x\"\nrates = \"1/h\"\n"),
             Catch::Contains("bad.toml:3:1: query[0].rates"));
  CHECK_THAT(error_of("[[query]]\nkeyword = \"x\"\n[crisis]\nkeyword = \"y\"\n"),
             Catch::Contains("bad.toml:4:11: crisis.keyword"));
  CHECK_THAT(error_of("[[query]]\nkeyword = \"x\"\nplatforms = [\"dianping\"]\n"),
             Catch::Contains("query[0].platforms"));
  CHECK_THAT(error_of("[faults]\nerror_rate = 2\n"), Catch::Contains("bad.toml:2:14: faults.error_rate"));
  CHECK_THAT(error_of("name = \n"), Catch::Contains("bad.toml:1:"));
  CHECK_THAT(error_of("[[query]]\nkeyword = \"x\"\n[[query]]\nkeyword = \"x\"\n"),
             Catch::Contains("bad.toml:4:11: query[1].keyword: duplicate keyword"));
}

TEST_CASE("a scenario name that is not shipped is an error", "[sandbox][scenario]") {
  CHECK_THROWS_AS(load_scenario("no-such-scenario"), config::LoadError);
}

}  // namespace koubei::sandbox
