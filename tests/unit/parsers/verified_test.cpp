#include "parsers/normalize/verified.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>

using koubei::model::VerifiedType;
using koubei::normalize::douyin_verified_type;
using koubei::normalize::is_verified;
using koubei::normalize::weibo_badge_type;
using koubei::normalize::weibo_verified_type;

TEST_CASE("weibo_verified_type follows Weibo's documented verified_type values",
          "[parsers][normalize]") {
  const auto [input, expected] = GENERATE(table<std::int64_t, VerifiedType>({
      {-1, VerifiedType::kNone},
      {0, VerifiedType::kPersonal},
      {1, VerifiedType::kGovernment},
      {2, VerifiedType::kOrganization},
      {3, VerifiedType::kMedia},
      {4, VerifiedType::kOrganization},
      {5, VerifiedType::kOrganization},
      {6, VerifiedType::kOrganization},
      {7, VerifiedType::kOrganization},
      {8, VerifiedType::kNone},
      {200, VerifiedType::kNone},
      {220, VerifiedType::kNone},
      {-2, VerifiedType::kNone},
      {std::numeric_limits<std::int64_t>::max(), VerifiedType::kNone},
      {std::numeric_limits<std::int64_t>::min(), VerifiedType::kNone},
  }));
  CAPTURE(input);
  CHECK(weibo_verified_type(input) == expected);
}

TEST_CASE("weibo_badge_type maps s.weibo.com badge ids and nothing else", "[parsers][normalize]") {
  const auto [input, expected] = GENERATE(table<std::string_view, std::optional<VerifiedType>>({
      {"woo_svg_vblue", VerifiedType::kOrganization},
      {"woo_svg_vyellow", VerifiedType::kPersonal},
      {"woo_svg_vorange", VerifiedType::kPersonal},
      {"woo_svg_vgold", VerifiedType::kPersonal},
      {"", std::nullopt},
      {"woo_svg_vblu", std::nullopt},
      {"WOO_SVG_VBLUE", std::nullopt},
      {"woo_svg_vblue ", std::nullopt},
      {"woo_svg_vip", std::nullopt},
  }));
  CAPTURE(input);
  CHECK(weibo_badge_type(input) == expected);
}

TEST_CASE("douyin_verified_type prefers the enterprise reason over custom_verify",
          "[parsers][normalize]") {
  const auto [custom, enterprise, expected] =
      GENERATE(table<std::string_view, std::string_view, VerifiedType>({
          {"", "", VerifiedType::kNone},
          {"  ", " \t", VerifiedType::kNone},
          {"知名美食博主", "", VerifiedType::kPersonal},
          {"", "某某餐饮管理有限公司", VerifiedType::kOrganization},
          {"官方账号", "某某餐饮管理有限公司", VerifiedType::kOrganization},
      }));
  CAPTURE(custom, enterprise);
  CHECK(douyin_verified_type(custom, enterprise) == expected);
}

TEST_CASE("is_verified is false only for kNone", "[parsers][normalize]") {
  const auto [type, expected] = GENERATE(table<VerifiedType, bool>({
      {VerifiedType::kPersonal, true},
      {VerifiedType::kOrganization, true},
      {VerifiedType::kGovernment, true},
      {VerifiedType::kMedia, true},
      {VerifiedType::kNone, false},
  }));
  CHECK(is_verified(type) == expected);
}

TEST_CASE("verification helpers survive pseudo-random input", "[parsers][normalize]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 3000; ++i) {
    std::string a(rng() % 20, '\0');
    std::string b(rng() % 3 == 0 ? 0 : rng() % 20, '\0');
    for (char& c : a) c = static_cast<char>(rng() % 256);
    for (char& c : b) c = static_cast<char>(rng() % 256);
    CAPTURE(a, b);
    const auto value = static_cast<std::int64_t>(rng());
    if (value < 0 || value > 7) REQUIRE(weibo_verified_type(value) == VerifiedType::kNone);
    REQUIRE_FALSE(weibo_badge_type(a).has_value());  // random bytes are never a known badge id
    const VerifiedType douyin = douyin_verified_type(a, b);
    REQUIRE((douyin == VerifiedType::kOrganization) ==
            (b.find_first_not_of(" \t\r\n") != std::string::npos));
  }
}
