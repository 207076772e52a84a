#include "crawler/requests/request_spec.hpp"

namespace koubei::requests {

std::string_view to_string(Signing s) {
  switch (s) {
    case Signing::kNone: return "none";
    case Signing::kXiaohongshu: return "xiaohongshu";
    case Signing::kDouyin: return "douyin";
  }
  return "unknown";
}

std::string_view RequestSpec::path_and_query() const {
  std::string_view u = url;
  auto scheme = u.find("://");
  if (scheme == std::string_view::npos) return u;
  auto path = u.find('/', scheme + 3);
  return path == std::string_view::npos ? std::string_view("/") : u.substr(path);
}

}  // namespace koubei::requests
