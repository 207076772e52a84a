#include "crawler/http/request.hpp"

#include <array>
#include <cctype>

namespace koubei::http {
namespace {

constexpr std::array<std::pair<Method, std::string_view>, 5> kMethods{{
    {Method::kGet, "GET"},
    {Method::kPost, "POST"},
    {Method::kPut, "PUT"},
    {Method::kDelete, "DELETE"},
    {Method::kHead, "HEAD"},
}};

}  // namespace

std::string_view to_string(Method m) {
  for (const auto& [method, name] : kMethods) {
    if (method == m) return name;
  }
  return "GET";
}

std::optional<Method> method_from_string(std::string_view name) {
  for (const auto& [method, upper] : kMethods) {
    if (upper.size() != name.size()) continue;
    bool equal = true;
    for (std::size_t i = 0; i < name.size() && equal; ++i) {
      equal = std::toupper(static_cast<unsigned char>(name[i])) == upper[i];
    }
    if (equal) return method;
  }
  return std::nullopt;
}

}  // namespace koubei::http
