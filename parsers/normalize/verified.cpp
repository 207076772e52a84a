#include "parsers/normalize/verified.hpp"

namespace koubei::normalize {
namespace {

using model::VerifiedType;

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

VerifiedType weibo_verified_type(std::int64_t verified_type) {
  switch (verified_type) {
    case 0: return VerifiedType::kPersonal;
    case 1: return VerifiedType::kGovernment;
    case 2: return VerifiedType::kOrganization;
    case 3: return VerifiedType::kMedia;
    case 4:  // campus
    case 5:  // website
    case 6:  // app
    case 7:  // group / institution
      return VerifiedType::kOrganization;
    default:  // -1 (none), 200 and 220 (微博达人), and values we do not know
      return VerifiedType::kNone;
  }
}

std::optional<VerifiedType> weibo_badge_type(std::string_view svg_id) {
  if (svg_id == "woo_svg_vblue") return VerifiedType::kOrganization;
  if (svg_id == "woo_svg_vyellow" || svg_id == "woo_svg_vorange" || svg_id == "woo_svg_vgold") {
    return VerifiedType::kPersonal;
  }
  return std::nullopt;
}

VerifiedType douyin_verified_type(std::string_view custom_verify,
                                  std::string_view enterprise_verify_reason) {
  if (!is_blank(enterprise_verify_reason)) return VerifiedType::kOrganization;
  if (!is_blank(custom_verify)) return VerifiedType::kPersonal;
  return VerifiedType::kNone;
}

bool is_verified(VerifiedType type) { return type != VerifiedType::kNone; }

}  // namespace koubei::normalize
