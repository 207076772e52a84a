// The Dianping glyph map file: the sandbox's /__sandbox/glyphs shape loads; every problem names
// the file and what is wrong.
#include "crawler/clients/glyph_map_file.hpp"

#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <string>

using koubei::clients::load_glyph_map;

namespace {

std::string problem(const std::string& path) {
  auto map = load_glyph_map(path);
  REQUIRE_FALSE(map.has_value());
  return map.error().message();
}

}  // namespace

TEST_CASE("a glyph map file {class: character} loads", "[crawler][clients][glyphs]") {
  koubei::test::TempDir dir;
  const auto path = (dir / "glyphs.json").string();
  koubei::test::write_file(path, R"({"ehrrn5":"0","kqfa1t":"好","U+E1F2":"味"})");
  auto map = load_glyph_map(path);
  REQUIRE(map.has_value());
  CHECK(map->size() == 3);
  CHECK(map->at("kqfa1t") == "好");
  CHECK(map->at("U+E1F2") == "味");
  koubei::test::write_file(path, "{}");
  CHECK(load_glyph_map(path)->empty());
}

TEST_CASE("a bad glyph map file is an error naming the file and the problem",
          "[crawler][clients][glyphs]") {
  koubei::test::TempDir dir;
  const auto path = (dir / "glyphs.json").string();
  CHECK(problem(path).find(path + ": ") == 0);  // missing: the OS says why
  const auto [body, expected] = GENERATE(table<std::string, std::string>({
      {R"({"a":"好",)", "not JSON"},
      {R"(["好"])", "expected a JSON object"},
      {R"({"a":1})", "\"a\": expected a non-empty string"},
      {R"({"a":""})", "\"a\": expected a non-empty string"},
      {R"({"":"好"})", "an empty class name"},
  }));
  koubei::test::write_file(path, body);
  INFO(body);
  const std::string message = problem(path);
  CHECK(message.find(path + ": ") == 0);
  CHECK(message.find(expected) != std::string::npos);
}
